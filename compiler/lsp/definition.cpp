#include <filesystem>

#include "lsp/declarations.h"
#include "lsp/features.h"

namespace svcc::lsp {

namespace {

Json location(const Analysis& a, const Span& span) {
  if (!span.valid() || a.uris[span.file].empty()) return nullptr;
  return Json{{"uri", a.uris[span.file]}, {"range", range(a.c.sources, span)}};
}

Span wholeFile(FileId file) { return Span{file, 0, 0}; }

// The file an `import` at `offset` names: `std.NAME`'s module file, or `"./x.svc"`.
Json importTarget(const Analysis& a, const ast::File& file, uint32_t offset) {
  for (const ast::Decl& decl : file.decls) {
    const auto* imp = std::get_if<ast::Import>(&decl);
    if (!imp || offset < imp->span.begin || offset > imp->span.end) continue;
    if (!imp->is_path) {
      if (imp->module.size() != 2) return nullptr;
      for (const sema::Unit& unit : a.c.program.units) {
        if (unit.module == imp->module[1].text && !unit.files.empty()) {
          return location(a, wholeFile(a.c.program.files[unit.files.front()].file));
        }
      }
      return nullptr;
    }
    const std::string& importer = a.c.sources.file(file.file).path;
    std::string target =
        (std::filesystem::path(importer).parent_path() / imp->path).lexically_normal().generic_string();
    for (FileId id = 0; id < a.c.sources.size(); ++id) {
      if (a.c.sources.file(id).path == target) return location(a, wholeFile(id));
    }
    return nullptr;
  }
  return nullptr;
}

}  // namespace

Json definition(const Workspace::View& view, uint32_t offset) {
  const Analysis& a = view.analysis;
  if (view.file == kNoFile) return nullptr;
  if (const sema::NameUse* use = a.index.at(view.file, offset)) {
    if (!use->decl.valid()) return nullptr;
    return location(a, nameSpanIn(a.c.sources, use->decl, use->name));
  }
  const ast::File* file = astOf(a, view.file);
  if (!file) return nullptr;
  std::vector<Declared> decls = declarationsOf(*file);
  if (const Declared* d = declaredAt(decls, offset)) return location(a, d->name_span);
  return importTarget(a, *file, offset);
}

}  // namespace svcc::lsp
