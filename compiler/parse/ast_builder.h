// Phase: parse.
// Takes ANTLR's parse tree (possibly with error nodes from recovery); hands out our
// ast::File with a byte span on every node. Missing pieces become Error expressions
// and empty names, never null pointers.
#pragma once

#include "SvcParser.h"
#include "ast/ast.h"
#include "diagnostics/diagnostic.h"
#include "parse/syntax_errors.h"
#include "parse/token_span.h"

namespace svcc::parse {

// `errors` says where syntax errors were reported, so that the builder's own checks do
// not pile onto them.
void buildAst(svcc_gen::SvcParser::FileContext* tree, const SpanMaker& spans, const SyntaxErrors& errors,
              Diagnostics& diags, ast::File& out);

}  // namespace svcc::parse
