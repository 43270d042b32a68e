// Phase: base (used by the driver's load phase).
// Takes paths from the command line; hands out file contents and the sorted list of
// `*.svc` files they name, with paths as users should see them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace svcc {

struct ReadResult {
  bool ok = false;
  std::string text;
  bool too_large = false;  // larger than the limit asked for; `text` is left empty
  std::string error;       // set when !ok: "no such file or directory", …
};

// Reads a whole file in binary mode. Files larger than `max_bytes` are not read:
// the result is an error naming the limit.
ReadResult readFile(const std::filesystem::path& path, size_t max_bytes);

// How a path is shown in diagnostics and golden files: relative to the working
// directory when below it, normalised, with '/' separators.
std::string displayPath(const std::filesystem::path& path);

// The deepest directory holding every one of `files` (absolute, lexically normal): the
// app root that paths in generated output are relative to, whatever the working directory.
std::filesystem::path commonDirectory(const std::vector<std::filesystem::path>& files);

struct InputFile {
  std::filesystem::path path;  // as given (or found below a given directory)
  std::string display;         // displayPath(path)
};

struct ExpandedInputs {
  std::vector<InputFile> files;  // sorted by display path, each file once
  std::vector<std::string> missing;     // arguments that do not exist, as given, sorted
  std::vector<std::string> empty_dirs;  // directories holding no `*.svc` file, as given
};

// Expands each argument: a file is taken as it is (whatever its extension), a
// directory stands for every `*.svc` below it, recursively.
ExpandedInputs expandInputs(const std::vector<std::string>& args);

}  // namespace svcc
