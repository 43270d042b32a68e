#include "sema/apply.h"

#include <algorithm>
#include <unordered_map>

#include "sema/graph.h"
#include "sema/index.h"
#include "sema/names.h"

namespace svcc::sema {
namespace {

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "`" : ", `") + std::string(n) + "`";
  return out;
}

std::optional<TypeKind> scalarType(std::string_view name) {
  static const std::pair<std::string_view, TypeKind> kTypes[] = {
      {"Int", TypeKind::Int},           {"Bool", TypeKind::Bool}, {"String", TypeKind::String},
      {"Duration", TypeKind::Duration}, {"Cpu", TypeKind::Cpu},   {"Memory", TypeKind::Memory},
      {"Percent", TypeKind::Percent},   {"Port", TypeKind::Port}, {"Image", TypeKind::Image},
  };
  for (const auto& [n, k] : kTypes) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::optional<TypeKind> scalarOf(const ast::TypeRef& ref, Diagnostics& diags) {
  if (ref.kind != ast::TypeRef::Kind::Named) {
    diags.report(Code::E0220, ref.span, "lists and ranges cannot nest")
        .label("expected a plain type here")
        .withHelp("element types are Int, Bool, String, Duration, Cpu, Memory, Percent, Port or Image");
    return std::nullopt;
  }
  if (auto k = scalarType(ref.name.text)) return k;
  auto& d = diags.report(Code::E0220, ref.span, "unknown type `" + ref.name.text + "`").label("not a type");
  static const std::vector<std::string_view> kNames = {"Bool",   "Cpu",     "Duration", "Image", "Int",
                                                       "Memory", "Percent", "Port",     "String"};
  if (auto near = nearestName(ref.name.text, kNames)) {
    d.withHelp("did you mean `" + *near + "`?").fix(ref.name.span, *near, "replace with `" + *near + "`");
  } else {
    d.withHelp("the types are " + join(kNames) + ", lists `[T]` and ranges `T..T`");
  }
  return std::nullopt;
}

}  // namespace

std::optional<Type> resolveType(const ast::TypeRef& ref, Diagnostics& diags) {
  switch (ref.kind) {
    case ast::TypeRef::Kind::Named: {
      auto k = scalarOf(ref, diags);
      return k ? std::optional<Type>(Type::of(*k)) : std::nullopt;
    }
    case ast::TypeRef::Kind::List: {
      if (ref.elems.size() != 1) return std::nullopt;
      auto k = scalarOf(ref.elems[0], diags);
      return k ? std::optional<Type>(Type(TypeKind::List, *k)) : std::nullopt;
    }
    case ast::TypeRef::Kind::Range: {
      if (ref.elems.size() != 2) return std::nullopt;
      auto lo = scalarOf(ref.elems[0], diags);
      auto hi = scalarOf(ref.elems[1], diags);
      if (!lo || !hi) return std::nullopt;
      if (*lo != *hi) {
        diags.report(Code::E0220, ref.span, "a range's ends must have the same type")
            .label("`" + ref.elems[0].name.text + "` and `" + ref.elems[1].name.text + "` differ");
        return std::nullopt;
      }
      return Type(TypeKind::Range, *lo);
    }
  }
  return std::nullopt;
}

Applier::Applier(const Symbols& symbols, Evaluator& eval, Diagnostics& diags)
    : syms_(symbols), eval_(eval), diags_(diags) {
  std::unordered_map<const ast::Template*, uint32_t> index;
  for (uint32_t i = 0; i < syms_.templates.size(); ++i) index.emplace(syms_.templates[i], i);
  Digraph g(static_cast<uint32_t>(syms_.templates.size()));
  for (uint32_t i = 0; i < syms_.templates.size(); ++i) {
    const ast::Template* t = syms_.templates[i];
    std::unordered_map<std::string, Span> params;
    for (const ast::Param& p : t->params) {
      auto [it, fresh] = params.emplace(p.name.text, p.name.span);
      if (!fresh) {
        eval_.report(Code::E0204, p.name.span, "parameter `" + p.name.text + "` is defined twice")
            .label("defined again here")
            .secondaryLabel(it->second, "first defined here");
      }
    }
    for (const ast::BaseRef& b : t->bases) {
      if (const ast::Template* base = resolveTemplate(b, syms_.template_unit.at(t), false)) {
        g.addEdge(i, index.at(base));
      }
    }
  }
  g.freeze();
  for (const std::vector<uint32_t>& comp : stronglyConnectedComponents(g)) {
    if (comp.size() == 1 && !g.hasEdge(comp[0], comp[0])) continue;
    std::vector<uint32_t> cycle = cycleThrough(g, comp);
    std::string chain;
    for (uint32_t n : cycle) chain += "`" + syms_.templates[n]->name.text + "` -> ";
    const ast::Template* first = syms_.templates[cycle[0]];
    chain += "`" + first->name.text + "`";
    auto& d = eval_.report(Code::E0213, first->name.span, "template `" + first->name.text + "` uses itself: " + chain)
                  .label("recursive template");
    for (size_t k = 0; k < cycle.size(); ++k) {
      const ast::Template* from = syms_.templates[cycle[k]];
      const ast::Template* to = syms_.templates[cycle[(k + 1) % cycle.size()]];
      for (const ast::BaseRef& b : from->bases) {
        if (resolveTemplate(b, syms_.template_unit.at(from), false) == to) {
          d.secondaryLabel(b.span, "`" + from->name.text + "` uses `" + to->name.text + "` here");
          break;
        }
      }
    }
    d.withHelp("remove one of the bases to break the cycle");
    for (uint32_t n : comp) cyclic_.insert(syms_.templates[n]);
  }
}

