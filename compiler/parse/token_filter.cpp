#include "parse/token_filter.h"

#include <algorithm>

#include <fmt/format.h>

#include "SvcLexer.h"

namespace svcc::parse {

namespace {

using antlr4::Token;
using svcc_gen::SvcLexer;
using TokenList = std::vector<std::unique_ptr<Token>>;

bool isOpener(size_t type) { return type == SvcLexer::LBRACE || type == SvcLexer::LPAREN || type == SvcLexer::LBRACK; }
bool isCloser(size_t type) { return type == SvcLexer::RBRACE || type == SvcLexer::RPAREN || type == SvcLexer::RBRACK; }
size_t closerOf(size_t opener) {
  return opener == SvcLexer::LBRACE   ? SvcLexer::RBRACE
         : opener == SvcLexer::LPAREN ? SvcLexer::RPAREN
                                      : SvcLexer::RBRACK;
}
const char* spelling(size_t type) {
  switch (type) {
    case SvcLexer::LBRACE:
      return "{";
    case SvcLexer::RBRACE:
      return "}";
    case SvcLexer::LPAREN:
      return "(";
    case SvcLexer::RPAREN:
      return ")";
    case SvcLexer::LBRACK:
      return "[";
    default:
      return "]";
  }
}

// "`a`", "`a` and `b`", "`a`, `b` and `c`".
std::string joinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string describeChar(const std::string& text) {
  unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
  if (c >= 0x21 && c < 0x7F) return fmt::format("`{}`", text);
  if (c < 0x80) return fmt::format("U+{:04X}", c);
  return fmt::format("`{}`", text);
}

class Filter {
 public:
  Filter(TokenOrigin origin, const SpanMaker& spans, Diagnostics& diags, FilteredTokens& out)
      : origin_(origin), spans_(spans), diags_(diags), out_(out) {}

  // Comments out, lexical errors reported; what is left is what the parser may see.
  TokenList lexical(TokenList lexed, std::vector<ast::Comment>& comments) {
    TokenList sig;
    sig.reserve(lexed.size());
    for (size_t i = 0; i < lexed.size(); ++i) {
      Token* t = lexed[i].get();
      switch (t->getType()) {
        case SvcLexer::LINE_COMMENT:
          comments.push_back({spans_.of(t), false});
          continue;
        case SvcLexer::BLOCK_COMMENT:
          comments.push_back({spans_.of(t), true});
          continue;
        case SvcLexer::UNTERMINATED_COMMENT: {
          comments.push_back({spans_.of(t), true});
          Span open = spans_.of(t);
          open.end = open.begin + 2;
          lexError(t, Code::E0102, open, "unterminated block comment")
              .label("this comment never ends")
              .withHelp("close it with `*/`");
          continue;
        }
        case SvcLexer::ERROR_CHAR: {
          size_t last = i;
          while (last + 1 < lexed.size() && lexed[last + 1]->getType() == SvcLexer::ERROR_CHAR &&
                 lexed[last + 1]->getStartIndex() == lexed[last]->getStopIndex() + 1) {
            ++last;
          }
          lexError(t, Code::E0103, spans_.between(t, lexed[last].get()),
                   fmt::format("unexpected character {}", describeChar(t->getText())))
              .label("not part of any token")
              .withHelp(
                  "names are ASCII letters, digits, `_` and `-`; other characters belong in "
                  "strings or comments");
          i = last;
          continue;
        }
        case SvcLexer::UNTERMINATED_STRING:
          lexError(t, Code::E0101, spans_.of(t), "unterminated string")
              .label("this string has no closing `\"`")
              .withHelp("add a `\"` at the end of the string; strings cannot span lines");
          static_cast<antlr4::CommonToken*>(t)->setType(SvcLexer::STRING);
          break;
        default:
          break;
      }
      sig.push_back(std::move(lexed[i]));
    }
    return sig;
  }

