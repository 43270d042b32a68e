#include "ir/ir.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace svcc::ir {

namespace {

constexpr std::array<std::pair<OptOut, std::string_view>, 7> kOptOutNames{{
    {OptOut::AllowPrivilegeEscalation, "allow_privilege_escalation"},
    {OptOut::DropCapabilities, "drop_capabilities"},
    {OptOut::NetworkPolicy, "network_policy"},
    {OptOut::ReadOnlyRootFilesystem, "read_only_root_filesystem"},
    {OptOut::RunAsNonRoot, "run_as_non_root"},
    {OptOut::Seccomp, "seccomp"},
    {OptOut::ServiceAccountToken, "service_account_token"},
}};

template <typename T>
void sortByName(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

void sortMap(StringMap& map) {
  std::stable_sort(map.begin(), map.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

}  // namespace

std::string_view optOutName(OptOut o) {
  for (const auto& [value, name] : kOptOutNames)
    if (value == o) return name;
  return {};
}

std::optional<OptOut> findOptOut(std::string_view name) {
  for (const auto& [value, spelled] : kOptOutNames)
    if (spelled == name) return value;
  return std::nullopt;
}

const std::vector<OptOut>& allOptOuts() {
  static const std::vector<OptOut> all = [] {
    std::vector<OptOut> v;
    v.reserve(std::size(kOptOutNames));
    for (const auto& entry : kOptOutNames) v.push_back(entry.first);
    return v;
  }();
  return all;
}

bool Service::optedOut(OptOut o) const { return std::binary_search(opt_outs.begin(), opt_outs.end(), o); }

const Port* Service::findPort(std::string_view port_name) const {
  for (const Port& p : ports)
    if (p.name == port_name) return &p;
  return nullptr;
}

const Service* App::findService(std::string_view service_name) const {
  auto it = std::lower_bound(services.begin(), services.end(), service_name,
                             [](const Service& s, std::string_view n) { return s.name < n; });
  return it != services.end() && it->name == service_name ? &*it : nullptr;
}

void canonicalize(App& app) {
  sortMap(app.labels);
  sortByName(app.services);
  for (Service& s : app.services) {
    sortByName(s.ports);
    sortByName(s.env);
    sortByName(s.volumes);
    sortMap(s.labels);
    sortMap(s.annotations);
    std::sort(s.opt_outs.begin(), s.opt_outs.end());
    s.opt_outs.erase(std::unique(s.opt_outs.begin(), s.opt_outs.end()), s.opt_outs.end());
    auto key = [](const Dependency& d) { return std::tie(d.service, d.port); };
    std::sort(s.dependencies.begin(), s.dependencies.end(),
              [&](const Dependency& a, const Dependency& b) { return key(a) < key(b); });
    s.dependencies.erase(std::unique(s.dependencies.begin(), s.dependencies.end(),
                                     [&](const Dependency& a, const Dependency& b) { return key(a) == key(b); }),
                         s.dependencies.end());
  }
}

bool isSvccLabel(std::string_view key) {
  return key == "app.kubernetes.io/name" || key == "app.kubernetes.io/part-of" || key == "app.kubernetes.io/version" ||
         key == "app.kubernetes.io/managed-by";
}

std::string_view protocolName(Protocol p) {
  switch (p) {
    case Protocol::Http:
      return "http";
    case Protocol::Grpc:
      return "grpc";
    case Protocol::Tcp:
      return "tcp";
    case Protocol::Udp:
      return "udp";
  }
  return {};
}

std::string_view refAttributeName(RefAttribute a) {
  switch (a) {
    case RefAttribute::Host:
      return "host";
    case RefAttribute::Port:
      return "port";
    case RefAttribute::Address:
      return "address";
    case RefAttribute::Url:
      return "url";
  }
  return {};
}

std::string referenceValue(const EnvReference& ref, uint32_t port) {
  std::string port_text = std::to_string(port);
  switch (ref.attribute) {
    case RefAttribute::Host:
      return ref.service;
    case RefAttribute::Port:
      return port_text;
    case RefAttribute::Address:
      return ref.service + ":" + port_text;
    case RefAttribute::Url:
      return std::string(protocolName(ref.protocol)) + "://" + ref.service + ":" + port_text;
  }
  return {};
}

std::optional<std::string> podFieldWithoutPod(std::string_view field, std::string_view service,
                                              std::string_view namespace_name) {
  if (field == "name" || field == "service_account") return std::string(service);
  if (field == "namespace" && !namespace_name.empty()) return std::string(namespace_name);
  return std::nullopt;
}

}  // namespace svcc::ir
