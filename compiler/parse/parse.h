// Phase: parse.
// One source file in, an ast::File out. Syntax errors become diagnostics (all of them,
// with recovery); the returned tree holds everything that could be understood.
// This header is the only parse/ header other phases include: no ANTLR types here.
#pragma once

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"

namespace svcc {

ast::File parseFile(const SourceFile& file, Diagnostics& diags);

// ANTLR caches what it learns while predicting (DFA states, shared contexts) for the life
// of the process, and the caches only grow: a long-running `svcc lsp` drops them when
// they hold more than `max_states` DFA states. Returns whether it dropped them.
bool trimParserCaches(size_t max_states);

}  // namespace svcc
