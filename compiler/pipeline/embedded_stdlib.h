// Phase: pipeline (read by the import loader and by `svcc lsp`, which writes it to disk).
// The standard library embedded at build time (cmake/embed_files.cmake generates the
// definition): relative path ("std/runtime.svc") -> file text, sorted by path.
#pragma once

#include <span>
#include <string_view>

namespace svcc {

struct EmbeddedFile {
  std::string_view path;
  std::string_view text;
};

std::span<const EmbeddedFile> embeddedStdlib();

}  // namespace svcc