const ast::Template* Applier::resolveTemplate(const ast::BaseRef& base, uint32_t unit, bool report) {
  const UnitNames& names = syms_.units[unit];
  const ast::Path& p = base.path;
  if (p.size() == 1) {
    if (auto it = names.templates.find(p[0].text); it != names.templates.end()) return it->second;
    if (!report) return nullptr;
    if (unit == 0 && syms_.service_index.count(p[0].text)) {
      eval_.report(Code::E0202, p[0].span, "`" + p[0].text + "` is a service, not a template")
          .label("services cannot be bases")
          .withHelp("move the shared part into a `template` and use it in both services");
      return nullptr;
    }
    std::vector<std::string> qualified;
    std::vector<std::string_view> candidates = keysOf(names.templates);
    for (const auto& [q, u] : names.modules) {
      for (const auto& [n, t] : syms_.units[u].templates) qualified.push_back(q + "." + n);
    }
    for (const std::string& q : qualified) candidates.push_back(q);
    std::sort(candidates.begin(), candidates.end());
    auto& d =
        eval_.report(Code::E0202, p[0].span, "unknown template `" + p[0].text + "`").label("no template has this name");
    if (auto near = nearestName(p[0].text, candidates)) {
      d.withHelp("did you mean `" + *near + "`?").fix(p[0].span, *near, "replace with `" + *near + "`");
    }
    return nullptr;
  }
  if (p.size() == 2) {
    auto m = names.modules.find(p[0].text);
    if (m == names.modules.end()) {
      if (!report) return nullptr;
      auto& d =
          eval_.report(Code::E0203, p[0].span, "module `" + p[0].text + "` is not imported").label("unknown module");
      if (auto near = nearestName(p[0].text, keysOf(names.modules))) {
        d.withHelp("did you mean `" + *near + "`?").fix(p[0].span, *near, "replace with `" + *near + "`");
      } else {
        d.withHelp("add `import std." + p[0].text + "` at the top of the file");
      }
      return nullptr;
    }
    const UnitNames& module = syms_.units[m->second];
    if (auto it = module.templates.find(p[1].text); it != module.templates.end()) return it->second;
    if (!report) return nullptr;
    auto& d = eval_.report(Code::E0202, p[1].span, "module `std." + p[0].text + "` has no template `" + p[1].text + "`")
                  .label("no such template");
    std::vector<std::string_view> candidates = keysOf(module.templates);
    if (auto near = nearestName(p[1].text, candidates)) {
      d.withHelp("did you mean `" + p[0].text + "." + *near + "`?")
          .fix(p[1].span, *near, "replace with `" + *near + "`");
    } else if (!candidates.empty()) {
      d.withHelp("its templates are " + join(candidates));
    }
    return nullptr;
  }
  if (report) {
    eval_.report(Code::E0202, ast::pathSpan(p), "unknown template `" + ast::pathText(p) + "`")
        .label("a template is `NAME` or `module.NAME`");
  }
  return nullptr;
}

