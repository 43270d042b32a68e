#include "parse/syntax_errors.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "SvcParser.h"
#include "parse/words.h"

namespace svcc::parse {

namespace {

using antlr4::Token;
using antlr4::misc::IntervalSet;
using P = svcc_gen::SvcParser;

struct Message {
  Code code = Code::E0117;
  std::string text;
  std::string label;
  std::string help;
  bool at_prev = false;  // point at the token before the offending one
};

bool isSep(const Token* t) { return t->getType() == P::NL || t->getType() == P::SEMI; }

bool canStartValue(const IntervalSet& set) {
  return set.contains(size_t{P::STRING}) && set.contains(size_t{P::INT}) && set.contains(size_t{P::LBRACK});
}

constexpr std::array<std::string_view, 6> kDeclWords = {"import", "app", "let", "template", "service", "profile"};
constexpr std::array<std::string_view, 7> kStepWords = {"from", "workdir", "copy", "run", "env", "user", "stage"};

std::string joinWords(std::vector<std::string> parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

// "a value", "a name", "`=`", "a new line": what a set of expected tokens means.
std::string describeExpected(const IntervalSet& set, const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::string> parts;
  bool names = set.contains(size_t{P::NAME});
  if (names && canStartValue(set)) {
    parts.push_back("a value");
  } else if (names) {
    parts.push_back("a name");
  }
  for (size_t type : set.toList()) {
    if (isNameType(type) || (names && canStartValue(set) && isValueStartType(type))) continue;
    if (type == P::NL) {
      parts.push_back("a new line");
    } else if (type == static_cast<size_t>(Token::EOF)) {
      parts.push_back("the end of the file");
    } else if (type != P::SEMI || !set.contains(size_t{P::NL})) {
      std::string literal = vocabulary.getLiteralName(type);
      if (literal.size() >= 2) parts.push_back(fmt::format("`{}`", literal.substr(1, literal.size() - 2)));
    }
  }
  if (parts.size() > 5) return "";
  return joinWords(std::move(parts));
}

// The kind word of a `KIND NAME …` declaration whose name is missing (`replicas = 3`,
// `foo { … }` at the top level), or null: to the user it is a field outside any block.
Token* strayFieldAtTop(antlr4::Parser* parser, Token* bad) {
  antlr4::ParserRuleContext* ctx = parser->getContext();
  if (ctx->getRuleIndex() == P::RuleName && ctx->parent) ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent);
  if (!ctx || ctx->getRuleIndex() != P::RuleKindDecl) return nullptr;
  Token* kind = ctx->getStart();
  if (kind->getType() != P::NAME || bad->getTokenIndex() != kind->getTokenIndex() + 1) return nullptr;
  return kind;
}

}  // namespace

bool SyntaxErrors::lineHasError(size_t line) const {
  if (std::binary_search(tokens_.error_lines.begin(), tokens_.error_lines.end(), line)) return true;
  return std::find(reported_lines_.begin(), reported_lines_.end(), line) != reported_lines_.end();
}

bool SyntaxErrors::suppressed(const Token* bad) {
  // At the end of the file, or at a closer we inserted: the unclosed delimiter is the error.
  if (bad->getType() == static_cast<size_t>(Token::EOF) && tokens_.repaired_brackets) return true;
  if (bad->getType() != static_cast<size_t>(Token::EOF) && spans_.of(bad).size() == 0) return true;
  return lineHasError(bad->getLine());
}

void SyntaxErrors::diagnose(antlr4::Parser* parser, Token* bad, const IntervalSet& expected, Token* start) {
  antlr4::TokenStream* stream = parser->getTokenStream();
  size_t rule = parser->getContext()->getRuleIndex();
  // `image nginx` is the start of a named block (`KIND NAME { … }`) without its `{`; but
  // unless the kind is `volume`, to the user it is a field without its `=`, before `nginx`.
  auto* named = rule == P::RuleBlock && parser->getContext()->children.empty()
                    ? dynamic_cast<P::NamedStmtContext*>(parser->getContext()->parent)
                    : nullptr;
  Token* kind = named ? named->getStart() : nullptr;
  if (kind && kind->getType() != P::VOLUME) bad = stream->get(kind->getTokenIndex() + 1);
  Token* stray = strayFieldAtTop(parser, bad);
  if (stray) bad = stray;
  if (suppressed(bad)) return;
  reported_lines_.push_back(bad->getLine());
  Token* prev = bad->getTokenIndex() > 0 ? stream->get(bad->getTokenIndex() - 1) : nullptr;
  TokenWords words(spans_);
  std::string found = words.describe(bad);
  std::string after = prev ? fmt::format("`{}`", words.text(prev)) : std::string();
  bool bad_is_gap = isSep(bad) || bad->getType() == P::RBRACE || bad->getType() == static_cast<size_t>(Token::EOF) ||
                    spans_.of(bad).size() == 0;
  // Inside a block's or recipe's braces (not at its missing `{`).
  bool in_list = (rule == P::RuleBlock || rule == P::RuleRecipe) && !parser->getContext()->children.empty();
  Message m;

  if (kind && kind->getType() == P::VOLUME) {
    m = {Code::E0117, fmt::format("expected `{{` after `volume {}`, found {}", words.text(prev), found), "expected `{`",
         "a volume is declared `volume NAME { size = 1Gi; mount = \"/data\" }`"};
  } else if (kind) {
    std::string field = words.text(kind);
    m = {Code::E0110, fmt::format("expected `=` or `{{` after field `{}`", field), "expected `=` or `{` before this",
         fmt::format("assign a value with `{0} = …` or open a block with `{0} {{ … }}`", field)};
  } else if (start && rule == P::RuleStmt) {
    Token* second = stream->get(start->getTokenIndex() + 1);
    if (start->getType() == P::DEPENDS && second->getType() != P::ON) {
      m = {Code::E0113, "missing `on` after `depends`", "expected `on` after this",
           "dependencies are written `depends on NAME, …`"};
      diags_.report(m.code, spans_.of(start), m.text).label(m.label).withHelp(m.help);
      return;
    }
    if (start->getType() == P::PORT && bad == second && !isNameType(second->getType())) {
      m = {Code::E0112, fmt::format("expected a port name after `port`, found {}", found), "expected a port name",
           "ports are declared `port http = 8080` or `port http = 80 -> 8080`"};
    } else if (start->getType() == P::PORT && isNameType(second->getType()) &&
               bad->getTokenIndex() == second->getTokenIndex() + 1) {
      m = {Code::E0117, fmt::format("expected `=` after `port {}`, found {}", words.text(second), found),
           "expected `=`", "ports are declared `port http = 8080` or `port http = 80 -> 8080`"};
    } else if (isNameType(start->getType()) && prev && prev->getType() == P::DOT) {
      m = {Code::E0112, fmt::format("expected a name after `.`, found {}", found), "expected a name",
           "a dotted path is names joined by `.`: `frontend.scale.max`"};
    } else if (isNameType(start->getType())) {
      std::string field = words.text(start, prev);
      m = {Code::E0110, fmt::format("expected `=` or `{{` after field `{}`", field),
           bad_is_gap ? "this field has no value" : "expected `=` or `{` before this",
           fmt::format("assign a value with `{0} = …` or open a block with `{0} {{ … }}`", field)};
      if (bad_is_gap) {
        diags_.report(m.code, spans_.between(start, prev), m.text).label(m.label).withHelp(m.help);
        return;
      }
    } else {
      m = {Code::E0117, fmt::format("expected a statement, found {}", found), "not a statement",
           "a block holds fields (`replicas = 3`), blocks (`env { … }`), `port`, `depends on`, "
           "`volume` and `build`"};
    }
  } else if (rule == P::RuleImportDecl) {
    m = {Code::E0112, fmt::format("expected a module or a file after `import`, found {}", found),
         "expected a module name or a quoted path", "write `import std.runtime` or `import \"./other.svc\"`"};
  } else if (stray || rule == P::RuleFile || rule == P::RuleDecl) {
    m = {Code::E0115, fmt::format("expected a declaration, found {}", found), "not a declaration",
         "a file holds `import`, `app`, `let`, `template`, `service` and `profile` declarations"};
    std::string near = bad->getType() == P::NAME ? nearMiss(words.text(bad), kDeclWords) : "";
    if (!near.empty()) {
      m.help = fmt::format("did you mean `{}`?", near);
    } else if (isNameType(bad->getType())) {
      m.help = "fields belong inside a block such as `service NAME { … }`";
    }
  } else if (rule == P::RuleRecipe && in_list && isNameType(bad->getType())) {
    m = {Code::E0116, fmt::format("unknown build step {}", found), "not a build step",
         "the steps are `from`, `workdir`, `copy`, `run`, `env`, `user` and `stage`"};
    std::string near = nearMiss(words.text(bad), kStepWords);
    if (!near.empty()) m.help = fmt::format("did you mean `{}`?", near);
  } else if (in_list && prev && (isSep(prev) || prev->getType() == P::LBRACE)) {
    m = {Code::E0117, fmt::format("expected a {}, found {}", rule == P::RuleBlock ? "statement" : "build step", found),
         rule == P::RuleBlock ? "not a statement" : "not a build step", ""};
  } else if (in_list) {
    // At a gap (the end of a line or of the file) the label goes after the token before
    // it: "expected … after this", not "before this".
    std::string_view what = found;
    if (what.starts_with("the ")) what.remove_prefix(4);
    m = {Code::E0117, fmt::format("unexpected {}", what),
         bad_is_gap ? "expected a new line, `;` or `}`" : "expected a new line, `;` or `}` before this",
         "put each statement on its own line, or separate them with `;`"};
  } else if (rule == P::RuleType || rule == P::RuleTypeAtom) {
    m = {Code::E0118, fmt::format("expected a type after {}, found {}", after, found), "expected a type",
         "types are names (`Port`, `String`), lists (`[String]`) and ranges (`Cpu..Cpu`)"};
  } else if (prev && prev->getType() == P::MINUS) {
    m = {Code::E0111, fmt::format("expected a number after `-`, found {}", found), "expected a number",
         "only numbers take a sign: `-1`, `-0.5`"};
  } else if (canStartValue(expected)) {
    m = {Code::E0111, fmt::format("expected a value after {}", after),
         bad_is_gap ? "expected a value after this" : "this is not a value",
         "a value is a string, a number, a quantity (`128Mi`), a list, a reference or a call"};
    m.at_prev = bad_is_gap;
  } else if (expected.contains(size_t{P::NAME})) {
    m = {Code::E0112, fmt::format("expected a name after {}, found {}", after, found), "expected a name",
         "names are letters, digits, `_` and `-`, starting with a letter"};
  } else {
    std::string wanted = describeExpected(expected, parser->getVocabulary());
    std::string where = prev && !isSep(prev) ? " after " + after : "";
    m.text = wanted.empty() ? fmt::format("unexpected {}", found)
                            : fmt::format("expected {}{}, found {}", wanted, where, found);
    m.label = wanted.empty() ? "not expected here" : fmt::format("expected {}", wanted);
  }
  if (bad_is_gap && prev && !isSep(prev)) {
    m.at_prev = true;
    if (m.code != Code::E0111) m.label += " after this";
  }
  Diagnostic& d = diags_.report(m.code, m.at_prev && prev ? spans_.of(prev) : spans_.of(bad), m.text);
  d.label(m.label);
  if (!m.help.empty()) d.withHelp(m.help);
}

void SyntaxErrors::sync(antlr4::Parser* parser) {
  size_t rule = parser->getContext()->getRuleIndex();
  if (rule != P::RuleFile && rule != P::RuleBlock && rule != P::RuleRecipe) {
    DefaultErrorStrategy::sync(parser);
    return;
  }
  antlr4::TokenStream* in = parser->getTokenStream();
  IntervalSet expected = parser->getExpectedTokens();
  if (expected.contains(in->LA(1))) return;
  // Still recovering from an error inside the last item: skip quietly, but skip, or the
  // list would end here and the rest of the file would be lost.
  if (!inErrorRecoveryMode(parser)) {
    beginErrorCondition(parser);
    diagnose(parser, in->LT(1), expected, nullptr);
  }
  // Skip to the end of the line, over whole bracketed groups (brackets are balanced).
  size_t depth = 0;
  bool consumed = false;
  for (;;) {
    size_t la = in->LA(1);
    bool closer = la == P::RBRACE || la == P::RPAREN || la == P::RBRACK;
    if (la == static_cast<size_t>(Token::EOF)) break;
    if (depth == 0 && (la == P::NL || la == P::SEMI || closer) && (consumed || expected.contains(la))) break;
    if (la == P::LBRACE || la == P::LPAREN || la == P::LBRACK) ++depth;
    if (closer && depth > 0) --depth;
    parser->consume();
    consumed = true;
  }
}

Token* SyntaxErrors::singleTokenDeletion(antlr4::Parser* parser) {
  switch (parser->getTokenStream()->LA(1)) {
    case P::NL:
    case P::SEMI:
    case P::LBRACE:
    case P::RBRACE:
    case P::LPAREN:
    case P::RPAREN:
    case P::LBRACK:
    case P::RBRACK:
      return nullptr;  // separators end statements; brackets are balanced by now
    default:
      return DefaultErrorStrategy::singleTokenDeletion(parser);
  }
}

bool SyntaxErrors::singleTokenInsertion(antlr4::Parser* parser) {
  // A conjured `{` (`volume data size = 1Gi`) would open a block that takes the rest of the
  // enclosing one, and its `}`: the token filter has balanced the brackets already.
  if (getExpectedTokens(parser).contains(size_t{P::LBRACE})) return false;
  return DefaultErrorStrategy::singleTokenInsertion(parser);
}

void SyntaxErrors::consumeUntil(antlr4::Parser* parser, const IntervalSet& set) {
  antlr4::TokenStream* in = parser->getTokenStream();
  size_t depth = 0;
  for (;;) {
    size_t la = in->LA(1);
    if (la == static_cast<size_t>(Token::EOF) || (depth == 0 && set.contains(la))) return;
    if (la == P::LBRACE || la == P::LPAREN || la == P::LBRACK) ++depth;
    if (la == P::RBRACE || la == P::RPAREN || la == P::RBRACK) {
      if (depth == 0) return;
      --depth;
    }
    parser->consume();
  }
}

void SyntaxErrors::reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) {
  diagnose(parser, e.getOffendingToken(), e.getExpectedTokens(), e.getStartToken());
}

void SyntaxErrors::reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) {
  diagnose(parser, e.getOffendingToken(), e.getExpectedTokens(), nullptr);
}

void SyntaxErrors::reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) {
  diagnose(parser, e.getOffendingToken(), e.getExpectedTokens(), nullptr);
}

void SyntaxErrors::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  diagnose(parser, parser->getCurrentToken(), getExpectedTokens(parser), nullptr);
}

void SyntaxErrors::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  diagnose(parser, parser->getCurrentToken(), getExpectedTokens(parser), nullptr);
}

}  // namespace svcc::parse
