#include "driver/build_outputs.h"

#include "backends/compose/compose.h"
#include "backends/docker/docker.h"

namespace svcc {

void emitOutputs(const ir::App& app, const docker::BuildPaths& paths, const k8s::FileSink& sink) {
  k8s::emitManifests(app, sink);
  for (const auto& [path, bytes] : docker::emitDocker(app, paths)) sink(path, bytes);
  for (const auto& [path, bytes] : compose::emitCompose(app, paths)) sink(path, bytes);
}

}  // namespace svcc
