// Phase: parse.
// Takes a source file; hands out its ast::File plus how it was parsed, for tests and the
// benchmark that check the fast paths (the hand-written parser, then ANTLR's SLL mode)
// are taken on valid input.
#pragma once

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"

namespace svcc::parse {

// Which parser builds the tree. Auto: the hand-written fast path, and ANTLR only when
// it refuses the file. Antlr: ANTLR alone (the differential tests; SVCC_PARSER=antlr in
// the environment does the same for every file, for debugging).
enum class ParserChoice { Auto, Antlr };

struct ParseStats {
  bool parsed = false;   // false when the input checks refused the file (E0002..E0005)
  bool fast = false;     // the hand-written parser built the tree; ANTLR never ran
  bool used_ll = false;  // SLL bailed out and the file was parsed again in LL mode
  size_t tokens = 0;     // tokens the parser read, EOF included
  // CPU seconds per stage, for bench/parse_bench.cpp (docs/performance.md).
  double fast_lex_seconds = 0;    // the fast path's lexer (also when it refuses the file)
  double fast_parse_seconds = 0;  // the fast path's parser, building ast::File directly
  double decode_seconds = 0;      // UTF-8 checks and decoding to code points
  double lex_seconds = 0;         // ANTLR's lexer
  double filter_seconds = 0;      // the token filter (newlines, comments, nesting depth)
  double parse_seconds = 0;       // ANTLR's parser, both passes when SLL bails out
  double build_seconds = 0;       // parse tree to ast::File
};

ast::File parseFileWithStats(const SourceFile& file, Diagnostics& diags, ParseStats& stats,
                             ParserChoice choice = ParserChoice::Auto);

}  // namespace svcc::parse
