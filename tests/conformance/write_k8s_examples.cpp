// Tests: conformance input. Writes the Kubernetes output of the hand-built example IR
// (tests/unit/ir_examples.h) under DIR/<example>/ for validate-k8s.mjs, plus each
// example's --stdout stream as DIR/<example>.stream.yaml.
#include <cstdio>
#include <filesystem>

#include "backends/kubernetes/kubernetes.h"
#include "ir_examples.h"
#include "write_file.h"

using svcc::testing::writeFile;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::filesystem::path root = argv[1];
  const std::pair<const char*, svcc::ir::App> examples[] = {
      {"seed", svcc::testing::seedApp()},
      {"shop", svcc::testing::shopApp()},
      {"edge", svcc::testing::edgeApp()},
  };
  for (const auto& [name, app] : examples) {
    for (const auto& [path, bytes] : svcc::k8s::emitManifests(app))
      if (!writeFile(root / name / path, bytes)) return 1;
    if (!writeFile(root / (std::string(name) + ".stream.yaml"), svcc::k8s::emitStream(app))) return 1;
  }
  return 0;
}
