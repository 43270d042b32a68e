// Phase: emit (Kubernetes backend, internal).
// Takes one service of an ir::App with what was precomputed for it; hands out its objects as YAML.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/yaml/yaml_writer.h"
#include "ir/ir.h"

namespace svcc::k8s {

using Label = std::pair<std::string_view, std::string_view>;
using Labels = std::span<const Label>;
// `app.kubernetes.io/name` and `app`: the only labels a selector uses.
using Selector = std::array<Label, 2>;

// Resource defaults when the service does not say (docs/outputs.md).
inline constexpr int64_t kDefaultCpuRequestMillis = 100;
inline constexpr int64_t kDefaultCpuLimitMillis = 500;
inline constexpr int64_t kDefaultMemoryRequestBytes = int64_t{128} << 20;
inline constexpr int64_t kDefaultMemoryLimitBytes = int64_t{256} << 20;

inline constexpr std::string_view kOptOutAnnotation = "svcc.dev/secure-default-opt-outs";

// A service that dials another one on one of its ports (`port` is null when the
// dependency names the whole service and it has no port).
struct Edge {
  const ir::Service* peer;
  const ir::Port* port;
};

struct ServiceContext {
  const ir::App& app;
  const ir::Service& service;
  std::vector<Label> labels;  // metadata labels in output order
  Selector selector;
  std::vector<Edge> dependents;    // who dials this service, sorted by peer then port
  std::vector<Edge> dependencies;  // whom this service dials, sorted likewise
  std::string opt_outs;            // comma-separated, empty when none
};

enum class Object {
  ServiceAccount,
  Service,
  Deployment,
  StatefulSet,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  NetworkPolicy,
  Ingress,
};

// The objects a service produces, in stream order (a fixed array: this runs per service).
struct ObjectList {
  std::array<Object, 8> items;
  size_t size = 0;
  void add(Object o) { items[size++] = o; }
  const Object* begin() const { return items.data(); }
  const Object* end() const { return items.data() + size; }
};
ObjectList objectsOf(const ir::App& app, const ir::Service& service);
// A service's ConfigMaps, one per `config` block, come after its objects: k8s/<service>/
// configmap-<name>.yaml.
void writeConfigMap(yaml::Writer& w, const ServiceContext& ctx, const ir::Config& config);
std::string_view fileNameOf(Object object);

void writeObject(yaml::Writer& w, Object object, const ServiceContext& ctx);
void writeWorkload(yaml::Writer& w, const ServiceContext& ctx, bool stateful);
void writeNetworkPolicy(yaml::Writer& w, const ServiceContext& ctx);

// Shared pieces.
void writeLabelMap(yaml::Writer& w, Labels labels);
// `own`: what `metadata { … }` gives this object (null: nothing of its own). Every object
// carries the app's annotations.
void writeMetadata(yaml::Writer& w, const ServiceContext& ctx, std::string_view name,
                   const ir::ObjectMeta* own = nullptr);
// The labels of `base` with `extra` over them (a key of both: extra's value).
std::vector<Label> withLabels(Labels base, const ir::StringMap& extra);
// Two sorted maps as one, sorted; a key of both: `over`'s value.
ir::StringMap mergedMap(const ir::StringMap& under, const ir::StringMap& over);
void writeStringMap(yaml::Writer& w, std::string_view key, const ir::StringMap& map);
void writeSelector(yaml::Writer& w, Labels selector);
Selector selectorOf(const ir::Service& service);
std::string cpuQuantity(int64_t millis);
std::string memoryQuantity(int64_t bytes);
std::string_view transportProtocol(ir::Protocol p);
// `text` as an env value, `command` or `args` item that Kubernetes leaves as written: it
// expands `$(NAME)` there and turns `$$` into `$`, so every `$` before `(` or `$` is doubled.
std::string literalForExpansion(std::string_view text);
uint32_t maxReplicas(const ir::Service& service);

}  // namespace svcc::k8s
