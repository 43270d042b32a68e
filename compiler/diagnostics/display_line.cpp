#include "diagnostics/display_line.h"

#include "base/utf8.h"

namespace svcc {

DisplayLine layoutLine(std::string_view bytes) {
  DisplayLine line;
  line.columns.reserve(bytes.size() + 1);
  uint32_t column = 0;
  for (size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t len = utf8SequenceLength(bytes, i);
    if (len == 0) {
      appendUtf8(line.text, 0xFFFD);
      len = 1;
    } else if (c == '\t') {
      line.text.append(kTabWidth, ' ');
    } else if (c < 0x20 || c == 0x7F) {
      appendUtf8(line.text, c == 0x7F ? 0x2421 : 0x2400 + c);
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
