#include "parse/fast_lexer.h"

#include <array>
#include <cstring>

#include "base/utf8.h"
#include "parse/source_text.h"

namespace svcc::parse::fast {

namespace {

enum CharClass : uint8_t { kOther, kLetter, kDigit, kUnderscore, kDash };

constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['_'] = kUnderscore;
  table['-'] = kDash;
  return table;
}();

Tok keyword(const char* p, size_t n) {
  auto is = [&](const char* word) { return std::memcmp(p, word, n) == 0; };
  switch (n) {
    case 2:
      return is("on") ? Tok::On : Tok::Name;
    case 3:
      return is("app") ? Tok::App : is("let") ? Tok::Let : is("run") ? Tok::Run : is("env") ? Tok::Env : Tok::Name;
    case 4:
      return is("port")   ? Tok::Port
             : is("copy") ? Tok::Copy
             : is("from") ? Tok::From
             : is("user") ? Tok::User
             : is("true") ? Tok::True
                          : Tok::Name;
    case 5:
      return is("build") ? Tok::Build : is("stage") ? Tok::Stage : is("false") ? Tok::False : Tok::Name;
    case 6:
      return is("import") ? Tok::Import : is("volume") ? Tok::Volume : Tok::Name;
    case 7:
      return is("service")   ? Tok::Service
             : is("profile") ? Tok::Profile
             : is("depends") ? Tok::Depends
             : is("workdir") ? Tok::Workdir
                             : Tok::Name;
    case 8:
      return is("template") ? Tok::Template : Tok::Name;
    default:
      return Tok::Name;
  }
}

class Lexer {
 public:
  Lexer(std::string_view text, FileId file, std::vector<Token>& tokens, std::vector<ast::Comment>& comments)
      : s_(text), file_(file), tokens_(tokens), comments_(comments) {}

  bool run() {
    size_t n = s_.size();
    size_t i = 0;
    // A byte-order mark is white space to the ANTLR path's decoder.
    if (n >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(s_[i]);
      size_t start = i;
      switch (c) {
        case ' ':
        case '\t':
        case '\f':
          ++i;
          continue;
        case '\n':
        case '\r':
          newline();
          ++i;
          continue;
        case '/':
          if (!comment(i)) return false;
          continue;
        case '"':
          if (!string(i)) return false;
          continue;
        case '{':
        case '(':
        case '[':
          if (depth_ == kMaxNesting) return false;
          push(c == '{' ? Tok::LBrace : c == '(' ? Tok::LParen : Tok::LBrack, i, i + 1);
          open_[depth_] = static_cast<char>(c);
          open_index_[depth_++] = static_cast<uint32_t>(tokens_.size() - 1);
          ++i;
          continue;
        case '}':
        case ')':
        case ']': {
          char opener = c == '}' ? '{' : c == ')' ? '(' : '[';
          if (depth_ == 0 || open_[depth_ - 1] != opener) return false;
          --depth_;
          pending_newline_ = false;  // a newline before a closer ends nothing
          push(c == '}' ? Tok::RBrace : c == ')' ? Tok::RParen : Tok::RBrack, i, i + 1);
          ++i;
          continue;
        }
        case '=':
          push(Tok::Assign, i, i + 1);
          ++i;
          continue;
        case ':':
          push(Tok::Colon, i, i + 1);
          ++i;
          continue;
        case ',':
          push(Tok::Comma, i, i + 1);
          ++i;
          continue;
        case ';':
          push(Tok::Semi, i, i + 1);
          ++i;
          continue;
        case '-':
          i = pair(i, '>', Tok::Arrow, Tok::Minus);
          continue;
        case '.':
          i = pair(i, '.', Tok::DotDot, Tok::Dot);
          continue;
        default:
          break;
      }
      if (kClass[c] == kLetter) {
        ++i;
        while (i < n && kClass[static_cast<unsigned char>(s_[i])] != kOther) ++i;
        while (s_[i - 1] == '-') --i;  // a name never ends in `-`
        push(keyword(s_.data() + start, i - start), start, i);
        continue;
      }
      if (kClass[c] == kDigit) {
        if (!number(i)) return false;
        continue;
      }
      return false;  // a character no token starts with, or a byte the decoder reports
    }
    if (depth_ != 0) return false;
    tokens_.push_back({Tok::End, static_cast<uint32_t>(n), static_cast<uint32_t>(n), top_separators_});
    return true;
  }

 private:
  // The token filter's rule: a newline separates statements only outside `(…)` and
  // `[…]`, after something that can end one, and before something other than a closer.
  void newline() {
    if (depth_ != 0 && open_[depth_ - 1] != '{') return;
    if (tokens_.empty()) return;
    switch (tokens_.back().type) {
      case Tok::Newline:
      case Tok::Semi:
      case Tok::Comma:
      case Tok::LBrace:
      case Tok::LParen:
      case Tok::LBrack:
        return;
      default:
        pending_newline_ = true;
    }
  }