std::vector<Binding> Applier::bindArgs(const ast::Template& t, const ast::BaseRef& base, const Env& caller) {
  const size_t n = t.params.size();
  std::vector<Binding> out(n);
  std::vector<std::optional<Type>> types(n);
  std::vector<Span> given(n);
  for (size_t i = 0; i < n; ++i) {
    out[i].name = t.params[i].name.text;
    out[i].decl = t.params[i].name.span;
    types[i] = resolveType(t.params[i].type, diags_);
  }
  size_t next = 0;
  bool too_many = false;
  bool unknown = false;
  for (const ast::Arg& arg : base.args) {
    size_t i = n;
    if (arg.name) {
      for (size_t k = 0; k < n; ++k) {
        if (t.params[k].name.text == arg.name->text) i = k;
      }
      if (i == n) {
        std::vector<std::string_view> names;
        for (const ast::Param& p : t.params) names.push_back(p.name.text);
        std::sort(names.begin(), names.end());
        auto& d = eval_
                      .report(Code::E0216, arg.name->span,
                              "template `" + t.name.text + "` has no parameter `" + arg.name->text + "`")
                      .label("unknown parameter")
                      .secondaryLabel(t.name.span, "template declared here");
        if (auto near = nearestName(arg.name->text, names)) {
          d.withHelp("did you mean `" + *near + "`?").fix(arg.name->span, *near, "replace with `" + *near + "`");
        } else if (!names.empty()) {
          d.withHelp("its parameters are " + join(names));
        } else {
          d.withHelp("it takes no parameters");
        }
        unknown = true;
        continue;
      }
    } else {
      if (next >= n) {
        if (!too_many) {
          eval_
              .report(Code::E0219, arg.span,
                      "template `" + t.name.text + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                          ", found " + std::to_string(base.args.size()))
              .label("one argument too many")
              .secondaryLabel(t.name.span, "template declared here");
          too_many = true;
        }
        continue;
      }
      i = next++;
    }
    if (given[i].valid()) {
      eval_.report(Code::E0218, arg.span, "parameter `" + out[i].name + "` is given twice")
          .label("given again here")
          .secondaryLabel(given[i], "first given here");
      continue;
    }
    given[i] = arg.span;
    out[i].value = types[i] ? eval_.eval(arg.value, *types[i], caller) : Value::error(arg.span);
  }
  uint32_t unit = syms_.template_unit.at(&t);
  for (size_t i = 0; i < n; ++i) {
    if (given[i].valid()) continue;
    const ast::Param& p = t.params[i];
    if (p.default_value) {
      out[i].value = types[i] ? eval_.eval(*p.default_value, *types[i], Env{unit, nullptr}) : Value::error(p.span);
      continue;
    }
    out[i].value = Value::error(base.span);
    if (unknown) continue;
    eval_.report(Code::E0217, base.span, "missing argument `" + p.name.text + "` for template `" + t.name.text + "`")
        .label("`" + p.name.text + "` is not given")
        .secondaryLabel(p.span, "parameter declared here without a default")
        .withHelp("pass it by name: `" + ast::pathText(base.path) + "(" + p.name.text + " = …)`");
  }
  return out;
}

void Applier::applyBases(const std::vector<ast::BaseRef>& bases, const Env& env, Draft& d) {
  for (const ast::BaseRef& b : bases) {
    const ast::Template* t = resolveTemplate(b, env.unit, true);
    if (t) recordTemplate(syms_.index, b, *t);
    if (!t || cyclic_.count(t)) {
      d.incomplete = true;
      continue;
    }
    used_.insert(t);
    std::vector<Binding> params = bindArgs(*t, b, env);
    if (depth_ == 0) eval_.enterBase(b.span, ast::pathText(b.path));
    applyTemplate(*t, params, d);
    if (depth_ == 0) eval_.leaveBase();
  }
}

void Applier::applyTemplate(const ast::Template& t, const std::vector<Binding>& params, Draft& d) {
  if (depth_ >= kMaxDepth) {
    eval_
        .report(Code::E0221, t.name.span,
                "template `" + t.name.text + "` is reached through more than " + std::to_string(kMaxDepth) + " bases")
        .label("chain too deep")
        .withHelp("flatten the chain of templates");
    d.incomplete = true;
    return;
  }
  if (++applied_ > kMaxTemplateApplications) {
    if (applied_ == kMaxTemplateApplications + 1) {
      eval_
          .report(Code::E0341, t.name.span,
                  "more than " + std::to_string(kMaxTemplateApplications) + " templates applied for one service")
          .label("applied again here")
          .withHelp("a template reached through several bases is applied once per path; use it as a base once");
    }
    d.incomplete = true;
    return;
  }
  Env env{syms_.template_unit.at(&t), &params};
  ++depth_;
  applyBases(t.bases, env, d);
  --depth_;
  Layer layer = nextLayer(&t, "template", t.name.text);
  applyStmts(t.body.stmts, nullptr, "", env, d, layer);
}

