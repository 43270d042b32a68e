// Phase: lsp (the standard library on disk).
// Takes the embedded standard library; hands out a directory holding it as files, so
// that go to definition can open `std/runtime.svc` although svcc reads it from memory.
#pragma once

#include <optional>
#include <string>

namespace svcc::lsp {

// `$XDG_CACHE_HOME/svcc/stdlib-VERSION` (else `~/.cache/…`) with every embedded file
// below it, written read-only on first use and rewritten only when its text differs;
// nullopt when no cache directory can be written. Computed once per process.
std::optional<std::string> stdlibCacheDir();

}  // namespace svcc::lsp
