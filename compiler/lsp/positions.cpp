#include "lsp/positions.h"

#include <algorithm>

namespace svcc::lsp {

Json position(const SourceFile& file, uint32_t offset) {
  Location loc = file.locate(offset);
  return Json{{"line", loc.line - 1}, {"character", loc.utf16_column - 1}};
}

Json range(const SourceFile& file, uint32_t begin, uint32_t end) {
  return Json{{"start", position(file, begin)}, {"end", position(file, std::max(begin, end))}};
}

Json range(const SourceManager& sources, const Span& span) {
  return range(sources.file(span.file), span.begin, span.end);
}

uint32_t offsetAt(std::string_view text, uint32_t line, uint32_t character) {
  size_t at = 0;
  for (uint32_t l = 0; l < line; ++l) {
    size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) return static_cast<uint32_t>(text.size());
    at = newline + 1;
  }
  // Counted like SourceFile::locate counts: a byte that starts no sequence is one unit.
  uint32_t units = 0;
  while (at < text.size() && units < character && text[at] != '\n' && text[at] != '\r') {
    auto c = static_cast<unsigned char>(text[at]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (at + len > text.size()) len = 1;
    units += len == 4 ? 2 : 1;
    at += len;
  }
  return static_cast<uint32_t>(at);
}

}  // namespace svcc::lsp
