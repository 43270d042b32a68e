#include "ir/health_tools.h"

#include <algorithm>

namespace svcc::ir {

HealthTool healthToolFor(HealthCheck check, const std::vector<std::string>* tools) {
  if (!tools) return HealthTool::None;
  auto has = [&](const char* name) { return std::find(tools->begin(), tools->end(), name) != tools->end(); };
  bool http = check != HealthCheck::Connect;
  // Dedicated clients first: their exit status is the check's, with no script to get wrong.
  if (http && has("curl")) return HealthTool::Curl;
  if (http && has("wget")) return HealthTool::Wget;
  if (!http && has("nc")) return HealthTool::Nc;
  if (check != HealthCheck::Https && has("bash")) return HealthTool::Bash;
  return HealthTool::None;
}

const char* healthToolsNeeded(HealthCheck check) {
  switch (check) {
    case HealthCheck::Http:
      return "curl, wget or bash";
    case HealthCheck::Https:
      return "curl or wget";
    case HealthCheck::Connect:
      break;
  }
  return "nc or bash";
}

const char* healthCheckName(HealthCheck check) {
  switch (check) {
    case HealthCheck::Http:
      return "an HTTP";
    case HealthCheck::Https:
      return "an HTTPS";
    case HealthCheck::Connect:
      break;
  }
  return "a TCP or gRPC";
}

}  // namespace svcc::ir
