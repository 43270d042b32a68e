// Phase: format.
// Takes a decoded string literal; hands out its canonical spelling in `.svc` source.
#pragma once

#include <string>

#include "ast/ast.h"

namespace svcc::format {

// `"…"` with `\"`, `\\`, `\n`, `\t`, `\${` and `\u{…}` for other control characters.
std::string quoteString(const ast::Expr& string);
std::string quoteText(std::string_view text);

}  // namespace svcc::format
