#include <optional>
#include <string>

#include "ir/health_tools.h"
#include "lint/rules.h"

namespace svcc::lint {

namespace {

// Why compose.yaml has no health check for `target`, or nullopt when it has one (or the
// service has no check compose could run on any image: no `health`, or a UDP port).
// The same decision as the compose backend's (ir::healthToolFor).
// Compose's check is the readiness probe: `health`, or its `readiness` block.
const sema::Health* readinessOf(const sema::Service& s) {
  return s.probes && s.probes->readiness ? &*s.probes->readiness : s.health ? &*s.health : nullptr;
}

ir::HealthCheck checkOf(const sema::Health& health) {
  if (health.kind != sema::Health::Kind::Http) return ir::HealthCheck::Connect;
  return health.https ? ir::HealthCheck::Https : ir::HealthCheck::Http;
}

std::optional<std::string> uncheckedBecause(const sema::Service& target) {
  const sema::Health* health = readinessOf(target);
  // An exec probe runs as it is: compose needs no tool for it.
  if (!health || health->kind == sema::Health::Kind::Exec || health->port >= target.ports.size()) return std::nullopt;
  if (target.ports[health->port].protocol == sema::Protocol::Udp) return std::nullopt;
  ir::HealthCheck check = checkOf(*health);
  const std::vector<std::string>* tools = target.image_tools ? &target.image_tools->value : nullptr;
  if (ir::healthToolFor(check, tools) != ir::HealthTool::None) return std::nullopt;
  if (!tools) return "svcc does not know which tools the image of `" + target.name + "` has";
  return "the image of `" + target.name + "` has none of " + ir::healthToolsNeeded(check) +
         " (its `image_tools`), which " + ir::healthCheckName(check) + " check needs";
}

}  // namespace

// W1014: compose runs a health check inside the container, so only with a tool the
// image is known to have; without one the dependents wait for `service_started` only.
void composeRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  for (const sema::Dependency& dep : s.dependencies) {
    const sema::Service& target = c.model.services[dep.service];
    std::optional<std::string> why = uncheckedBecause(target);
    if (!why) continue;
    const sema::Health& health = *readinessOf(target);
    ir::HealthCheck check = checkOf(health);
    bool http = check != ir::HealthCheck::Connect;
    auto& d =
        c.diags
            .report(Code::W1014, c.at(s, dep.span),
                    "in compose.yaml, `" + s.name + "` starts without waiting for `" + target.name + "` to be healthy")
            .label(*why + ", so compose.yaml gets no health check for it");
    if (c.inUserFile(health.span)) d.secondaryLabel(health.span, "the check compose cannot run");
    if (target.image_tools_dropped.valid() && c.inUserFile(target.image_tools_dropped)) {
      d.secondaryLabel(target.image_tools_dropped, "about the image a later `image` or `build` replaced");
    }
    if (!target.image_tools) {
      d.withHelp("state what the image has in `" + target.name + "`, e.g. `image_tools = [\"sh\", \"" +
                 (http ? "wget" : "nc") + "\"]` (" + ir::healthCheckName(check) + " check needs " +
                 ir::healthToolsNeeded(check) + "; `[]` for none)");
    } else {
      d.withHelp("add one of " + std::string(ir::healthToolsNeeded(check)) + " to the image and to `image_tools`, or " +
                 "accept that compose only waits for `" + target.name + "` to start (`--allow W1014`)");
    }
  }
}

}  // namespace svcc::lint
