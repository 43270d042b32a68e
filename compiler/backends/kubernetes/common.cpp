#include <algorithm>
#include <array>
#include <iterator>

#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

std::string_view appLabelOf(const ir::Service& service) {
  for (const auto& [key, value] : service.labels)
    if (key == "app") return value;
  return service.name;
}

}  // namespace

void writeLabelMap(yaml::Writer& w, Labels labels) {
  w.beginMap();
  for (const auto& [key, value] : labels) w.pair(key, value);
  w.endMap();
}

std::vector<Label> withLabels(Labels base, const ir::StringMap& extra) {
  std::vector<Label> out(base.begin(), base.end());
  for (const auto& [key, value] : extra) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Label& l) { return l.first == key; });
    if (same != out.end()) same->second = value;
    else out.emplace_back(key, value);
  }
  return out;
}

ir::StringMap mergedMap(const ir::StringMap& under, const ir::StringMap& over) {
  if (under.empty()) return over;
  ir::StringMap out;
  out.reserve(under.size() + over.size());
  std::merge(over.begin(), over.end(), under.begin(), under.end(), std::back_inserter(out),
             [](const auto& a, const auto& b) { return a.first < b.first; });
  // std::merge keeps `over`'s entry first among equal keys: drop the later ones.
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            out.end());
  return out;
}

void writeStringMap(yaml::Writer& w, std::string_view key, const ir::StringMap& map) {
  if (map.empty()) return;
  w.key(key);
  w.beginMap();
  for (const auto& [k, v] : map) w.pair(k, v);
  w.endMap();
}

void writeMetadata(yaml::Writer& w, const ServiceContext& ctx, std::string_view name, const ir::ObjectMeta* own) {
  w.key("metadata");
  w.beginMap();
  w.pair("name", name);
  if (!ctx.app.namespace_name.empty()) w.pair("namespace", ctx.app.namespace_name);
  w.key("labels");
  if (own && !own->labels.empty()) writeLabelMap(w, withLabels(ctx.labels, own->labels));
  else writeLabelMap(w, ctx.labels);
  writeStringMap(w, "annotations", own ? mergedMap(ctx.app.annotations, own->annotations) : ctx.app.annotations);
  w.endMap();
}

void writeSelector(yaml::Writer& w, Labels selector) {
  w.beginMap();
  w.key("matchLabels");
  writeLabelMap(w, selector);
  w.endMap();
}

// Only labels that never change for the life of the service: a selector is immutable.
Selector selectorOf(const ir::Service& service) {
  return {{{"app.kubernetes.io/name", service.name}, {"app", appLabelOf(service)}}};
}

std::string cpuQuantity(int64_t millis) {
  if (millis % 1000 == 0) return std::to_string(millis / 1000);
  return std::to_string(millis) + "m";
}

std::string memoryQuantity(int64_t bytes) {
  static constexpr std::array<std::pair<int, std::string_view>, 4> kUnits{
      {{40, "Ti"}, {30, "Gi"}, {20, "Mi"}, {10, "Ki"}}};
  for (const auto& [shift, suffix] : kUnits) {
    int64_t unit = int64_t{1} << shift;
    if (bytes != 0 && bytes % unit == 0) return std::to_string(bytes / unit) + std::string(suffix);
  }
  return std::to_string(bytes);
}

std::string_view transportProtocol(ir::Protocol p) { return p == ir::Protocol::Udp ? "UDP" : "TCP"; }

// Kubernetes' expansion (third_party/forked/golang/expansion) reads `$$` as one `$` and
// `$(NAME)` as a variable; a `$` before anything else stays. Doubling exactly the `$`s it
// would read makes the expansion give back `text` (docs/outputs.md, "Env values").
std::string literalForExpansion(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '$' && i + 1 < text.size() && (text[i + 1] == '$' || text[i + 1] == '(')) out += '$';
  }
  return out;
}

uint32_t maxReplicas(const ir::Service& service) { return service.scale ? service.scale->max : service.replicas; }

}  // namespace svcc::k8s
