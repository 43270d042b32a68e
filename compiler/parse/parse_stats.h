// Phase: parse.
// Takes a source file; hands out its ast::File plus how it was parsed, for tests and the
// benchmark that check the fast path (SLL) is taken on valid input.
#pragma once

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"

namespace svcc::parse {

struct ParseStats {
  bool parsed = false;   // false when the input checks refused the file (E0002..E0005)
  bool used_ll = false;  // SLL bailed out and the file was parsed again in LL mode
  size_t tokens = 0;     // tokens the parser read, EOF included
  // CPU seconds per stage, for bench/parse_bench.cpp (docs/performance.md).
  double decode_seconds = 0;  // UTF-8 checks and decoding to code points
  double lex_seconds = 0;     // ANTLR's lexer
  double filter_seconds = 0;  // the token filter (newlines, comments, nesting depth)
  double parse_seconds = 0;   // ANTLR's parser, both passes when SLL bails out
  double build_seconds = 0;   // parse tree to ast::File
};

ast::File parseFileWithStats(const SourceFile& file, Diagnostics& diags, ParseStats& stats);

}  // namespace svcc::parse
