#include "diagnostics/display_line.h"

namespace svcc {

namespace {

void appendCodePoint(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

size_t utf8SequenceLength(std::string_view bytes, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  unsigned char c = at(i);
  size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0 || i + len > bytes.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if (!isContinuation(at(i + k))) return 0;
  }
  // Overlong forms, surrogates and code points above U+10FFFF.
  if (len == 3 && ((c == 0xE0 && at(i + 1) < 0xA0) || (c == 0xED && at(i + 1) >= 0xA0))) return 0;
  if (len == 4 && ((c == 0xF0 && at(i + 1) < 0x90) || (c == 0xF4 && at(i + 1) >= 0x90))) return 0;
  return len;
}

uint32_t codePointCount(std::string_view bytes) {
  uint32_t count = 0;
  for (size_t i = 0; i < bytes.size(); ++count) {
    size_t len = utf8SequenceLength(bytes, i);
    i += len == 0 ? 1 : len;
  }
  return count;
}

DisplayLine layoutLine(std::string_view bytes) {
  DisplayLine line;
  line.columns.reserve(bytes.size() + 1);
  uint32_t column = 0;
  for (size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t len = utf8SequenceLength(bytes, i);
    if (len == 0) {
      appendCodePoint(line.text, 0xFFFD);
      len = 1;
    } else if (c == '\t') {
      line.text.append(kTabWidth, ' ');
    } else if (c < 0x20 || c == 0x7F) {
      appendCodePoint(line.text, c == 0x7F ? 0x2421 : 0x2400 + c);
    } else {
      line.text.append(bytes.substr(i, len));
    }
    for (size_t k = 0; k < len; ++k) line.columns.push_back(column);
    column += c == '\t' ? kTabWidth : 1;
    i += len;
  }
  line.columns.push_back(column);
  return line;
}

}  // namespace svcc