  // Balances brackets: returns false when nesting is too deep to parse.
  bool brackets(TokenList& sig) {
    std::vector<size_t> stack;
    depth_.assign(sig.size(), 0);
    drop_.assign(sig.size(), false);
    for (size_t i = 0; i < sig.size(); ++i) {
      size_t type = sig[i]->getType();
      depth_[i] = stack.size();
      if (isOpener(type)) {
        if (stack.size() == kMaxNesting) {
          diags_
              .report(Code::E0005, spans_.of(sig[i].get()),
                      fmt::format("nesting too deep: more than {} levels of brackets", kMaxNesting))
              .label(fmt::format("level {} opens here", kMaxNesting + 1))
              .withHelp("flatten the structure; deeper nesting is almost certainly a mistake");
          out_.too_deep = true;
          return false;
        }
        stack.push_back(i);
        continue;
      }
      if (!isCloser(type)) continue;
      if (!stack.empty() && closerOf(sig[stack.back()]->getType()) == type) {
        stack.pop_back();
        continue;
      }
      auto match =
          std::find_if(stack.rbegin(), stack.rend(), [&](size_t j) { return closerOf(sig[j]->getType()) == type; });
      if (match != stack.rend()) {
        size_t keep = stack.size() - 1 - static_cast<size_t>(match - stack.rbegin());
        std::vector<size_t> group(stack.rbegin(), stack.rend() - static_cast<std::ptrdiff_t>(keep + 1));
        unclosed(sig, group, i);
        stack.resize(keep);
        continue;
      }
      strayCloser(sig, stack, i);
    }
    size_t min_pos = 0;
    std::vector<size_t> group;
    for (size_t shift = 0; !stack.empty(); ++shift) {
      size_t j = stack.back();
      stack.pop_back();
      size_t pos = std::max(min_pos, guessCloserPosition(sig, j, shift, min_pos));
      if (!group.empty() && pos != min_pos) {
        unclosed(sig, group, min_pos);
        group.clear();
      }
      group.push_back(j);
      min_pos = pos;
    }
    if (!group.empty()) unclosed(sig, group, min_pos);
    return true;
  }

