#include "format/escape.h"

#include <fmt/format.h>

namespace svcc::format {

namespace {

void appendEscaped(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      // Only `${` would start an interpolation; a lone `$` stays as it is.
      case '$':
        out += i + 1 < text.size() && text[i + 1] == '{' ? "\\$" : "$";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{{{:X}}}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
}

}  // namespace

std::string quoteString(const ast::Expr& string) {
  std::string out = "\"";
  for (const ast::StringPart& part : string.parts) {
    if (part.is_interpolation) {
      out += "${" + ast::pathText(part.ref) + "}";
    } else {
      appendEscaped(part.text, out);
    }
  }
  return out + "\"";
}

std::string quoteText(std::string_view text) {
  std::string out = "\"";
  appendEscaped(text, out);
  return out + "\"";
}

}  // namespace svcc::format
