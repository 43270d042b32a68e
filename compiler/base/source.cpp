#include "base/source.h"

#include <algorithm>

namespace svcc {

namespace {

// Number of UTF-16 code units in a UTF-8 byte sequence. Invalid bytes count as one
// unit each, which is what editors do with replacement characters.
uint32_t utf16Length(std::string_view bytes) {
  uint32_t units = 0;
  for (size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > bytes.size()) len = 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

}  // namespace

void SourceFile::buildLineTable() const {
  if (!line_starts.empty()) return;
  line_starts.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts.push_back(i + 1);
  }
}

uint32_t SourceFile::lineCount() const {
  buildLineTable();
  return static_cast<uint32_t>(line_starts.size());
}

Location SourceFile::locate(uint32_t offset) const {
  buildLineTable();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  uint32_t line_index = static_cast<uint32_t>(it - line_starts.begin()) - 1;
  uint32_t start = line_starts[line_index];
  std::string_view before(text.data() + start, offset - start);
  return {line_index + 1, offset - start + 1, utf16Length(before) + 1, offset};
}

std::string_view SourceFile::lineText(uint32_t line) const {
  buildLineTable();
  if (line == 0 || line > line_starts.size()) return {};
  uint32_t start = line_starts[line - 1];
  uint32_t end = line < line_starts.size() ? line_starts[line] : static_cast<uint32_t>(text.size());
  std::string_view view(text.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

FileId SourceManager::add(std::string path, std::string text, bool is_stdlib) {
  FileId id = static_cast<FileId>(files_.size());
  SourceFile& f = files_.emplace_back();
  f.id = id;
  f.path = std::move(path);
  f.text = std::move(text);
  f.is_stdlib = is_stdlib;
  return id;
}

std::string_view SourceManager::text(const Span& span) const {
  const std::string& t = files_[span.file].text;
  if (span.begin > t.size() || span.end > t.size() || span.end < span.begin) return {};
  return std::string_view(t).substr(span.begin, span.end - span.begin);
}

}  // namespace svcc
