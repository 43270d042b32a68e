#include "ir/health_tools.h"

#include <algorithm>

namespace svcc::ir {

HealthTool healthToolFor(bool http, const std::vector<std::string>* tools) {
  if (!tools) return HealthTool::None;
  auto has = [&](const char* name) { return std::find(tools->begin(), tools->end(), name) != tools->end(); };
  // Dedicated clients first: their exit status is the check's, with no script to get wrong.
  if (http && has("curl")) return HealthTool::Curl;
  if (http && has("wget")) return HealthTool::Wget;
  if (!http && has("nc")) return HealthTool::Nc;
  if (has("bash")) return HealthTool::Bash;
  return HealthTool::None;
}

const char* healthToolsNeeded(bool http) { return http ? "curl, wget or bash" : "nc or bash"; }

}  // namespace svcc::ir