Layer Applier::nextLayer(const void* decl, const char* kind, const std::string& name) {
  if (!decl) return Layer{++layers_, {}};
  auto [it, fresh] = origins_.try_emplace(decl);
  if (fresh) it->second = std::string(kind) + " `" + name + "`";
  return Layer{++layers_, it->second};
}

Draft Applier::buildService(const ast::Service& service) {
  Draft d;
  Env env{0, nullptr};
  applied_ = 0;
  applyBases(service.bases, env, d);
  applyStmts(service.body.stmts, nullptr, "", env, d, nextLayer(nullptr, "", ""));
  // Every service's draft is kept until all are finished: a quarter of them is spare.
  d.fields.shrinkToFit();
  return d;
}

void Applier::applyProfile(const ast::Profile& profile, std::vector<Draft>* drafts) {
  Layer layer = nextLayer(&profile, "profile", profile.name.text);
  std::unordered_map<uint32_t, Draft> scratch;
  Env env{0, nullptr};
  for (const ast::Stmt& s : profile.body.stmts) {
    bool shaped = (s.kind == ast::StmtKind::Assign || s.kind == ast::StmtKind::Block) && !s.path.empty();
    if (!shaped) {
      eval_.report(Code::E0322, s.span, "a profile sets fields of services")
          .label("not allowed in a profile")
          .withHelp("write `SERVICE.FIELD = value` or `SERVICE { … }`");
      continue;
    }
    const ast::Ident& head = s.path[0];
    auto it = syms_.service_index.find(head.text);
    if (it == syms_.service_index.end()) {
      auto& diag =
          eval_.report(Code::E0401, head.span, "unknown service `" + head.text + "`").label("no service has this name");
      if (auto near = nearestName(head.text, syms_.serviceNames())) {
        diag.withHelp("did you mean `" + *near + "`?").fix(head.span, *near, "replace with `" + *near + "`");
      }
      continue;
    }
    recordService(syms_.index, head, *syms_.services[it->second]);
    Draft& d = drafts ? (*drafts)[it->second] : scratch[it->second];
    if (s.kind == ast::StmtKind::Block) {
      applyBlock(s, 1, nullptr, "", env, d, layer);
    } else if (s.path.size() == 1) {
      eval_.report(Code::E0322, s.span, "`" + head.text + "` is a service, not a field")
          .label("a profile path names a field")
          .withHelp("write `" + head.text + ".FIELD = value`, e.g. `" + head.text + ".replicas = 2`");
    } else {
      applyAssign(s, 1, nullptr, "", env, d, layer);
    }
  }
}

void Applier::checkUnusedTemplates() {
  for (const ast::Template* t : syms_.templates) {
    if (syms_.template_unit.at(t) != 0 || used_.count(t) || cyclic_.count(t)) continue;
    std::vector<Binding> params;
    for (const ast::Param& p : t->params) {
      Binding b{p.name.text, Value::error(p.span), p.name.span};
      std::optional<Type> type = resolveType(p.type, diags_);
      if (type && p.default_value) b.value = eval_.eval(*p.default_value, *type, Env{0, nullptr});
      params.push_back(std::move(b));
    }
    Draft scratch;
    applied_ = 0;
    applyTemplate(*t, params, scratch);
  }
}

void Applier::unknownField(const ast::Ident& name, const FieldSpec* parent) {
  std::string where = parent ? "`" + std::string(parent->name) + "`" : "a service";
  auto& d = eval_.report(Code::E0211, name.span, "unknown field `" + name.text + "` in " + where)
                .label("not a field of " + where);
  std::vector<std::string_view> names = fieldNames(parent);
  if (auto near = nearestName(name.text, names)) {
    d.withHelp("did you mean `" + *near + "`?").fix(name.span, *near, "replace with `" + *near + "`");
  } else {
    d.withHelp("the fields of " + where + " are " + join(names));
  }
}

