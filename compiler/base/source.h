// Phase: base (shared by every phase).
// Takes file paths and bytes; hands out FileIds, Spans and line/column locations.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace svcc {

// Index into SourceManager's files. Ids are given out in load order.
using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = kNoFile;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != kNoFile; }
  uint32_t size() const { return end - begin; }
  // The smallest span covering both (same file assumed).
  Span to(const Span& other) const { return {file, begin, other.end}; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A 1-based position, derived from a byte offset on demand.
struct Location {
  uint32_t line = 1;          // 1-based
  uint32_t column = 1;        // 1-based, in bytes
  uint32_t utf16_column = 1;  // 1-based, in UTF-16 code units (what LSP clients count)
  uint32_t offset = 0;        // byte offset
};

struct SourceFile {
  FileId id = kNoFile;
  std::string path;  // as shown to users: relative to the working directory, '/'-separated
  std::string text;
  bool is_stdlib = false;

  // Byte offsets of the first byte of every line; built lazily.
  mutable std::vector<uint32_t> line_starts;

  Location locate(uint32_t offset) const;
  // The text of 1-based line `line`, without its line terminator.
  std::string_view lineText(uint32_t line) const;
  uint32_t lineCount() const;

 private:
  void buildLineTable() const;
};

// Owns every loaded file; references to SourceFile stay valid for its lifetime.
class SourceManager {
 public:
  FileId add(std::string path, std::string text, bool is_stdlib = false);
  const SourceFile& file(FileId id) const { return files_[id]; }
  size_t size() const { return files_.size(); }
  Location locate(const Span& span) const { return files_[span.file].locate(span.begin); }
  Location locateEnd(const Span& span) const { return files_[span.file].locate(span.end); }
  std::string_view text(const Span& span) const;

 private:
  std::deque<SourceFile> files_;  // deque: stable addresses as files are added
};

}  // namespace svcc
