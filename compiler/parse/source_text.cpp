#include "parse/source_text.h"

#include <fmt/format.h>

namespace svcc::parse {

namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 (overlongs, surrogates and code
// points above U+10FFFF are invalid, as in the Unicode standard's table 3-7).
size_t sequenceLength(const std::string& s, size_t i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

bool SourceText::decode(const SourceFile& file, Diagnostics& diags) {
  const std::string& s = file.text;
  if (s.size() > kMaxFileBytes) {
    diags
        .report(Code::E0004, Span{file.id, 0, 0},
                fmt::format("`{}` is {} bytes, more than the limit of 16 MiB", file.path, s.size()))
        .label("file starts here")
        .withHelp("split the application over several files");
    return false;
  }
  cps_.clear();
  byte_of_.clear();
  cps_.reserve(s.size());
  bool ascii = true;
  // Bad bytes are reported once per run and per line, at most kMaxReports times: a
  // UTF-16 file has a NUL in every other byte, and one message per line says enough.
  constexpr size_t kMaxReports = 10;
  size_t reports = 0;
  size_t line = 0;
  size_t last_report_line = SIZE_MAX;
  bool in_bad_run = false;
  auto bad = [&](Code code, uint32_t at, std::string message, const char* label, const char* help) {
    if (!in_bad_run && line != last_report_line && reports < kMaxReports) {
      diags.report(code, Span{file.id, at, at + 1}, std::move(message)).label(label).withHelp(help);
      ++reports;
      last_report_line = line;
    }
    in_bad_run = true;
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t at = static_cast<uint32_t>(i);
    if (c == 0) {
      bad(Code::E0003, at, "NUL byte in source file", "NUL byte (0x00)",
          "the file is probably binary or UTF-16; save it as UTF-8 text");
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '\n') ++line;
      in_bad_run = false;
      if (!ascii) byte_of_.push_back(at);
      cps_.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = sequenceLength(s, i, cp);
    if (len == 0) {
      bad(Code::E0002, at, fmt::format("invalid UTF-8 byte 0x{:02X}", c), "not valid UTF-8", "save the file as UTF-8");
      ++i;
      continue;
    }
    in_bad_run = false;
    if (ascii) {
      ascii = false;
      byte_of_.reserve(s.size() + 1);
      for (uint32_t k = 0; k < cps_.size(); ++k) byte_of_.push_back(k);
    }
    byte_of_.push_back(at);
    // A byte-order mark says nothing to the lexer: it becomes a space.
    cps_.push_back(i == 0 && cp == 0xFEFF ? U' ' : cp);
    i += len;
  }
  if (reports > 0) return false;
  if (!ascii) byte_of_.push_back(static_cast<uint32_t>(s.size()));
  size_ = cps_.size();
  return true;
}

}  // namespace svcc::parse
