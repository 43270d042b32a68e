#include "backends/compose/healthcheck.h"

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

std::vector<std::string> busyboxTest(const ir::Health& health, uint32_t port) {
  std::string p = std::to_string(port);
  if (health.kind == ir::Health::Kind::Http) {
    std::string path = health.path.empty() ? "/" : health.path;
    return {"CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:" + p + path};
  }
  return {"CMD", "nc", "-z", "127.0.0.1", p};
}

}  // namespace

ImageTools imageToolsOf(const ir::Service& s) {
  std::string_view image = s.image;
  if (s.build && !s.build->stages.empty()) image = s.build->stages.back().from;
  if (image == "scratch" || image.find("distroless") != std::string_view::npos)
    return ImageTools::None;
  if (image.find("alpine") != std::string_view::npos) return ImageTools::Busybox;
  return ImageTools::Bash;
}

std::vector<std::string> healthTest(const ir::Service& s) {
  if (!s.health) return {};
  const ir::Port* port = s.findPort(s.health->port);
  if (!port || port->protocol == ir::Protocol::Udp) return {};
  switch (imageToolsOf(s)) {
    case ImageTools::None: return {};
    case ImageTools::Busybox: return busyboxTest(*s.health, port->container_port);
    case ImageTools::Bash: return bashTest(*s.health, port->container_port);
  }
  return {};
}

}  // namespace svcc::compose
