// Tests: conformance input. Writes the Docker and compose output of the hand-built
// example IR (tests/unit/ir_examples.h, ir_docker_examples.h) under DIR/<example>/ for
// lint-dockerfiles.mjs and validate-compose.mjs; the sources are taken to lie in
// DIR/../src/<example>, which need not exist.
#include <cstdio>
#include <filesystem>

#include "backends/compose/compose.h"
#include "backends/docker/docker.h"
#include "ir_docker_examples.h"
#include "write_file.h"

using svcc::testing::writeFile;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::filesystem::path root = std::filesystem::absolute(argv[1]).lexically_normal();
  const std::pair<const char*, svcc::ir::App> examples[] = {
      {"seed", svcc::testing::seedApp()},
      {"shop", svcc::testing::shopApp()},
      {"edge", svcc::testing::edgeApp()},
      {"runtimes", svcc::testing::runtimesApp()},
  };
  for (const auto& [name, app] : examples) {
    svcc::docker::BuildPaths paths{root.parent_path() / "src" / name, root / name};
    for (const svcc::OutputSet& files : {svcc::docker::emitDocker(app, paths), svcc::compose::emitCompose(app, paths)})
      for (const auto& [path, bytes] : files)
        if (!writeFile(root / name / path, bytes)) return 1;
  }
  return 0;
}
