// Phase: parse.
// Takes the bytes of a string or number token; hands out its ast::Expr: strings split
// into literal parts (escapes decoded) and `${…}` references, numbers split into value
// and unit. Bad escapes, interpolations and units are reported here.
#pragma once

#include <string_view>

#include "ast/ast.h"
#include "diagnostics/diagnostic.h"

namespace svcc::parse {

// `raw` is the token as written, quotes included (the closing one may be missing).
ast::Expr decodeString(std::string_view raw, Span span, Diagnostics& diags);

// Whether a number's suffix is one of the units (`m`, `Mi`, `ms`, …).
bool isUnit(std::string_view suffix);

// `raw` is INT, DECIMAL, PERCENT or QUANTITY text (or an invalid number), without sign.
ast::Expr decodeNumber(std::string_view raw, Span span, Diagnostics& diags);

}  // namespace svcc::parse
