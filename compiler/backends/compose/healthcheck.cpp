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
    // The path and the headers go in as printf arguments, never into its format.
    std::string format = "GET %s HTTP/1.0\\r\\nHost: localhost\\r\\n",
                args = " " + shellQuote(health.path.empty() ? "/" : health.path);
    for (const auto& [name, value] : health.headers) {
      format += "%s: %s\\r\\n";
      args += " " + shellQuote(name) + " " + shellQuote(value);
    }
    script +=
        " && printf '" + format + "\\r\\n'" + args + " >&3 && read -r status <&3 && [[ $status == HTTP/*' '[23]* ]]";
  }
  return {"CMD", "bash", "-c", script};
}

std::string urlOf(const ir::Health& health, uint32_t port) {
  return std::string(health.https ? "https" : "http") + "://127.0.0.1:" + std::to_string(port) +
         (health.path.empty() ? "/" : health.path);
}

// -k / --no-check-certificate: as the kubelet, which does not verify an HTTPS probe's
// certificate (it is issued for the service's name, not 127.0.0.1).
std::vector<std::string> curlTest(const ir::Health& health, uint32_t port) {
  std::vector<std::string> test = {"CMD", "curl", "-fsS", "-o", "/dev/null"};
  if (health.https) test.push_back("-k");
  for (const auto& [name, value] : health.headers) {
    test.push_back("-H");
    test.push_back(name + ": " + value);
  }
  test.push_back(urlOf(health, port));
  return test;
}

std::vector<std::string> wgetTest(const ir::Health& health, uint32_t port) {
  std::vector<std::string> test = {"CMD", "wget", "-q", "-O", "/dev/null"};
  if (health.https) test.push_back("--no-check-certificate");
  for (const auto& [name, value] : health.headers) test.push_back("--header=" + name + ": " + value);
  test.push_back(urlOf(health, port));
  return test;
}

}  // namespace

std::vector<std::string> healthTest(const ir::Service& s) {
  // The readiness probe (`health`, or its `readiness` block) says when a service is up.
  const ir::Health* health = s.readiness();
  if (!health) return {};
  if (health->kind == ir::Health::Kind::Exec) {
    std::vector<std::string> test = {"CMD"};
    test.insert(test.end(), health->exec.begin(), health->exec.end());
    return test;
  }
  const ir::Port* port = s.findPort(health->port);
  if (!port || port->protocol == ir::Protocol::Udp) return {};
  ir::HealthCheck check = health->kind != ir::Health::Kind::Http ? ir::HealthCheck::Connect
                          : health->https                        ? ir::HealthCheck::Https
                                                                 : ir::HealthCheck::Http;
  const std::vector<std::string>* tools = s.image_tools ? &*s.image_tools : nullptr;
  uint32_t p = port->container_port;
  switch (ir::healthToolFor(check, tools)) {
    case ir::HealthTool::None:
      return {};
    // -f: an answer of 400 or above fails; no -L, so 3xx is healthy as for Kubernetes.
    case ir::HealthTool::Curl:
      return curlTest(*health, p);
    case ir::HealthTool::Wget:
      return wgetTest(*health, p);
    case ir::HealthTool::Nc:
      return {"CMD", "nc", "-z", "127.0.0.1", std::to_string(p)};
    case ir::HealthTool::Bash:
      return bashTest(*health, p);
  }
  return {};
}

}  // namespace svcc::compose
