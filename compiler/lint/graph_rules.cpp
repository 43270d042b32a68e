#include "lint/edits.h"
#include "lint/rules.h"

namespace svcc::lint {

namespace {

bool spanWithin(Span inner, Span outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

// A service that nothing depends on and nothing exposes is reported as a whole (W1009);
// the ports of a reached service that no client, probe or ingress uses, one by one.
void unreached(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  if (s.ports.empty()) return;
  if (!c.depended_on[id] && !s.ingress) {
    c.diags.report(Code::W1009, s.span, "nothing depends on service `" + s.name + "` and nothing exposes it")
        .label("no service depends on it and it has no `ingress`")
        .withHelp("add the missing `depends on " + s.name + "` to a client, or an `ingress`, or delete the service");
    return;
  }
  for (sema::PortId p = 0; p < s.ports.size(); ++p) {
    const sema::Port& port = s.ports[p];
    bool used = c.port_used[id][p] || (s.health && s.health->port == p) || (s.ingress && s.ingress->port == p);
    if (used) continue;
    auto& d = c.diags.report(Code::W1008, c.at(s, port.span), "port `" + s.name + "." + port.name + "` is never used")
                  .label("no client depends on it, and no probe or ingress uses it")
                  .withHelp("delete it; if a client outside the app uses it, `svcc lint --allow W1008` accepts it");
    // Only a port the service declares itself: deleting one from a template would take
    // it from every service that applies the template.
    if (c.inUserFile(port.span) && spanWithin(port.span, s.decl_span)) {
      d.fix(lineDeletion(c.sources.file(port.span.file), port.span), "", "delete port `" + port.name + "`");
    }
  }
}

void dependenciesWithoutHealth(const Context& c, const sema::Service& s) {
  for (const sema::Dependency& dep : s.dependencies) {
    const sema::Service& target = c.model.services[dep.service];
    // A service without ports cannot be probed; it gets no health check to wait for.
    if (target.health || target.ports.empty()) continue;
    auto& d = c.diags
                  .report(Code::W1010, c.at(s, dep.span),
                          "service `" + s.name + "` depends on `" + target.name + "`, which has no health check")
                  .label("nothing tells `" + s.name + "` when `" + target.name + "` is ready");
    if (c.inUserFile(target.span)) d.secondaryLabel(target.span, "`" + target.name + "` has no `health` block");
    d.withHelp("give `" + target.name + "` a `health` block, so that `" + s.name + "` starts once it is ready");
  }
}

}  // namespace

void graphRules(const Context& c, sema::ServiceId id) {
  unreached(c, id);
  dependenciesWithoutHealth(c, c.model.services[id]);
}

}  // namespace svcc::lint
