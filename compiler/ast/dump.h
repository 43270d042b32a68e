// Phase: ast.
// Takes an ast::File; hands out a stable text or JSON rendering for `svcc dump ast` and
// golden tests. Spans print as line:col-line:col (1-based) so goldens read easily.
#pragma once

#include <string>

#include "ast/ast.h"
#include "base/source.h"

namespace svcc::ast {

// Shape is Text without positions: two trees with equal shapes mean the same (the
// formatter's round-trip check compares them).
enum class DumpFormat { Text, Json, Shape };

std::string dump(const File& file, const SourceManager& sources, DumpFormat format);

}  // namespace svcc::ast
