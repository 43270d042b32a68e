// Phase: emit (compose backend).
// Takes an ir::App and where sources and OUT are; hands out compose.yaml, the same
// application for `docker compose up` on a laptop.
#pragma once

#include "backends/docker/build_paths.h"
#include "backends/output_set.h"
#include "ir/ir.h"

namespace svcc::compose {

// compose.yaml at the root of OUT (docs/outputs.md, "compose.yaml", has every rule).
OutputSet emitCompose(const ir::App& app, const docker::BuildPaths& paths);

}  // namespace svcc::compose
