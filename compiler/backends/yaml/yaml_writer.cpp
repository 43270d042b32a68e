#include "backends/yaml/yaml_writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <string_view>

namespace svcc::yaml {

namespace {

// Byte classes, looked up once per byte: this runs for every scalar of every manifest.
enum : uint8_t {
  kLeading = 1,  // changes a plain scalar's meaning when it comes first
  kNumeric = 2,  // can be part of a YAML 1.1/1.2 number, date or time
  kInner = 4,    // needs a closer look anywhere: controls, ':', '#', non-ASCII
};

constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  for (char c : std::string_view("-?:,[]{}#&*!|>'\"%@`~ .+")) t[static_cast<unsigned char>(c)] |= kLeading;
  // A string starting with a digit and made only of these is quoted; `500m` or
  // `128Mi` are not, since no YAML type can read them.
  for (char c : std::string_view("0123456789abcdefABCDEFxXoO._:+- tTzZ")) t[static_cast<unsigned char>(c)] |= kNumeric;
  for (int c = 0; c < 0x20; ++c) t[c] |= kInner;
  for (int c = 0x7F; c < 0x100; ++c) t[c] |= kInner;
  t[':'] |= kInner;
  t['#'] |= kInner;
  return t;
}();

uint8_t classOf(char c) { return kClass[static_cast<unsigned char>(c)]; }

bool equalsIgnoreCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool isReservedWord(std::string_view text) {
  if (text.size() > 5) return false;
  static constexpr std::array<std::string_view, 12> kWords = {"y",    "n",     "yes",  "no", "on", "off",
                                                              "true", "false", "null", "~",  "=",  "<<"};
  for (std::string_view w : kWords)
    if (equalsIgnoreCase(text, w)) return true;
  return false;
}

bool looksNumeric(std::string_view text) {
  for (char c : text)
    if (!(classOf(c) & kNumeric)) return false;
  return true;
}

// Code points YAML forbids unescaped or reads as line breaks: C1 controls (incl. NEL),
// LINE/PARAGRAPH SEPARATOR, the byte order mark, and the non-characters U+FFFE/U+FFFF.
// Returns the length of such a sequence starting at text[i], or 0.
size_t specialUnicodeAt(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  if (b == 0xC2 && i + 1 < text.size() && byte(i + 1) <= 0x9F) return 2;
  if (i + 2 >= text.size()) return 0;
  if (b == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) return 3;
  if (b == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) return 3;
  if (b == 0xEF && byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF)) return 3;
  return 0;
}

uint32_t decodeUtf8(std::string_view text, size_t i, size_t len) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (len == 2) return ((byte(i) & 0x1Fu) << 6) | (byte(i + 1) & 0x3Fu);
  return ((byte(i) & 0x0Fu) << 12) | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
}

constexpr char kHex[] = "0123456789ABCDEF";

void appendDoubleQuoted(std::string& out, std::string_view text) {
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (size_t len = specialUnicodeAt(text, i)) {
        uint32_t cp = decodeUtf8(text, i, len);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
        i += len;
        continue;
      }
      out += static_cast<char>(c);
      ++i;
      continue;
    }
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
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace

bool needsQuotes(std::string_view text) {
  if (text.empty()) return true;
  char first = text.front();
  if (classOf(first) & kLeading) return true;
  if (first >= '0' && first <= '9' && looksNumeric(text)) return true;
  char last = text.back();
  if (last == ' ' || last == ':') return true;
  if (isReservedWord(text)) return true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!(classOf(text[i]) & kInner)) continue;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == ':' && text[i + 1] == ' ') return true;  // a last ':' returned above
    if (c == '#' && text[i - 1] == ' ') return true;  // a first '#' returned above
    if (c >= 0x80 && specialUnicodeAt(text, i)) return true;
  }
  return false;
}

void appendScalar(std::string& out, std::string_view text) {
  if (needsQuotes(text)) appendDoubleQuoted(out, text);
  else out += text;
}

void Writer::comment(std::string_view text) {
  out_ += "# ";
  out_ += text;
  out_ += '\n';
}

void Writer::documentStart() { out_ += "---\n"; }

void Writer::lineStart(uint32_t indent) {
  if (after_dash_) {
    after_dash_ = false;
    return;
  }
  if (after_key_) {
    out_ += '\n';
    after_key_ = false;
  }
  static constexpr std::string_view kSpaces = "                                                                ";
  while (indent > kSpaces.size()) {
    out_ += kSpaces;
    indent -= static_cast<uint32_t>(kSpaces.size());
  }
  out_.append(kSpaces.data(), indent);
}

void Writer::begin(bool is_seq) {
  assert(depth_ < kMaxDepth);
  if (depth_ == 0) {
    stack_[depth_++] = {is_seq, 0, true};
    return;
  }
  Frame& parent = top();
  parent.empty = false;
  if (parent.is_seq) {
    lineStart(parent.indent);
    out_ += "- ";
    after_dash_ = true;
  }
  // After a key the opening waits for the first child, so that an empty
  // collection can still come out as `key: {}`.
  stack_[depth_++] = {is_seq, parent.indent + 2, true};
}

void Writer::end(const char* empty_text) {
  assert(depth_ > 0);
  if (top().empty) {
    if (after_key_) out_ += ' ';
    out_ += empty_text;
    out_ += '\n';
    after_key_ = false;
    after_dash_ = false;
  }
  --depth_;
}

void Writer::beginMap() { begin(false); }
void Writer::endMap() { end("{}"); }
void Writer::beginSeq() { begin(true); }
void Writer::endSeq() { end("[]"); }

Writer& Writer::key(std::string_view k) {
  assert(depth_ > 0 && !top().is_seq);
  assert(k.size() < 1000);  // YAML's limit for an implicit key is 1024 characters
  Frame& frame = top();
  frame.empty = false;
  lineStart(frame.indent);
  appendScalar(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

void Writer::raw(std::string_view text, bool quote_check) {
  if (depth_ > 0 && top().is_seq) {
    top().empty = false;
    lineStart(top().indent);
    out_ += "- ";
  } else if (after_key_) {
    out_ += ' ';
    after_key_ = false;
  }
  if (quote_check) appendScalar(out_, text);
  else out_ += text;
  out_ += '\n';
}

void Writer::str(std::string_view v) { raw(v, true); }

void Writer::integer(int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  raw(std::string_view(buf, static_cast<size_t>(end - buf)), false);
}

void Writer::boolean(bool v) { raw(v ? "true" : "false", false); }

}  // namespace svcc::yaml
