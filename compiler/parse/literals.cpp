#include "parse/literals.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "base/utf8.h"

namespace svcc::parse {

namespace {

constexpr std::array<std::string_view, 18> kUnits = {"m",  "k",  "K",  "M",  "G",  "T",  "P", "E", "Ki",
                                                     "Mi", "Gi", "Ti", "Pi", "Ei", "ms", "s", "h", "d"};

bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

size_t utf8Length(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

class StringDecoder {
 public:
  StringDecoder(std::string_view raw, Span span, Diagnostics& diags) : raw_(raw), span_(span), diags_(diags) {}

  ast::Expr run() {
    ast::Expr e;
    e.kind = ast::ExprKind::String;
    e.span = span_;
    size_t i = 1;
    size_t literal_start = i;
    std::string literal;
    auto flush = [&](size_t end) {
      if (end > literal_start) e.parts.push_back({false, literal, {}, at(literal_start, end)});
      literal.clear();
    };
    while (i < raw_.size() && raw_[i] != '"') {
      if (raw_[i] == '\\') {
        i = escape(i, literal);
      } else if (raw_[i] == '$' && i + 1 < raw_.size() && raw_[i + 1] == '{') {
        flush(i);
        ast::StringPart part;
        i = interpolation(i, part);
        e.parts.push_back(std::move(part));
        literal_start = i;
      } else {
        literal += raw_[i++];
      }
    }
    flush(i);
    return e;
  }

 private:
  Span at(size_t begin, size_t end) const {
    return {span_.file, span_.begin + static_cast<uint32_t>(begin), span_.begin + static_cast<uint32_t>(end)};
  }

  // Decodes the escape at `i` into `out`; returns the index after it.
  size_t escape(size_t i, std::string& out) {
    if (i + 1 >= raw_.size()) return i + 1;
    char c = raw_[i + 1];
    switch (c) {
      case '"':
        out += '"';
        return i + 2;
      case '\\':
        out += '\\';
        return i + 2;
      case 'n':
        out += '\n';
        return i + 2;
      case 't':
        out += '\t';
        return i + 2;
      case '$':
        out += '$';
        return i + 2;
      case 'u':
        return unicode(i, out);
      default:
        break;
    }
    size_t len = std::min(utf8Length(static_cast<unsigned char>(c)), raw_.size() - i - 1);
    std::string shown(raw_.substr(i, 1 + len));
    diags_.report(Code::E0104, at(i, i + 1 + len), fmt::format("unknown escape `{}`", shown))
        .label("not a valid escape")
        .withHelp("valid escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\$` and `\\u{…}`; write `\\\\` for a backslash");
    out += raw_.substr(i + 1, len);
    return i + 1 + len;
  }

  size_t unicode(size_t i, std::string& out) {
    size_t j = i + 2;
    bool braced = j < raw_.size() && raw_[j] == '{';
    size_t close = braced ? raw_.find('}', j) : std::string_view::npos;
    std::string_view digits = close == std::string_view::npos ? std::string_view() : raw_.substr(j + 1, close - j - 1);
    bool hex = !digits.empty() && digits.size() <= 6;
    for (char d : digits) hex = hex && std::isxdigit(static_cast<unsigned char>(d));
    uint32_t cp = hex ? static_cast<uint32_t>(std::stoul(std::string(digits), nullptr, 16)) : 0;
    if (!hex || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
      size_t end = close == std::string_view::npos ? i + 2 : close + 1;
      // NUL ends the string in every consumer (argv, environment, file paths, C strings).
      diags_.report(Code::E0105, at(i, end), fmt::format("invalid unicode escape `{}`", raw_.substr(i, end - i)))
          .label(!hex      ? "expected 1 to 6 hex digits in braces"
                 : cp == 0 ? "NUL cannot be in a string: a command, an environment variable or a path ends there"
                           : "not a Unicode scalar value")
          .withHelp("write a code point as `\\u{1F600}`: at most 10FFFF, not a surrogate, not 0");
      return end;
    }
    appendUtf8(out, cp);
    return close + 1;
  }

  // Parses `${a.b}` at `i`; returns the index after it.
  size_t interpolation(size_t i, ast::StringPart& part) {
    part.is_interpolation = true;
    size_t close = i + 2;
    while (close < raw_.size() && raw_[close] != '}' && raw_[close] != '"') ++close;
    if (close >= raw_.size() || raw_[close] != '}') {
      part.span = at(i, close);
      diags_.report(Code::E0106, at(i, i + 2), "unclosed `${` in string")
          .label("this interpolation has no closing `}`")
          .withHelp("write `${name}`, or `\\$` for a literal `$`");
      return close;
    }
    part.span = at(i, close + 1);
    size_t j = i + 2;
    auto skipSpace = [&] {
      while (j < close && raw_[j] == ' ') ++j;
    };
    skipSpace();
    bool ok = true;
    while (ok) {
      size_t begin = j;
      if (j < close && isNameStart(raw_[j])) {
        while (j < close && isNameChar(raw_[j])) ++j;
        while (j > begin + 1 && raw_[j - 1] == '-') --j;
        part.ref.push_back({std::string(raw_.substr(begin, j - begin)), at(begin, j)});
      } else {
        ok = false;
        break;
      }
      if (j < close && raw_[j] == '.') {
        ++j;
        continue;
      }
      break;
    }
    skipSpace();
    if (!ok || j != close) {
      part.ref.clear();
      diags_.report(Code::E0106, part.span, fmt::format("invalid interpolation `{}`", raw_.substr(i, close + 1 - i)))
          .label("expected a dotted reference inside `${…}`")
          .withHelp("interpolate a reference such as `${app.version}`; write `\\$` for a literal `$`");
    }
    return close + 1;
  }

  std::string_view raw_;
  Span span_;
  Diagnostics& diags_;
};

}  // namespace

bool isUnit(std::string_view suffix) { return std::find(kUnits.begin(), kUnits.end(), suffix) != kUnits.end(); }

ast::Expr decodeString(std::string_view raw, Span span, Diagnostics& diags) {
  return StringDecoder(raw, span, diags).run();
}

ast::Expr decodeNumber(std::string_view raw, Span span, Diagnostics& diags) {
  ast::Expr e;
  e.span = span;
  size_t digits = 0;
  while (digits < raw.size() && (std::isdigit(static_cast<unsigned char>(raw[digits])) || raw[digits] == '.')) ++digits;
  std::string_view number = raw.substr(0, digits);
  std::string_view suffix = raw.substr(digits);
  size_t dots = static_cast<size_t>(std::count(number.begin(), number.end(), '.'));
  if (dots > 1) {
    diags.report(Code::E0107, span, fmt::format("invalid number `{}`", raw))
        .label("a number has at most one `.`")
        .withHelp("write an integer (`8080`), a decimal (`0.5`) or a version as a string (`\"1.2.3\"`)");
    return e;
  }
  e.text = number;
  if (suffix.empty()) {
    e.kind = dots ? ast::ExprKind::Decimal : ast::ExprKind::Int;
  } else if (suffix == "%") {
    e.kind = ast::ExprKind::Percent;
  } else if (isUnit(suffix)) {
    e.kind = ast::ExprKind::Quantity;
    e.unit = std::string(suffix);
  } else {
    e.text.clear();
    diags.report(Code::E0107, span, fmt::format("invalid number `{}`", raw))
        .label(fmt::format("`{}` is not a unit", suffix))
        .withHelp(
            "units are `m`, `k`, `M`, `G`, `Ki`, `Mi`, `Gi`, `Ti` (and `T` `P` `E` `Pi` `Ei`) for "
            "quantities and `ms`, `s`, `m`, `h`, `d` for durations");
  }
  return e;
}

}  // namespace svcc::parse
