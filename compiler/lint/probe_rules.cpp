#include <string>

#include "lint/rules.h"
#include "sema/units.h"

namespace svcc::lint {

namespace {

// What the kubelet waits before it acts on failures: period × failures, and one probe's
// timeout; the defaults are Kubernetes' (10 s, 3, 1 s).
int64_t budgetOf(const sema::Health& h) { return h.period_ms.value_or(10000) * h.failures.value_or(3); }
int64_t timeoutOf(const sema::Health& h) { return h.timeout_ms.value_or(1000); }

}  // namespace

// W1018: liveness restarts the container; readiness only takes it out of rotation. A
// liveness probe that gives up first turns a slow spell into restarts.
void probeRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  if (!s.health || !s.probes || (!s.probes->readiness && !s.probes->liveness)) return;  // one probe for both
  const sema::Health& readiness = s.probes->readiness ? *s.probes->readiness : *s.health;
  const sema::Health& liveness = s.probes->liveness ? *s.probes->liveness : *s.health;
  bool budget = budgetOf(liveness) < budgetOf(readiness), timeout = timeoutOf(liveness) < timeoutOf(readiness);
  if (!budget && !timeout) return;
  std::string what = budget ? "after " + sema::renderDuration(budgetOf(liveness)) + " of failures, before readiness' " +
                                  sema::renderDuration(budgetOf(readiness))
                            : "with a " + sema::renderDuration(timeoutOf(liveness)) +
                                  " timeout, shorter than readiness' " + sema::renderDuration(timeoutOf(readiness));
  Span at = s.probes->liveness ? liveness.span : readiness.span;
  auto& d = c.diags.report(Code::W1018, c.at(s, at), "the liveness probe of `" + s.name + "` gives up " + what)
                .label(budget ? "period × failures is shorter than readiness'" : "a shorter timeout than readiness'");
  Span other = s.probes->liveness ? readiness.span : liveness.span;
  if (c.inUserFile(other)) d.secondaryLabel(other, s.probes->liveness ? "the readiness probe" : "the liveness probe");
  d.withHelp(
      "give liveness at least readiness' `period` × `failures` and `timeout`: a slow spell should take the pod out "
      "of rotation, not restart it");
}

}  // namespace svcc::lint