void Applier::unknownNamedKind(const ast::Ident& kind, const FieldSpec* parent) {
  std::vector<std::string_view> kinds;
  for (const FieldSpec& f : fieldsOf(nullptr)) {
    if (f.shape == FieldShape::Named) kinds.push_back(f.name);
  }
  std::string listed = "the named blocks are " + join(kinds);
  if (const FieldSpec* f = findField(parent, kind.text); f && f->shape != FieldShape::DependsOn) {
    bool block = f->shape == FieldShape::Block || f->shape == FieldShape::Map;
    eval_.report(Code::E0322, kind.span, "`" + kind.text + "` does not take a name")
        .label(block ? "a block without a name" : "not a named block")
        .withHelp(block ? "write `" + kind.text + " { … }`" : listed);
    return;
  }
  std::string where = parent ? "`" + std::string(parent->name) + "`" : "a service";
  auto& d = eval_.report(Code::E0211, kind.span, "unknown block `" + kind.text + "` in " + where)
                .label("not a named block of " + where);
  if (auto near = nearestName(kind.text, kinds)) {
    d.withHelp("did you mean `" + *near + "`?").fix(kind.span, *near, "replace with `" + *near + "`");
  } else {
    d.withHelp(listed);
  }
}

// `KIND NAME { … }`: the kind is a Named row of the registry, the body its child block's
// fields. One applier serves every kind; the finisher reads each kind's fields.
void Applier::applyNamed(const ast::Stmt& s, const FieldSpec* parent, const Env& env, Draft& d, const Layer& layer) {
  const FieldSpec* kind = findField(nullptr, s.keyword->text);
  if (!kind || kind->shape != FieldShape::Named) {
    unknownNamedKind(*s.keyword, parent);
    return;
  }
  if (parent) {
    eval_.report(Code::E0322, s.span, "`" + s.keyword->text + "` inside `" + std::string(parent->name) + "`")
        .label("only allowed at the top of a service")
        .withHelp("move it out of the block");
    return;
  }
  if (s.path.empty()) return;
  const ast::Ident& name = s.path[0];
  std::string what(kind->name);
  if (auto why = checkRfc1123Label(name.text)) {
    eval_.report(Code::E0307, name.span, what + " name `" + name.text + "` is not a valid Kubernetes name")
        .label(*why)
        .withHelp(what + " names are lower-case letters, digits and `-`");
  }
  std::string key = what + " " + name.text;
  NamedDraft* old = d.named.find(key);
  if (old && old->layer.id == layer.id) {
    eval_.report(Code::E0207, name.span, what + " `" + name.text + "` is declared twice")
        .label("declared again here")
        .secondaryLabel(old->span, "first declared here")
        .withHelp("give each " + what + " its own name");
    return;
  }
  NamedDraft block = old ? *old : NamedDraft{};
  block.kind = kind->id;
  block.name = name.text;
  block.span = s.span;
  block.layer = layer;
  if (kind->child == BlockId::Container) {
    auto body = block.body ? std::make_shared<Draft>(*block.body) : std::make_shared<Draft>();
    applyStmts(s.body.stmts, kind, "", env, *body, layer);
    block.body = std::move(body);
    d.named.put(key, std::move(block));
    return;
  }
  for (const ast::Stmt& inner : s.body.stmts) {
    if (inner.path.empty()) continue;
    const FieldSpec* f = findField(kind, inner.path[0].text);
    if (!f) {
      unknownField(inner.path[0], kind);
      continue;
    }
    if (inner.kind != ast::StmtKind::Assign || inner.path.size() != 1) {
      eval_.report(Code::E0322, inner.span, "`" + inner.path[0].text + "` is a plain value")
          .label("write `" + inner.path[0].text + " = …`");
      continue;
    }
    block.set(Entry{eval_.eval(inner.value, f->type, env), inner.span, layer, f->id});
  }
  d.named.put(key, std::move(block));
}

