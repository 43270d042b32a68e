// Phase: emit (Kubernetes backend).
// Takes an ir::App; hands out the k8s/ tree of docs/outputs.md, or one multi-document stream.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "backends/output_set.h"
#include "ir/ir.h"

namespace svcc::k8s {

// Receives one file; `bytes` is only valid during the call. Files come in emission
// order (services by name, the kustomization last), not path order.
using FileSink = std::function<void(std::string_view path, std::string_view bytes)>;
// Receives the next piece of a stream; valid only during the call.
using ChunkSink = std::function<void(std::string_view chunk)>;

// k8s/kustomization.yaml, k8s/namespace.yaml and k8s/<service>/<kind>.yaml.
// The sink form lets the driver write (and hash) each file without the whole output
// ever being in memory: at 10,000 services that is 58 MB, and fresh memory is the
// largest cost of emitting it (docs/performance.md).
void emitManifests(const ir::App& app, const FileSink& sink);
OutputSet emitManifests(const ir::App& app);
// Every object of emitManifests as one `---`-separated stream for `kubectl apply -f -`:
// the Namespace first, then per service (in IR order) ServiceAccount, Service,
// Deployment or StatefulSet, HorizontalPodAutoscaler, PodDisruptionBudget,
// NetworkPolicy, Ingress. The sink form hands it out in chunks of about 64 KiB.
void emitStream(const ir::App& app, const ChunkSink& sink);
std::string emitStream(const ir::App& app);

}  // namespace svcc::k8s
