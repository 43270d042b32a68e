#include "parse/parse.h"

#include <cstdlib>
#include <ctime>
#include <string_view>

#include "SvcLexer.h"
#include "SvcParser.h"
#include "parse/ast_builder.h"
#include "parse/fast_parser.h"
#include "parse/parse_stats.h"
#include "parse/source_text.h"
#include "parse/syntax_errors.h"
#include "parse/token_filter.h"

namespace svcc {

namespace {

// ANTLR's input stream, filled with code points we decoded (and checked) ourselves.
class CodePointInput : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointInput(std::u32string code_points) {
    _data = std::move(code_points);
    p = 0;
  }
};

using svcc_gen::SvcParser;

// Two stages: the fast SLL mode, which fails on any syntax error (and, in principle, on
// rare inputs that need full context); only then the slower LL mode with our recovery.
SvcParser::FileContext* runParser(SvcParser& parser, antlr4::CommonTokenStream& tokens,
                                  const std::shared_ptr<antlr4::ANTLRErrorStrategy>& recovery,
                                  parse::ParseStats& stats) {
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  try {
    return parser.file();
  } catch (const antlr4::ParseCancellationException&) {
  }
  stats.used_ll = true;
  tokens.seek(0);
  parser.reset();
  parser.setErrorHandler(recovery);
  simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
  return parser.file();
}

// CPU time since the last lap, added to `into`.
class Stopwatch {
 public:
  void lap(double& into) {
    std::clock_t now = std::clock();
    into += static_cast<double>(now - last_) / CLOCKS_PER_SEC;
    last_ = now;
  }

 private:
  std::clock_t last_ = std::clock();
};

// SVCC_PARSER=antlr sends every file through ANTLR, to tell a fast-path bug from a
// grammar one without rebuilding.
bool antlrForced() {
  static const bool forced = [] {
    const char* value = std::getenv("SVCC_PARSER");
    return value != nullptr && std::string_view(value) == "antlr";
  }();
  return forced;
}

}  // namespace

ast::File parseFile(const SourceFile& file, Diagnostics& diags) {
  parse::ParseStats stats;
  return parse::parseFileWithStats(file, diags, stats);
}

ast::File parse::parseFileWithStats(const SourceFile& file, Diagnostics& diags, ParseStats& stats,
                                    ParserChoice choice) {
  if (choice == ParserChoice::Auto && !antlrForced()) {
    ast::File tree;
    if (parseFast(file, tree, stats)) {
      stats.parsed = true;
      stats.fast = true;
      return tree;
    }
  }
  ast::File out;
  out.file = file.id;
  Stopwatch watch;
  parse::SourceText text;
  bool decoded = text.decode(file, diags);
  watch.lap(stats.decode_seconds);
  if (!decoded) return out;
  parse::SpanMaker spans{file.id, text, file.text};

  CodePointInput input(text.takeCodePoints());
  svcc_gen::SvcLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::unique_ptr<antlr4::Token>> lexed = lexer.getAllTokens();
  watch.lap(stats.lex_seconds);
  parse::FilteredTokens filtered = parse::filterTokens(std::move(lexed), {&lexer, &input}, spans, diags, out.comments);
  watch.lap(stats.filter_seconds);
  if (filtered.too_deep) return out;

  stats.parsed = true;
  stats.tokens = filtered.tokens.size();
  antlr4::ListTokenSource source(std::move(filtered.tokens));
  antlr4::CommonTokenStream tokens(&source);
  SvcParser parser(&tokens);
  auto errors = std::make_shared<parse::SyntaxErrors>(spans, diags, filtered);
  SvcParser::FileContext* tree = runParser(parser, tokens, errors, stats);
  watch.lap(stats.parse_seconds);
  parse::buildAst(tree, spans, *errors, diags, out);
  watch.lap(stats.build_seconds);
  return out;
}

bool trimParserCaches(size_t max_states) {
  SvcParser parser(nullptr);  // only for its simulator: the DFAs are shared by all parsers
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  size_t states = 0;
  for (const antlr4::dfa::DFA& dfa : simulator->decisionToDFA) states += dfa.states.size();
  if (states <= max_states) return false;
  simulator->clearDFA();
  simulator->getSharedContextCache().clear();
  antlr4::ANTLRInputStream empty;
  svcc_gen::SvcLexer lexer(&empty);
  lexer.getInterpreter<antlr4::atn::LexerATNSimulator>()->clearDFA();
  return true;
}

}  // namespace svcc
