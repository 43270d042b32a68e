// Phase: base (used by the driver's load phase).
// Takes paths from the command line; hands out file contents and the sorted list of
// `*.svc` files they name, with paths as users should see them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcc {

// Sources (inputs and imports) larger than this are refused before they are read (E0004).
inline constexpr size_t kMaxSourceBytes = size_t{16} << 20;

struct ReadResult {
  bool ok = false;
  std::string text;
  bool too_large = false;    // larger than the limit asked for; `text` is left empty
  bool not_regular = false;  // a directory, FIFO, device or socket: never read
  bool missing = false;      // nothing at that path
  std::string error;         // set when !ok: "no such file or directory", "it is a named pipe (FIFO)", …
};

// Reads a whole regular file in binary mode. Anything else (a directory, a FIFO, a
// device, a socket) is refused before it is opened for reading: a FIFO would block the
// open and a device could be read without end. Files larger than `max_bytes` are not
// read either: the result is an error naming the limit.
ReadResult readFile(const std::filesystem::path& path, size_t max_bytes);

// What a file of mode `st_mode` is, for messages: "a directory", "a named pipe (FIFO)", …
std::string fileKind(unsigned st_mode);

// The first byte of `text` that a source may not hold: a NUL or a byte that starts no
// valid UTF-8 sequence. Found before a file from disk is shown anywhere, so that a file
// that is not text (`/proc/self/environ`) is reported by position, never quoted.
struct EncodingError {
  size_t offset = 0;
  uint32_t line = 1, column = 1;  // 1-based; column in code points
  unsigned char byte = 0;
  bool nul = false;
};
std::optional<EncodingError> firstEncodingError(std::string_view text);

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
  std::vector<InputFile> files;         // sorted by display path, each file once
  std::vector<std::string> missing;     // arguments that do not exist, as given, sorted
  std::vector<std::string> empty_dirs;  // directories holding no `*.svc` file, as given
};

// Expands each argument: a file is taken as it is (loading then refuses one that is not
// a regular `.svc` file, pipeline/source_load.h), a
// directory stands for every `*.svc` below it, recursively.
ExpandedInputs expandInputs(const std::vector<std::string>& args);

}  // namespace svcc