void Applier::applyStmts(const std::vector<ast::Stmt>& stmts, const FieldSpec* parent, const std::string& prefix,
                         const Env& env, Draft& d, const Layer& layer) {
  for (const ast::Stmt& s : stmts) {
    bool top = parent == nullptr;
    switch (s.kind) {
      case ast::StmtKind::Assign:
        applyAssign(s, 0, parent, prefix, env, d, layer);
        break;
      case ast::StmtKind::Block:
        applyBlock(s, 0, parent, prefix, env, d, layer);
        break;
      case ast::StmtKind::Named:
        applyNamed(s, parent, env, d, layer);
        break;
      case ast::StmtKind::Port:
      case ast::StmtKind::Build:
      case ast::StmtKind::DependsOn:
        // An extra container declares its own ports and may build its own image; its
        // references are the service's dependencies.
        if (s.kind != ast::StmtKind::DependsOn && parent && parent->child == BlockId::Container) {
          if (s.kind == ast::StmtKind::Port) applyPort(s, env, d, layer);
          else applyBuild(s, env, d, layer);
          break;
        }
        if (!top && parent->child == BlockId::Container) {
          eval_.report(Code::E0322, s.span, "`" + s.keyword->text + "` inside `" + std::string(parent->name) + "`")
              .label("a container has no dependencies of its own")
              .withHelp("write `depends on` at the top of the service: the pod depends on it");
          break;
        }
        if (!top) {
          eval_.report(Code::E0322, s.span, "`" + s.keyword->text + "` inside `" + std::string(parent->name) + "`")
              .label("only allowed at the top of a service")
              .withHelp("move it out of the block");
          break;
        }
        if (s.kind == ast::StmtKind::Port) applyPort(s, env, d, layer);
        else if (s.kind == ast::StmtKind::Build) applyBuild(s, env, d, layer);
        else {
          for (const ast::Expr& r : *s.refs) {
            if (r.kind == ast::ExprKind::Ref && !r.path.empty()) {
              d.depends.push_back({r.path, r.span, false, {}});
              continue;
            }
            bool ready = r.kind == ast::ExprKind::Call && ast::pathText(r.path) == "ready";
            const ast::Arg* arg = ready && r.args && r.args->size() == 1 ? &r.args->front() : nullptr;
            if (arg && !arg->name && arg->value.kind == ast::ExprKind::Ref && !arg->value.path.empty()) {
              d.depends.push_back({arg->value.path, arg->value.span, true, r.span});
            } else if (ready) {
              eval_.report(Code::E0301, r.span, "`ready(…)` takes one service reference")
                  .label("not one service")
                  .withHelp("write `depends on ready(SERVICE)` or `depends on ready(SERVICE.PORT)`");
            } else if (r.kind != ast::ExprKind::Error) {
              eval_.report(Code::E0301, r.span, "expected a service reference, found " + describeExpr(r))
                  .label("not a service")
                  .withHelp(
                      "write `depends on SERVICE` or `depends on SERVICE.PORT`, or `depends on ready(SERVICE)` to "
                      "start once it accepts connections");
            }
          }
        }
        break;
    }
  }
}

void Applier::applyAssign(const ast::Stmt& s, size_t first, const FieldSpec* parent, std::string key, const Env& env,
                          Draft& d, const Layer& layer) {
  const ast::Path& p = s.path;
  if (s.quoted_key && (!parent || parent->shape != FieldShape::Map)) {
    std::string where = parent ? "`" + std::string(parent->name) + "`" : "a service";
    auto& diag = eval_.report(Code::E0322, p[0].span, "a quoted key in " + where)
                     .label("only the entries of a map (`labels`, `annotations`, `env`) are quoted");
    if (findField(parent, p[0].text)) diag.fix(p[0].span, p[0].text, "write the field without quotes");
    return;
  }
  for (size_t i = first; i < p.size(); ++i) {
    const ast::Ident& name = p[i];
    bool last = i + 1 == p.size();
    if (parent && parent->shape == FieldShape::Map) {
      if (!last) {
        std::string dotted;
        for (size_t j = i; j < p.size(); ++j) dotted += (j > i ? "." : "") + p[j].text;
        eval_.report(Code::E0322, p[i + 1].span, "`" + std::string(parent->name) + "` entries have no fields")
            .label("unexpected `.`")
            .withHelp("quote a key that holds `.` or `/`: `\"" + dotted + "\" = …`")
            .fix(pathSpan(ast::Path(p.begin() + static_cast<std::ptrdiff_t>(i), p.end())), "\"" + dotted + "\"",
                 "quote the key");
        return;
      }
      bool env_map = parent->name == "env";
      if (env_map) {
        if (auto why = checkEnvVarName(name.text)) {
          eval_.report(Code::E0309, name.span, "`" + name.text + "` is not a valid environment variable name")
              .label(*why)
              .withHelp("use letters, digits and `_`, not starting with a digit: `LOG_LEVEL`");
        }
      }
      key += "." + name.text;
      if (env_map) {
        if (const Entry* old = d.fields.find(key); old && old->layer.id == layer.id) {
          eval_.report(Code::E0206, name.span, "environment variable `" + name.text + "` is set twice")
              .label("set again here")
              .secondaryLabel(old->stmt, "first set here")
              .withHelp("remove one of the two entries");
          return;
        }
      }
      d.fields.put(key, Entry{eval_.eval(s.value, parent->type, env), s.span, layer, parent->id});
      return;
    }
    const FieldSpec* f = findField(parent, name.text);
    if (!f || f->shape == FieldShape::DependsOn) {
      unknownField(name, parent);
      return;
    }
    key += (key.empty() ? "" : ".") + name.text;
    if (last) {
      if (f->shape != FieldShape::Value) {
        eval_.report(Code::E0322, name.span, "`" + name.text + "` is not a plain value")
            .label("cannot be assigned with `=`")
            .withHelp(f->shape == FieldShape::Block || f->shape == FieldShape::Map
                          ? "write it as a block: `" + name.text + " { … }`"
                          : "write it as `" + name.text + " NAME …`");
        return;
      }
      d.fields.put(key, Entry{eval_.eval(s.value, f->type, env), s.span, layer, f->id});
      return;
    }
    if (f->shape != FieldShape::Block && f->shape != FieldShape::Map) {
      eval_.report(Code::E0322, p[i + 1].span, "`" + name.text + "` has no fields").label("unexpected `.`");
      return;
    }
    parent = f;
  }
}