  void push(Tok type, size_t begin, size_t end) {
    if (pending_newline_) {
      pending_newline_ = false;
      countSeparator();
      tokens_.push_back({Tok::Newline, static_cast<uint32_t>(begin), static_cast<uint32_t>(begin)});
    }
    // A comma in braces or at the top level is inside one item (`: a, b`, `depends on a, b`).
    bool braces = depth_ == 0 || open_[depth_ - 1] == '{';
    if (type == (braces ? Tok::Semi : Tok::Comma)) countSeparator();
    tokens_.push_back({type, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }

  void countSeparator() {
    if (depth_ == 0) {
      ++top_separators_;
    } else {
      ++tokens_[open_index_[depth_ - 1]].separators;
    }
  }

  // `->` or `-`, `..` or `.`: the two-character token when it is there (longest match).
  size_t pair(size_t i, char second, Tok two, Tok one) {
    size_t end = i + 1 < s_.size() && s_[i + 1] == second ? i + 2 : i + 1;
    push(end == i + 2 ? two : one, i, end);
    return end;
  }

  // Skips a valid UTF-8 sequence inside a string or comment; false on bad bytes or NUL.
  bool textByte(size_t& i) const {
    unsigned char c = static_cast<unsigned char>(s_[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      return true;
    }
    size_t len = utf8SequenceLength(s_, i);
    i += len;
    return len != 0;
  }

  bool comment(size_t& i) {
    size_t start = i;
    size_t n = s_.size();
    if (i + 1 >= n || (s_[i + 1] != '/' && s_[i + 1] != '*')) return false;
    bool block = s_[i + 1] == '*';
    i += 2;
    if (block) {
      for (;;) {
        if (i >= n) return false;  // unterminated
        if (s_[i] == '*' && i + 1 < n && s_[i + 1] == '/') break;
        if (!textByte(i)) return false;
      }
      i += 2;
    } else {
      while (i < n && s_[i] != '\n' && s_[i] != '\r') {
        if (!textByte(i)) return false;
      }
    }
    comments_.push_back({Span{file_, static_cast<uint32_t>(start), static_cast<uint32_t>(i)}, block});
    return true;
  }

  bool string(size_t& i) {
    size_t start = i;
    size_t n = s_.size();
    bool plain = true;
    ++i;
    for (;;) {
      if (i >= n) return false;
      char c = s_[i];
      if (c == '"') break;
      if (c == '\n' || c == '\r') return false;
      if (c == '\\') {
        plain = false;
        ++i;
        if (i >= n || s_[i] == '\n' || s_[i] == '\r') return false;
      } else if (c == '$' && i + 1 < n && s_[i + 1] == '{') {
        plain = false;
      }
      if (!textByte(i)) return false;
    }
    ++i;
    push(plain ? Tok::String : Tok::EscapedString, start, i);
    return true;
  }

  // INT, DECIMAL, PERCENT or QUANTITY; `1.2.3` (an invalid number) is refused.
  bool number(size_t& i) {
    size_t start = i;
    size_t n = s_.size();
    auto digitAt = [&](size_t k) { return k < n && kClass[static_cast<unsigned char>(s_[k])] == kDigit; };
    while (digitAt(i)) ++i;
    Tok type = Tok::Int;
    if (i + 1 < n && s_[i] == '.' && digitAt(i + 1)) {
      type = Tok::Decimal;
      i += 1;
      while (digitAt(i)) ++i;
      if (i + 1 < n && s_[i] == '.' && digitAt(i + 1)) return false;
    }
    if (i < n && s_[i] == '%') {
      type = Tok::Percent;
      ++i;
    } else if (i < n && (kClass[static_cast<unsigned char>(s_[i])] == kLetter || s_[i] == '_')) {
      type = Tok::Quantity;
      while (i < n && kClass[static_cast<unsigned char>(s_[i])] != kOther && s_[i] != '-') ++i;
    }
    push(type, start, i);
    return true;
  }

  std::string_view s_;
  FileId file_;
  std::vector<Token>& tokens_;
  std::vector<ast::Comment>& comments_;
  std::array<char, kMaxNesting> open_{};
  std::array<uint32_t, kMaxNesting> open_index_{};
  uint32_t top_separators_ = 0;
  size_t depth_ = 0;
  bool pending_newline_ = false;
};

}  // namespace

bool lex(std::string_view text, FileId file, std::vector<Token>& tokens, std::vector<ast::Comment>& comments) {
  if (text.size() > kMaxFileBytes) return false;
  tokens.reserve(tokens.size() + text.size() / 4 + 2);
  return Lexer(text, file, tokens, comments).run();
}

}  // namespace svcc::parse::fast
