#include <algorithm>

#include "sema/apply.h"
#include "sema/dependencies.h"
#include "sema/eval.h"
#include "sema/finish.h"
#include "sema/names.h"
#include "sema/schema.h"
#include "sema/sema.h"
#include "sema/symbols.h"

namespace svcc::sema {
namespace {

void checkApp(const ast::App& app, Evaluator& eval, Model& model, Diagnostics& diags) {
  model.app.name = app.name.text;
  model.app.span = app.span;
  if (auto why = checkRfc1123Label(app.name.text)) {
    diags.report(Code::E0307, app.name.span, "app name `" + app.name.text + "` is not a valid Kubernetes name")
        .label(*why)
        .withHelp("the app name becomes a label value: lower-case letters, digits and `-`");
  }
  eval.setAppField("name", app.name.text);
  Env env{0, nullptr};
  for (const ast::Stmt& s : app.body.stmts) {
    const ast::Ident* name = s.path.empty() ? nullptr : &s.path[0];
    if (name && s.quoted_key) {
      diags.report(Code::E0322, name->span, "a quoted key in `app`")
          .label("only the entries of a map (`labels`) are quoted");
      continue;
    }
    const FieldSpec* f = name ? findField(&appSpec(), name->text) : nullptr;
    if (!f) {
      if (!name) continue;
      auto& d = diags.report(Code::E0211, name->span, "unknown field `" + name->text + "` in `app`")
                    .label("not a field of `app`");
      if (auto near = nearestName(name->text, fieldNames(&appSpec()))) {
        d.withHelp("did you mean `" + *near + "`?").fix(name->span, *near, "replace with `" + *near + "`");
      }
      continue;
    }
    if (f->shape == FieldShape::Map) {
      std::string map(f->name);
      if (s.kind != ast::StmtKind::Block) {
        diags.report(Code::E0322, name->span, "`" + map + "` is a block")
            .label("write `" + map + " { key = \"value\" }`");
        continue;
      }
      std::vector<KeyValue>& out = f->id == FieldId::AppAnnotations ? model.app.annotations : model.app.labels;
      for (const ast::Stmt& entry : s.body.stmts) {
        if (entry.kind != ast::StmtKind::Assign || entry.path.size() != 1) {
          diags.report(Code::E0322, entry.span, "`" + map + "` entries are `key = \"value\"`").label("not an entry");
          continue;
        }
        Value v = eval.eval(entry.value, Type::of(TypeKind::String), env);
        if (v.ok() && !v.hasRefs()) out.push_back({entry.path[0].text, v.plainText(), entry.span});
      }
      continue;
    }
    if (s.kind != ast::StmtKind::Assign || s.path.size() != 1) {
      diags.report(Code::E0322, s.span, "`" + name->text + "` is a plain value")
          .label("write `" + name->text + " = …`");
      continue;
    }
    Value v = eval.eval(s.value, f->type, env);
    if (!v.ok()) continue;
    if (f->type.kind == TypeKind::Bool) {
      model.app.network_policy = v.flag;
      continue;
    }
    if (v.hasRefs()) {
      diags.report(Code::E0301, v.span, "expected String, found a service reference")
          .label("app fields cannot refer to services");
      continue;
    }
    std::string text = v.plainText();
    if (f->name == "namespace") {
      if (auto why = checkRfc1123Label(text)) {
        diags.report(Code::E0307, v.span, "namespace `" + text + "` is not a valid Kubernetes name")
            .label(*why)
            .withHelp("namespaces are lower-case letters, digits and `-`, at most 63 characters");
        continue;
      }
      model.app.namespace_name = Located<std::string>{text, v.span};
    } else if (f->name == "registry") {
      model.app.registry = Located<std::string>{text, v.span};
    } else {
      model.app.version = Located<std::string>{text, v.span};
    }
    eval.setAppField(std::string(f->name), text);
  }
  for (std::vector<KeyValue>* map : {&model.app.labels, &model.app.annotations})
    std::sort(map->begin(), map->end(), [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
}

// Lets that nothing uses are still checked, against no particular type.
void checkLets(const Symbols& syms, Evaluator& eval) {
  for (uint32_t u = 0; u < syms.units.size(); ++u) {
    std::vector<const ast::Let*> lets;
    for (const auto& [name, let] : syms.units[u].lets) lets.push_back(let);
    std::sort(lets.begin(), lets.end(),
              [](const ast::Let* a, const ast::Let* b) { return a->name.text < b->name.text; });
    for (const ast::Let* let : lets) eval.evalLet(*let, Type::of(TypeKind::Any), u);
  }
}

}  // namespace

Model check(const Program& program, const SemaOptions& options, const SourceManager& sources, Diagnostics& diags) {
  Model model;
  Symbols syms = collectSymbols(program, sources, diags);
  syms.index = options.index;
  Evaluator eval(syms, diags);
  eval.recordUsage(&model.usage);
  if (syms.app) checkApp(*syms.app, eval, model, diags);
  checkLets(syms, eval);

  Applier applier(syms, eval, diags);
  std::vector<Draft> drafts;
  drafts.reserve(syms.services.size());
  for (const ast::Service* s : syms.services) drafts.push_back(applier.buildService(*s));

  const ast::Profile* selected = nullptr;
  if (options.profile) {
    for (const ast::Profile* p : syms.profiles) {
      if (p->name.text == *options.profile) selected = p;
    }
    if (!selected) {
      std::vector<std::string_view> names;
      std::string known;
      for (const ast::Profile* p : syms.profiles) {
        names.push_back(p->name.text);
        known += (known.empty() ? "`" : ", `") + p->name.text + "`";
      }
      auto& d = diags.report(Code::E0212, Span{}, "unknown profile `" + *options.profile + "`");
      d.note(known.empty() ? "the app declares no profiles" : "the known profiles are " + known);
      if (auto near = nearestName(*options.profile, names)) d.withHelp("did you mean `--profile " + *near + "`?");
    } else {
      model.profile = selected->name.text;
    }
  }
  for (const ast::Profile* p : syms.profiles) applier.applyProfile(*p, p == selected ? &drafts : nullptr);
  model.usage.templates = applier.usedTemplates();  // before the unused ones are checked
  applier.checkUnusedTemplates();

  model.services.resize(syms.services.size());
  for (ServiceId i = 0; i < syms.services.size(); ++i) {
    const ast::Service* s = syms.services[i];
    Service& out = model.services[i];
    out.name = s->name.text;
    out.span = s->name.span;
    out.decl_span = s->span;
    out.file = s->span.file;
    finishPorts(drafts[i], out);
  }
  References refs(model, syms.service_index, diags);
  refs.recordInto(options.index);
  for (ServiceId i = 0; i < syms.services.size(); ++i) {
    if (drafts[i].incomplete) refs.markIncomplete(i);
  }
  for (ServiceId i = 0; i < syms.services.size(); ++i) {
    finishService(drafts[i], i, model, refs, diags);
    // Freed as soon as it is used: the services finished next reuse its memory.
    drafts[i] = Draft{};
  }
  if (options.read_files) options.read_files(model, refs);
  refs.finishGraph();
  return model;
}

}  // namespace svcc::sema
