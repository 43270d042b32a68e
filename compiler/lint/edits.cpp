#include "lint/edits.h"

#include <algorithm>

namespace svcc::lint {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

uint32_t lineStart(const std::string& text, uint32_t offset) {
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

}  // namespace

Span lineDeletion(const SourceFile& file, Span span) {
  const std::string& text = file.text;
  uint32_t begin = span.begin;
  while (begin > 0 && blank(text[begin - 1])) --begin;
  uint32_t end = span.end;
  while (end < text.size() && blank(text[end])) ++end;
  if (text.compare(end, 2, "//") == 0) end = static_cast<uint32_t>(std::min(text.find('\n', end), text.size()));
  if (end < text.size() && text[end] == '\r') ++end;
  bool alone = (begin == 0 || text[begin - 1] == '\n') && (end == text.size() || text[end] == '\n');
  if (!alone) return span;
  if (end < text.size()) ++end;
  return {span.file, begin, end};
}

std::string lineBefore(const SourceFile& file, Span at, const std::string& stmt) {
  uint32_t indent_end = lineStart(file.text, at.begin);
  uint32_t indent_begin = indent_end;
  while (indent_end < at.begin && blank(file.text[indent_end])) ++indent_end;
  return stmt + "\n" + file.text.substr(indent_begin, indent_end - indent_begin);
}

}  // namespace svcc::lint
