// Phase: parse.
// Takes tokens; hands out the plain words syntax errors use to name them ("`replicas`",
// "the end of the line") and near-miss suggestions for misspelt keywords.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "antlr4-runtime.h"
#include "parse/token_span.h"

namespace svcc::parse {

// Names include every keyword, since keywords are contextual.
bool isNameType(size_t type);
bool isValueStartType(size_t type);

class TokenWords {
 public:
  explicit TokenWords(const SpanMaker& spans) : spans_(spans) {}
  // The source text from `first` to `last`, shortened when long.
  std::string text(const antlr4::Token* first, const antlr4::Token* last) const;
  std::string text(const antlr4::Token* t) const { return text(t, t); }
  // "`x`", "the end of the line", "the end of the file".
  std::string describe(const antlr4::Token* t) const;

 private:
  const SpanMaker& spans_;
};

// The closest candidate within edit distance max(1, length/3) of `word` (ignoring case),
// or "".
std::string nearMiss(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace svcc::parse
