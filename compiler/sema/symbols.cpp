#include "sema/symbols.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "sema/names.h"
#include "sema/schema.h"

namespace svcc::sema {
namespace {

// Reports a second declaration of `name`; returns true when `name` was new.
template <class Map, class Decl>
bool declare(Map& map, const std::string& name, const Decl* decl, const char* what, Span span, Diagnostics& diags) {
  auto [it, fresh] = map.emplace(name, decl);
  if (!fresh) {
    diags.report(Code::E0204, span, std::string(what) + " `" + name + "` is defined twice")
        .label("defined again here")
        .secondaryLabel(it->second->name.span, "first defined here")
        .withHelp("rename or remove one of them");
  }
  return fresh;
}

void misplaced(Span span, const char* what, const std::string& module, Diagnostics& diags) {
  diags.report(Code::E0215, span, std::string(what) + " in module `std." + module + "`")
      .label("not allowed in a module")
      .withHelp(
          "a module declares only templates and lets; services, profiles and `app` "
          "belong to the application's files");
}

// A declaration the parser recovered without a name: reporting on it would only echo
// the syntax error.
bool unnamed(const ast::Decl& decl) {
  return std::visit(
      [](const auto& d) {
        if constexpr (std::is_same_v<std::decay_t<decltype(d)>, ast::Import>) {
          return false;
        } else {
          return d.name.text.empty();
        }
      },
      decl);
}

// `servce api { … }` parses (the kind is any word): the kind is checked here.
bool knownKind(const ast::Service& decl, Diagnostics& diags) {
  std::span<const std::string_view> kinds = declarationKinds();
  if (std::find(kinds.begin(), kinds.end(), decl.kind.text) != kinds.end()) return true;
  // The fixed declarations too: `tempalte web { … }` reads as a declaration of kind `tempalte`.
  std::vector<std::string_view> candidates(kinds.begin(), kinds.end());
  candidates.insert(candidates.end(), {"app", "import", "let", "profile", "template"});
  std::vector<std::string_view> listed(kinds.begin(), kinds.end());
  auto& d = diags.report(Code::E0222, decl.kind.span, "unknown declaration kind `" + decl.kind.text + "`")
                .label("not a kind of declaration");
  if (auto near = nearestName(decl.kind.text, candidates)) {
    d.withHelp("did you mean `" + *near + "`?").fix(decl.kind.span, *near, "replace with `" + *near + "`");
  } else {
    std::string list = quotedList(listed);
    d.withHelp("a file declares `import`, `app`, `let`, `template`, `profile` and " + list +
               "; fields such as `replicas = 3` belong inside a service's `{ … }`");
  }
  return false;
}

}  // namespace

std::vector<std::string_view> Symbols::serviceNames() const {
  std::vector<std::string_view> out;
  out.reserve(services.size());
  for (const ast::Service* s : services) out.push_back(s->name.text);
  return out;
}

Symbols collectSymbols(const Program& program, const SourceManager& sources, Diagnostics& diags) {
  Symbols syms;
  syms.units.resize(program.units.size());
  std::unordered_map<std::string, const ast::Service*> services;
  std::unordered_map<std::string, const ast::Profile*> profiles;
  for (uint32_t u = 0; u < program.units.size(); ++u) {
    const Unit& unit = program.units[u];
    UnitNames& names = syms.units[u];
    for (const Unit::Import& imp : unit.imports) names.modules.emplace(imp.qualifier, imp.unit);
    // Files in path order: which of two duplicates is "first" must not depend on the
    // order of the command line.
    std::vector<uint32_t> files = unit.files;
    std::sort(files.begin(), files.end(), [&](uint32_t a, uint32_t b) {
      return sources.file(program.files[a].file).path < sources.file(program.files[b].file).path;
    });
    for (uint32_t f : files) {
      for (const ast::Decl& decl : program.files[f].decls) {
        if (unnamed(decl)) continue;
        if (const auto* let = std::get_if<ast::Let>(&decl)) {
          declare(names.lets, let->name.text, let, "let", let->name.span, diags);
        } else if (const auto* t = std::get_if<ast::Template>(&decl)) {
          if (declare(names.templates, t->name.text, t, "template", t->name.span, diags)) {
            syms.template_unit.emplace(t, u);
            syms.templates.push_back(t);
          }
        } else if (const auto* s = std::get_if<ast::Service>(&decl)) {
          if (!knownKind(*s, diags)) continue;
          if (u != 0) {
            misplaced(s->name.span, "service", unit.module, diags);
            continue;
          }
          if (!declare(services, s->name.text, s, "service", s->name.span, diags)) continue;
          if (auto why = checkRfc1123Label(s->name.text)) {
            diags
                .report(Code::E0307, s->name.span, "service name `" + s->name.text + "` is not a valid Kubernetes name")
                .label(*why)
                .withHelp(
                    "service names are lower-case letters, digits and `-`, at most 63 "
                    "characters, starting and ending with a letter or digit");
          }
        } else if (const auto* p = std::get_if<ast::Profile>(&decl)) {
          if (u != 0) {
            misplaced(p->name.span, "profile", unit.module, diags);
            continue;
          }
          declare(profiles, p->name.text, p, "profile", p->name.span, diags);
        } else if (const auto* a = std::get_if<ast::App>(&decl)) {
          if (u != 0) {
            misplaced(a->name.span, "`app`", unit.module, diags);
          } else if (syms.app) {
            diags.report(Code::E0204, a->name.span, "`app` is declared twice")
                .label("second `app` block")
                .secondaryLabel(syms.app->name.span, "first declared here")
                .withHelp("an application has at most one `app` block; merge them");
          } else {
            syms.app = a;
          }
        }
      }
    }
  }
  for (const auto& [name, s] : services) syms.services.push_back(s);
  std::sort(syms.services.begin(), syms.services.end(),
            [](const ast::Service* a, const ast::Service* b) { return a->name.text < b->name.text; });
  for (uint32_t i = 0; i < syms.services.size(); ++i) {
    syms.service_index.emplace(syms.services[i]->name.text, i);
  }
  for (const auto& [name, p] : profiles) syms.profiles.push_back(p);
  std::sort(syms.profiles.begin(), syms.profiles.end(),
            [](const ast::Profile* a, const ast::Profile* b) { return a->name.text < b->name.text; });
  return syms;
}

}  // namespace svcc::sema
