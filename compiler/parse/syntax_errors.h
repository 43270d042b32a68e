// Phase: parse.
// ANTLR's error strategy, turned into ours: every syntax error the LL parser meets
// becomes one diagnostic in plain words (no token-type names, no "expecting {…}" sets),
// at most one per line, and none that only echo an error already reported.
#pragma once

#include <vector>

#include "antlr4-runtime.h"
#include "diagnostics/diagnostic.h"
#include "parse/token_filter.h"
#include "parse/token_span.h"

namespace svcc::parse {

class SyntaxErrors : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrors(const SpanMaker& spans, Diagnostics& diags, const FilteredTokens& tokens)
      : spans_(spans), diags_(diags), tokens_(tokens) {}

  // In the statement lists (file, block, recipe) an unexpected token skips to the end of
  // its line and the list carries on, instead of the whole block being abandoned.
  void sync(antlr4::Parser* parser) override;

  // Whether a syntax error was reported on this line (lexical or parser).
  bool lineHasError(size_t line) const;

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  // Never deletes a separator (that only moves the error to the next line) or a bracket.
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;
  bool singleTokenInsertion(antlr4::Parser* parser) override;
  // Skips whole bracketed groups, and stops at a closer of a group it is inside.
  void consumeUntil(antlr4::Parser* parser, const antlr4::misc::IntervalSet& set) override;

 private:
  void diagnose(antlr4::Parser* parser, antlr4::Token* bad, const antlr4::misc::IntervalSet& expected,
                antlr4::Token* start);
  bool suppressed(const antlr4::Token* bad);

  const SpanMaker& spans_;
  Diagnostics& diags_;
  const FilteredTokens& tokens_;
  std::vector<size_t> reported_lines_;
};

}  // namespace svcc::parse
