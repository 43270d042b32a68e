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
};

ast::File parseFileWithStats(const SourceFile& file, Diagnostics& diags, ParseStats& stats);

}  // namespace svcc::parse
