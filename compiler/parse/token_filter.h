// Phase: parse.
// Takes every token the lexer produced; hands out the token list the parser reads, with
// comments moved to ast::File::comments, lexical errors reported, brackets balanced
// (unclosed and stray delimiters reported and repaired) and newlines that cannot end a
// statement removed. Deep nesting is refused here, before the recursive parser runs.
#pragma once

#include <memory>
#include <vector>

#include "antlr4-runtime.h"
#include "ast/ast.h"
#include "diagnostics/diagnostic.h"
#include "parse/token_span.h"

namespace svcc::parse {

struct FilteredTokens {
  std::vector<std::unique_ptr<antlr4::Token>> tokens;  // ends with EOF
  bool too_deep = false;                               // E0005 reported: do not parse
  bool repaired_brackets = false;                      // E0108/E0109 reported
  std::vector<size_t> error_lines;                     // lines with a lexical error, ascending
};

// `source` is the lexer and its input: tokens made up here (closers, EOF) need them, since
// ANTLR's error recovery builds its own tokens from the one at hand.
using TokenOrigin = std::pair<antlr4::TokenSource*, antlr4::CharStream*>;

FilteredTokens filterTokens(std::vector<std::unique_ptr<antlr4::Token>> lexed, TokenOrigin origin,
                            const SpanMaker& spans, Diagnostics& diags, std::vector<ast::Comment>& comments);

}  // namespace svcc::parse
