// Phase: format (reads only the syntax tree and the source text; used by `svcc fmt`).
// Takes a file that parsed without errors; hands out its text in the canonical layout
// described in docs/fmt.md, comments included.
#pragma once

#include <string>

#include "ast/ast.h"
#include "base/source.h"

namespace svcc {

// Lines are kept within this many columns where the layout allows a break.
inline constexpr size_t kFormatWidth = 100;

std::string formatFile(const ast::File& file, const SourceFile& source);

}  // namespace svcc