void Applier::applyBlock(const ast::Stmt& s, size_t first, const FieldSpec* parent, std::string key, const Env& env,
                         Draft& d, const Layer& layer) {
  for (size_t i = first; i < s.path.size(); ++i) {
    const ast::Ident& name = s.path[i];
    if (parent && parent->shape == FieldShape::Map) {
      eval_.report(Code::E0322, name.span, "`" + std::string(parent->name) + "` entries are `NAME = value`")
          .label("a block is not allowed here");
      return;
    }
    const FieldSpec* f = findField(parent, name.text);
    if (!f || f->shape == FieldShape::DependsOn) {
      unknownField(name, parent);
      return;
    }
    if (f->shape == FieldShape::Named) {
      eval_.report(Code::E0322, name.span, "`" + name.text + "` needs a name")
          .label("a named block")
          .withHelp("write `" + name.text + " NAME { … }`");
      return;
    }
    if (f->shape != FieldShape::Block && f->shape != FieldShape::Map) {
      eval_.report(Code::E0322, name.span, "`" + name.text + "` is not a block")
          .label("written as a block")
          .withHelp("assign it: `" + name.text + " = …`");
      return;
    }
    key += (key.empty() ? "" : ".") + name.text;
    parent = f;
  }
  applyStmts(s.body.stmts, parent, key, env, d, layer);
}

void Applier::applyPort(const ast::Stmt& s, const Env& env, Draft& d, const Layer& layer) {
  if (s.path.empty()) return;
  const ast::Ident& name = s.path[0];
  if (auto why = checkIanaServiceName(name.text)) {
    eval_.report(Code::E0308, name.span, "port name `" + name.text + "` is not a valid Kubernetes port name")
        .label(*why)
        .withHelp("port names are at most 15 lower-case letters, digits and `-`, with at least one letter");
  }
  if (const PortDraft* old = d.ports.find(name.text); old && old->layer.id == layer.id) {
    eval_.report(Code::E0205, name.span, "port `" + name.text + "` is declared twice")
        .label("declared again here")
        .secondaryLabel(old->span, "first declared here")
        .withHelp("give each port its own name");
    return;
  }
  PortDraft p;
  p.name = name.text;
  p.span = s.span;
  p.layer = layer;
  Value port = eval_.eval(s.value, Type::of(TypeKind::Port), env);
  if (port.ok()) p.port = static_cast<int32_t>(port.number);
  if (!s.target) {
    if (port.ok()) p.target = p.port;
  } else if (Value target = eval_.eval(*s.target, Type::of(TypeKind::Port), env); target.ok()) {
    p.target = static_cast<int32_t>(target.number);
  }
  for (const ast::Stmt& inner : s.body.stmts) {
    bool protocol = inner.kind == ast::StmtKind::Assign && inner.path.size() == 1 && inner.path[0].text == "protocol";
    if (!protocol) {
      if (!inner.path.empty()) unknownField(inner.path[0], &portBodySpec());
      continue;
    }
    Value v = eval_.eval(inner.value, Type::of(TypeKind::Protocol), env);
    std::string text = v.ok() ? ast::pathText(v.path) : name.text;
    if (v.ok()) {
      if (text != "http" && text != "grpc" && text != "tcp" && text != "udp") {
        auto& diag = eval_.report(Code::E0317, v.span, "unknown protocol `" + text + "`").label("not a protocol");
        static const std::vector<std::string_view> kProtocols = {"grpc", "http", "tcp", "udp"};
        if (auto near = nearestName(text, kProtocols)) diag.fix(v.span, *near, "replace with `" + *near + "`");
        diag.withHelp("the protocols are `http`, `grpc`, `tcp` and `udp`");
        text = name.text;
      }
    }
    p.protocol = std::move(text);
  }
  if (PortDraft* old = d.ports.find(name.text); old && !p.protocol) p.protocol = old->protocol;
  d.ports.put(name.text, std::move(p));
}