  // Applies drops and insertions, and removes the newlines that cannot end a statement.
  void emit(TokenList& sig, size_t eof_index) {
    std::stable_sort(inserts_.begin(), inserts_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    TokenList merged;
    merged.reserve(sig.size() + inserts_.size() + 1);
    size_t next_insert = 0;
    for (size_t i = 0; i <= sig.size(); ++i) {
      while (next_insert < inserts_.size() && inserts_[next_insert].first == i) {
        merged.push_back(std::move(inserts_[next_insert].second));
        ++next_insert;
      }
      if (i < sig.size() && !drop_[i]) merged.push_back(std::move(sig[i]));
    }
    auto eof =
        std::make_unique<antlr4::CommonToken>(origin_, Token::EOF, Token::DEFAULT_CHANNEL, eof_index, eof_index - 1);
    eof->setLine(merged.empty() ? 1 : merged.back()->getLine());
    merged.push_back(std::move(eof));

    std::vector<size_t> open;
    TokenList& kept = out_.tokens;
    kept.reserve(merged.size());
    for (size_t i = 0; i < merged.size(); ++i) {
      size_t type = merged[i]->getType();
      if (type == SvcLexer::NL && !newlineSeparates(merged, i, open, kept)) continue;
      if (isOpener(type)) open.push_back(type);
      if (isCloser(type) && !open.empty()) open.pop_back();
      kept.push_back(std::move(merged[i]));
    }
  }

 private:
  Diagnostic& lexError(Token* t, Code code, Span span, std::string message) {
    out_.error_lines.push_back(t->getLine());
    return diags_.report(code, span, std::move(message));
  }

  bool newlineSeparates(const TokenList& merged, size_t i, const std::vector<size_t>& open, const TokenList& kept) {
    if (!open.empty() && open.back() != SvcLexer::LBRACE) return false;
    if (kept.empty()) return false;
    size_t prev = kept.back()->getType();
    if (prev == SvcLexer::NL || prev == SvcLexer::SEMI || prev == SvcLexer::COMMA || isOpener(prev)) {
      return false;
    }
    size_t next = i + 1;
    while (merged[next]->getType() == SvcLexer::NL) ++next;
    size_t next_type = merged[next]->getType();
    return !isCloser(next_type) && next_type != Token::EOF;
  }

  const Token* lastBefore(const TokenList& sig, size_t pos, size_t floor) {
    for (size_t k = pos; k > floor + 1;) {
      --k;
      if (sig[k]->getType() != SvcLexer::NL) return sig[k].get();
    }
    return sig[floor].get();
  }

  // Openers never closed, innermost first, whose closers all belong before `insert_at`:
  // one diagnostic for the group (they are one mistake), and the closers inserted.
  void unclosed(const TokenList& sig, const std::vector<size_t>& openers, size_t insert_at) {
    const Token* last = lastBefore(sig, insert_at, openers.back());
    std::vector<std::string> opened;
    std::string closers;
    for (size_t j : openers) {
      std::string spelled = fmt::format("`{}`", spelling(sig[j]->getType()));
      if (std::find(opened.begin(), opened.end(), spelled) == opened.end()) opened.push_back(spelled);
      closers += spelling(closerOf(sig[j]->getType()));
    }
    std::string what = opened.size() == 1 && openers.size() > 1
                           ? fmt::format("{} unclosed {}", openers.size(), opened[0])
                           : fmt::format("unclosed {}", joinAnd(opened));
    Diagnostic& d = diags_.report(Code::E0108, spans_.of(last), what)
                        .label(fmt::format("expected `{}` after this", closers))
                        .withHelp(fmt::format("add the missing `{}`", closers));
    for (size_t j : openers) {
      if (sig[j].get() == last) {
        d.label(fmt::format("this `{}` is never closed", spelling(last->getType())));
      } else {
        d.secondaryLabel(spans_.of(sig[j].get()),
                         fmt::format("unclosed `{}` opened here", spelling(sig[j]->getType())));
      }
    }
    out_.repaired_brackets = true;
    for (size_t j : openers) {
      size_t closer = closerOf(sig[j]->getType());
      auto token = std::make_unique<antlr4::CommonToken>(origin_, closer, Token::DEFAULT_CHANNEL,
                                                         last->getStopIndex() + 1, last->getStopIndex());
      token->setText(spelling(closer));
      token->setLine(last->getLine());
      token->setCharPositionInLine(last->getCharPositionInLine());
      inserts_.emplace_back(insert_at, std::move(token));
    }
  }

  void strayCloser(TokenList& sig, std::vector<size_t>& stack, size_t i) {
    Token* t = sig[i].get();
    size_t type = t->getType();
    out_.repaired_brackets = true;
    if (stack.empty()) {
      diags_.report(Code::E0109, spans_.of(t), fmt::format("unexpected `{}`", spelling(type)))
          .label(fmt::format("no `{}` is open here", spelling(type == SvcLexer::RBRACE   ? SvcLexer::LBRACE
                                                              : type == SvcLexer::RPAREN ? SvcLexer::LPAREN
                                                                                         : SvcLexer::LBRACK)))
          .withHelp("remove it, or look for a missing opening delimiter before it");
      drop_[i] = true;
      return;
    }
    const Token* open = sig[stack.back()].get();
    size_t expected = closerOf(open->getType());
    // `[1, 2)`: on one line, the wrong closer is a typo for the right one.
    bool typo = open->getLine() == t->getLine();
    diags_
        .report(Code::E0109, spans_.of(t), fmt::format("expected `{}`, found `{}`", spelling(expected), spelling(type)))
        .label(fmt::format("does not close the `{}`", spelling(open->getType())))
        .secondaryLabel(spans_.of(open), fmt::format("`{}` opened here", spelling(open->getType())))
        .withHelp(fmt::format("close the `{}` with `{}`", spelling(open->getType()), spelling(expected)));
    if (typo) {
      static_cast<antlr4::CommonToken*>(t)->setType(expected);
      stack.pop_back();
    } else {
      drop_[i] = true;
    }
  }

  // Where the closer of an opener that is never closed most likely belongs: before the
  // first later line, directly inside the opener, indented no deeper than the opener's
  // line (the next declaration, usually). At the end of the file otherwise.
  size_t guessCloserPosition(const TokenList& sig, size_t opener, size_t shift, size_t min_pos) {
    size_t line = sig[opener]->getLine();
    size_t first = opener;
    while (first > 0 && sig[first - 1]->getLine() == line && sig[first - 1]->getType() != SvcLexer::NL) {
      --first;
    }
    size_t indent = sig[first]->getCharPositionInLine();
    // `web( {`: a `(` or `[` never holds a block, so its closer belongs before the `{`.
    if (sig[opener]->getType() != SvcLexer::LBRACE) {
      for (size_t t = std::max(opener + 1, min_pos); t < sig.size() && sig[t]->getLine() == line; ++t) {
        if (sig[t]->getType() == SvcLexer::LBRACE && depth_[t] == depth_[opener] + 1 + shift) return t;
      }
    }
    for (size_t t = std::max(opener + 1, min_pos); t < sig.size(); ++t) {
      const Token* tok = sig[t].get();
      if (tok->getType() == SvcLexer::NL || drop_[t] || tok->getLine() == line) continue;
      bool first_on_line = sig[t - 1]->getLine() != tok->getLine() || sig[t - 1]->getType() == SvcLexer::NL;
      if (first_on_line && depth_[t] == depth_[opener] + 1 + shift && !isCloser(tok->getType()) &&
          tok->getCharPositionInLine() <= indent) {
        while (t > min_pos && t > opener + 1 && sig[t - 1]->getType() == SvcLexer::NL) --t;
        return t;
      }
    }
    return sig.size();
  }

  TokenOrigin origin_;
  const SpanMaker& spans_;
  Diagnostics& diags_;
  FilteredTokens& out_;
  std::vector<size_t> depth_;
  std::vector<bool> drop_;
  std::vector<std::pair<size_t, std::unique_ptr<Token>>> inserts_;
};

}  // namespace

FilteredTokens filterTokens(TokenList lexed, TokenOrigin origin, const SpanMaker& spans, Diagnostics& diags,
                            std::vector<ast::Comment>& comments) {
  FilteredTokens out;
  size_t eof_index = spans.text.size();
  Filter filter(origin, spans, diags, out);
  TokenList sig = filter.lexical(std::move(lexed), comments);
  if (!filter.brackets(sig)) return out;
  filter.emit(sig, eof_index);
  std::sort(out.error_lines.begin(), out.error_lines.end());
  return out;
}

}  // namespace svcc::parse
