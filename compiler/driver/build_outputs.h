// Phase: emit (every backend, for `svcc build -o`).
// Takes an ir::App and where the sources and OUT are; hands every file of the output
// tree of docs/outputs.md to a sink.
#pragma once

#include "backends/docker/build_paths.h"
#include "backends/kubernetes/kubernetes.h"
#include "ir/ir.h"

namespace svcc {

// k8s/ (file by file, never all in memory), then docker/ and compose.yaml.
void emitOutputs(const ir::App& app, const docker::BuildPaths& paths, const k8s::FileSink& sink);

}  // namespace svcc