std::vector<BuildStep> Applier::buildSteps(const std::vector<ast::BuildStep>& steps, const Env& env, bool stage,
                                           std::vector<std::string>& stages, std::optional<int64_t>& user) {
  std::vector<BuildStep> out;
  bool seen_from = false;
  auto text = [&](const ast::Expr& e, TypeKind kind) -> std::string {
    Value v = eval_.eval(e, Type::of(kind), env);
    if (v.ok() && v.hasRefs()) {
      eval_.report(Code::E0320, e.span, "a build step cannot refer to a service")
          .label("service reference in a build step")
          .withHelp("pass addresses at run time through `env { … }`");
      return "";
    }
    return v.ok() ? v.plainText() : "";
  };
  for (const ast::BuildStep& s : steps) {
    BuildStep step;
    step.kind = static_cast<StepKind>(s.kind);
    step.span = s.span;
    if (s.kind == ast::StepKind::Stage) {
      std::optional<int64_t> stage_user;
      std::string name = s.name ? s.name->text : "";
      step.name = name;
      step.steps = buildSteps(s.steps, env, true, stages, stage_user);
      stages.push_back(name);
      out.push_back(std::move(step));
      continue;
    }
    if (s.kind != ast::StepKind::From && !seen_from) {
      eval_.report(Code::E0320, s.span, std::string(stage ? "a stage" : "a build recipe") + " must start with `from`")
          .label("`" + s.keyword.text + "` before any `from`")
          .withHelp("start with the base image: `from \"python:3.12-slim\"`");
      seen_from = true;
    }
    if (s.kind == ast::StepKind::From) seen_from = true;
    if (s.name) step.name = s.name->text;
    // `env NAME "value"` sets the variable in the image, which the container then sees
    // like a service's env: the same names are valid in both.
    if (s.kind == ast::StepKind::Env && s.name) {
      if (auto why = checkEnvVarName(s.name->text)) {
        eval_.report(Code::E0309, s.name->span, "`" + s.name->text + "` is not a valid environment variable name")
            .label(*why)
            .withHelp("use letters, digits and `_`, not starting with a digit: `LOG_LEVEL`");
      }
    }
    if (s.kind == ast::StepKind::CopyFrom && s.name &&
        std::find(stages.begin(), stages.end(), s.name->text) == stages.end()) {
      auto& diag = eval_.report(Code::E0320, s.name->span, "no stage `" + s.name->text + "` before this step")
                       .label("unknown stage");
      std::vector<std::string_view> names(stages.begin(), stages.end());
      std::sort(names.begin(), names.end());
      if (auto near = nearestName(s.name->text, names)) diag.withHelp("did you mean `" + *near + "`?");
      else diag.withHelp("declare it first: `stage " + s.name->text + " { … }`");
    }
    for (const ast::Expr& a : s.args) {
      if (s.kind == ast::StepKind::User) {
        Value v = eval_.eval(a, Type::bounded(TypeKind::Int, 0, 2147483647), env);
        if (v.ok()) {
          step.args.push_back(std::to_string(v.number));
          user = v.number;
        }
      } else {
        step.args.push_back(text(a, s.kind == ast::StepKind::From ? TypeKind::Image : TypeKind::String));
      }
    }
    out.push_back(std::move(step));
  }
  return out;
}

void Applier::applyBuild(const ast::Stmt& s, const Env& env, Draft& d, const Layer& layer) {
  BuildDraft b;
  b.layer = layer;
  b.recipe.span = s.span;
  std::vector<std::string> stages;
  b.recipe.steps = buildSteps(*s.steps, env, false, stages, b.recipe.user);
  if (s.steps->empty()) {
    eval_.report(Code::E0320, s.span, "the build recipe has no `from`")
        .label("no base image")
        .withHelp("start the recipe with `from \"IMAGE:TAG\"`");
  }
  d.build = std::move(b);
}

}  // namespace svcc::sema
