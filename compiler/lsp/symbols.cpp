#include "lsp/declarations.h"
#include "lsp/features.h"

namespace svcc::lsp {

namespace {

// LSP's SymbolKind.
int symbolKind(Declared::Kind k) {
  switch (k) {
    case Declared::Kind::App:
      return 2;  // Module
    case Declared::Kind::Service:
      return 5;  // Class
    case Declared::Kind::Template:
      return 11;  // Interface
    case Declared::Kind::Let:
      return 14;  // Constant
    case Declared::Kind::Profile:
      return 3;  // Namespace
    case Declared::Kind::Port:
      return 7;  // Property
  }
  return 13;
}

const char* detailOf(Declared::Kind k) {
  switch (k) {
    case Declared::Kind::App:
      return "app";
    case Declared::Kind::Service:
      return "service";
    case Declared::Kind::Template:
      return "template";
    case Declared::Kind::Let:
      return "let";
    case Declared::Kind::Profile:
      return "profile";
    case Declared::Kind::Port:
      return "port";
  }
  return "";
}

Json symbols(const SourceManager& sources, const std::vector<Declared>& decls) {
  Json out = Json::array();
  for (const Declared& d : decls) {
    // A tree patched up after a syntax error may hold declarations without a name.
    if (d.name.empty() || !d.name_span.valid() || d.name_span.begin < d.span.begin || d.name_span.end > d.span.end) {
      continue;
    }
    Json symbol{{"name", d.name},
                {"detail", detailOf(d.kind)},
                {"kind", symbolKind(d.kind)},
                {"range", range(sources, d.span)},
                {"selectionRange", range(sources, d.name_span)}};
    if (!d.children.empty()) symbol["children"] = symbols(sources, d.children);
    out.push_back(std::move(symbol));
  }
  return out;
}

}  // namespace

Json documentSymbols(const Workspace::View& view) {
  if (view.file == kNoFile) return Json::array();
  const ast::File* file = astOf(view.analysis, view.file);
  return file ? symbols(view.analysis.c.sources, declarationsOf(*file)) : Json::array();
}

}  // namespace svcc::lsp
