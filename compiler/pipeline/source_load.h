// Phase: pipeline (load), shared by the inputs and the import loader (pipeline/imports.h).
// Takes a path on disk; hands out its bytes when the file may be a source: a regular
// `.svc` file within the size limit, UTF-8 text without NUL bytes. Otherwise reports why
// (E0012, E0013, E0004, E0001, E0002, E0003) without ever quoting the file's content:
// an import of `/proc/self/environ` must not print the environment into a CI log.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/source.h"
#include "diagnostics/diagnostic.h"

namespace svcc {

struct SourceLoad {
  std::optional<std::string> text;  // set when the file may be compiled
  bool missing = false;             // nothing at the path: not reported, the caller says how
  bool refused = false;             // reported for what the file is (not for what it says): exit 2 for an input
};

// True for a name ending in `.svc`.
bool hasSourceExtension(const std::filesystem::path& path);

// `shown` is the path as diagnostics name it; `at` is where the path was written (an
// import's string) or Span{} for the command line.
SourceLoad loadSourceFile(const std::filesystem::path& path, const std::string& shown, Span at, Diagnostics& diags);

}  // namespace svcc
