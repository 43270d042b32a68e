// Phase: emit (shared by the YAML backends).
// Takes a stream of begin/key/value/end calls; hands out block-style YAML text.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace svcc::yaml {

// True when `text` written as a plain scalar would read back as something else
// (a bool, null, number, date, an indicator, a comment, a different string) under
// YAML 1.1 or 1.2.
bool needsQuotes(std::string_view text);
// Appends `text` as a scalar that reads back as exactly this string: plain when
// that is safe, double-quoted with escapes otherwise. `text` must be valid UTF-8.
void appendScalar(std::string& out, std::string_view text);

// A streaming writer for block-style YAML, appending to a caller-owned string.
// Maps keep the order keys are written in. Empty collections come out as `{}`/`[]`.
// Misuse (a key outside a map, unbalanced ends, nesting deeper than kMaxDepth, a key
// of 1000 characters or more, which YAML cannot write as a plain `key:`) is a compiler
// bug and is not checked beyond debug assertions.
class Writer {
 public:
  static constexpr size_t kMaxDepth = 64;

  explicit Writer(std::string& out) : out_(out) {}

  // A `# text` line; only between documents.
  void comment(std::string_view text);
  // A `---` line between documents of a stream.
  void documentStart();

  void beginMap();
  void endMap();
  void beginSeq();
  void endSeq();

  Writer& key(std::string_view k);
  // A string value: quoted when it would be misread.
  void str(std::string_view v);
  void integer(int64_t v);
  void boolean(bool v);

  // Shorthands for the common `key: value` pair.
  void pair(std::string_view k, std::string_view v) { key(k).str(v); }
  void pair(std::string_view k, const char* v) { key(k).str(v); }
  void pair(std::string_view k, int64_t v) { key(k).integer(v); }
  void pair(std::string_view k, int v) { key(k).integer(v); }
  void pair(std::string_view k, uint32_t v) { key(k).integer(v); }
  void pair(std::string_view k, bool v) { key(k).boolean(v); }

 private:
  struct Frame {
    bool is_seq;
    uint32_t indent;
    bool empty;
  };
  // Writes what must precede a key or an item at `indent`.
  void lineStart(uint32_t indent);
  // Writes the raw (already safe) scalar text where a value is expected.
  void raw(std::string_view text, bool quote_check);
  void begin(bool is_seq);
  Frame& top() { return stack_[depth_ - 1]; }
  void end(const char* empty_text);

  std::string& out_;
  // A fixed stack: a writer is made per object, and most objects are small.
  std::array<Frame, kMaxDepth> stack_;
  size_t depth_ = 0;
  bool after_key_ = false;   // the line ends in `key:` and awaits its value
  bool after_dash_ = false;  // the line ends in `- ` and awaits its item
};

}  // namespace svcc::yaml
