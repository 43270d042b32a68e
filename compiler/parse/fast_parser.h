// Phase: parse (fast path).
// Takes a source file; hands out its ast::File, built by a hand-written recursive-descent
// parser straight from fast_lexer's tokens, when the file is valid: the same tree, spans
// and comments the ANTLR path builds. On anything the ANTLR path would report (and on
// anything it is unsure of) it refuses without a diagnostic, and parse.cpp runs the
// ANTLR path from scratch. grammar/Svc.g4 stays the specification; the differential
// tests (tests/unit/parse_fast_test.cpp) hold the two paths together.
#pragma once

#include "ast/ast.h"
#include "base/source.h"
#include "parse/parse_stats.h"

namespace svcc::parse {

// True with `out` filled when the file is valid; false (and `out` unspecified) otherwise.
bool parseFast(const SourceFile& file, ast::File& out, ParseStats& stats);

}  // namespace svcc::parse
