// Phase: emit (Kubernetes backend).
// Takes an ir::App; hands out the k8s/ tree of docs/outputs.md, or one multi-document stream.
#pragma once

#include <string>

#include "backends/output_set.h"
#include "ir/ir.h"

namespace svcc::k8s {

// k8s/kustomization.yaml, k8s/namespace.yaml and k8s/<service>/<kind>.yaml.
OutputSet emitManifests(const ir::App& app);
// Every object of emitManifests as one `---`-separated stream for `kubectl apply -f -`:
// the Namespace first, then per service (in IR order) ServiceAccount, Service,
// Deployment or StatefulSet, HorizontalPodAutoscaler, PodDisruptionBudget,
// NetworkPolicy, Ingress.
std::string emitStream(const ir::App& app);

}  // namespace svcc::k8s
