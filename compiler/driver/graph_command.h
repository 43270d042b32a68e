// Phase: driver (`svcc graph`).
// Takes the paths and a format; checks the sources and prints the dependency graph as
// Graphviz dot, a Mermaid flowchart or JSON: ports and protocols on the edges, services
// exposed by an ingress marked, each service numbered by its place in the start order.
#pragma once

#include <string>
#include <vector>

#include "driver/commands.h"

namespace CLI {
class App;
}

namespace svcc {

struct GraphOptions {
  std::vector<std::string> paths;
  sema::SemaOptions sema;
  std::string format = "dot";
};

CLI::App* addGraphCommand(CLI::App& app, GraphOptions& options);
ExitCode runGraph(const GraphOptions& options, const Output& io);

// The graph of a checked model in one of the formats above (for tests and the README).
std::string renderGraph(const sema::Model& model, const std::string& format);

}  // namespace svcc
