#include "lint/lint.h"

#include <map>
#include <utility>

#include "lint/rules.h"

namespace svcc::lint {

namespace {

// The graph facts the rules share: who is depended on, on which ports; and each
// service's declaration, found by the span of its name.
void collectFacts(Context& c) {
  std::map<std::pair<FileId, uint32_t>, const ast::Service*> by_name;
  for (const ast::File& file : c.program.files) {
    for (const ast::Decl& decl : file.decls) {
      if (const auto* s = std::get_if<ast::Service>(&decl)) by_name[{s->name.span.file, s->name.span.begin}] = s;
    }
  }
  size_t n = c.model.services.size();
  c.decls.resize(n, nullptr);
  c.depended_on.assign(n, false);
  c.port_used.resize(n);
  for (sema::ServiceId i = 0; i < n; ++i) {
    const sema::Service& s = c.model.services[i];
    auto it = by_name.find({s.span.file, s.span.begin});
    if (it != by_name.end()) c.decls[i] = it->second;
    c.port_used[i].assign(s.ports.size(), false);
  }
  for (const sema::Service& s : c.model.services) {
    for (const sema::Dependency& d : s.dependencies) {
      c.depended_on[d.service] = true;
      for (sema::PortId p : d.ports) c.port_used[d.service][p] = true;
    }
  }
}

}  // namespace

void lint(const sema::Program& program, const sema::Model& model, const SourceManager& sources, Diagnostics& diags) {
  Context c{program, model, sources, diags, {}, {}, {}};
  collectFacts(c);
  declarationRules(c);
  appMetadataRules(c);
  for (sema::ServiceId id = 0; id < model.services.size(); ++id) {
    // A service declared in the standard library is not the user's to change.
    if (!c.inUserFile(model.services[id].span)) continue;
    serviceRules(c, id);
    graphRules(c, id);
    credentialRules(c, id);
    composeRules(c, id);
    probeRules(c, id);
    podRules(c, id);
    metadataRules(c, id);
  }
}

}  // namespace svcc::lint
