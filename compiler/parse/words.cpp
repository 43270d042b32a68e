#include "parse/words.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "SvcParser.h"

namespace svcc::parse {

using P = svcc_gen::SvcParser;

bool isNameType(size_t type) { return type == P::NAME || (type >= P::IMPORT && type <= P::FALSE); }

bool isValueStartType(size_t type) {
  switch (type) {
    case P::STRING:
    case P::MINUS:
    case P::INT:
    case P::DECIMAL:
    case P::QUANTITY:
    case P::PERCENT:
    case P::BAD_NUMBER:
    case P::LBRACK:
      return true;
    default:
      return isNameType(type);
  }
}

std::string TokenWords::text(const antlr4::Token* first, const antlr4::Token* last) const {
  Span span = spans_.between(first, last);
  const std::string& source = spans_.source;
  std::string out = source.substr(span.begin, span.size());
  constexpr size_t kMax = 32;
  if (out.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "…";
  }
  return out;
}

std::string TokenWords::describe(const antlr4::Token* t) const {
  if (t->getType() == static_cast<size_t>(antlr4::Token::EOF)) return "the end of the file";
  if (t->getType() == P::NL) return "the end of the line";
  if (spans_.of(t).size() == 0) return "`" + t->getText() + "`";
  return fmt::format("`{}`", text(t));
}

namespace {

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string nearMiss(std::string_view word, std::span<const std::string_view> candidates) {
  if (word.size() > 32) return "";
  std::string best;
  size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
  for (std::string_view c : candidates) {
    size_t d = editDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace svcc::parse
