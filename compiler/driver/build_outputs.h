// Phase: emit (every backend, for `svcc build -o`).
// Takes an ir::App; hands every file of the output tree of docs/outputs.md to a sink.
#pragma once

#include "backends/kubernetes/kubernetes.h"
#include "ir/ir.h"

namespace svcc {

// Kubernetes manifests under k8s/. Further backends (docker/, compose.yaml) hand
// their files to the same sink, so the driver writes one output set.
void emitOutputs(const ir::App& app, const k8s::FileSink& sink);

}  // namespace svcc
