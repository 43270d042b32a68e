#include "backends/compose/healthcheck.h"

#include "ir/health_tools.h"

namespace svcc::compose {

namespace {

// 'text' for bash, with embedded single quotes closed, escaped and reopened.
std::string shellQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::vector<std::string> bashTest(const ir::Health& health, uint32_t port) {
  std::string script = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port);
  if (health.kind == ir::Health::Kind::Http) {
    // HTTP/1.0, so the server closes the connection after its answer; 2xx and 3xx
    // are healthy, as for the Kubernetes httpGet probe.
    script += " && printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' " +
              shellQuote(health.path.empty() ? "/" : health.path) +
              " >&3 && read -r status <&3 && [[ $status == HTTP/*' '[23]* ]]";
  }
  return {"CMD", "bash", "-c", script};
}

std::string urlOf(const ir::Health& health, uint32_t port) {
  return "http://127.0.0.1:" + std::to_string(port) + (health.path.empty() ? "/" : health.path);
}

}  // namespace

std::vector<std::string> healthTest(const ir::Service& s) {
  // The readiness probe (`health`, or its `readiness` block) says when a service is up.
  const ir::Health* health = s.readiness();
  if (!health) return {};
  const ir::Port* port = s.findPort(health->port);
  if (!port || port->protocol == ir::Protocol::Udp) return {};
  bool http = health->kind == ir::Health::Kind::Http;
  const std::vector<std::string>* tools = s.image_tools ? &*s.image_tools : nullptr;
  uint32_t p = port->container_port;
  switch (ir::healthToolFor(http, tools)) {
    case ir::HealthTool::None:
      return {};
    // -f: an answer of 400 or above fails; no -L, so 3xx is healthy as for Kubernetes.
    case ir::HealthTool::Curl:
      return {"CMD", "curl", "-fsS", "-o", "/dev/null", urlOf(*health, p)};
    case ir::HealthTool::Wget:
      return {"CMD", "wget", "-q", "-O", "/dev/null", urlOf(*health, p)};
    case ir::HealthTool::Nc:
      return {"CMD", "nc", "-z", "127.0.0.1", std::to_string(p)};
    case ir::HealthTool::Bash:
      return bashTest(*health, p);
  }
  return {};
}

}  // namespace svcc::compose
