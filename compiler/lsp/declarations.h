// Phase: lsp (what a file declares).
// Takes one file's syntax tree (also a partial one, from a file with syntax errors);
// hands out its declarations with their name spans: the outline, and the names a
// cursor can stand on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"

namespace svcc::lsp {

struct Declared {
  enum class Kind { App, Service, Template, Let, Profile, Port };
  Kind kind = Kind::Service;
  std::string name;
  Span name_span;
  Span span;                       // the whole declaration
  std::vector<Declared> children;  // a service's or template's ports
};

std::vector<Declared> declarationsOf(const ast::File& file);
// The declaration whose name covers `offset` (its end included); nullptr if none.
const Declared* declaredAt(const std::vector<Declared>& decls, uint32_t offset);

// The span of `name` (the last dotted part) inside a declaration `decl` (`port grpc = 7070`,
// `let tag = …`): its first occurrence as a whole word after the leading keyword; the whole
// `decl` when it does not occur.
Span nameSpanIn(const SourceManager& sources, const Span& decl, std::string_view name);

// The template of the program declared at `decl`; nullptr if none is.
const ast::Template* templateAt(const std::vector<ast::File>& files, const Span& decl);

}  // namespace svcc::lsp
