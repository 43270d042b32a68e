#include "lint/edits.h"
#include "lint/rules.h"

namespace svcc::lint {

namespace {

void unusedTemplate(const Context& c, const SourceFile& file, const ast::Template& t) {
  if (c.model.usage.templates.count(&t)) return;
  c.diags.report(Code::W1006, t.name.span, "template `" + t.name.text + "` is never applied")
      .label("no service applies it")
      .withHelp("apply it (`service NAME : " + t.name.text + "`) or delete it")
      .fix(lineDeletion(file, t.span), "", "delete template `" + t.name.text + "`");
}

void unusedLet(const Context& c, const SourceFile& file, const ast::Let& let) {
  if (c.model.usage.lets.count(&let)) return;
  c.diags.report(Code::W1007, let.name.span, "let `" + let.name.text + "` is never used")
      .label("nothing reads it")
      .withHelp("use it or delete it")
      .fix(lineDeletion(file, let.span), "", "delete let `" + let.name.text + "`");
}

}  // namespace

void declarationRules(const Context& c) {
  for (const ast::File& f : c.program.files) {
    const SourceFile& file = c.sources.file(f.file);
    if (file.is_stdlib) continue;
    for (const ast::Decl& decl : f.decls) {
      if (const auto* t = std::get_if<ast::Template>(&decl)) unusedTemplate(c, file, *t);
      if (const auto* let = std::get_if<ast::Let>(&decl)) unusedLet(c, file, *let);
    }
  }
}

}  // namespace svcc::lint
