#include "sema/schema.h"

#include <algorithm>

namespace svcc::sema {
namespace {

Type orRange(TypeKind k) {
  Type t = Type::of(k);
  t.or_range = true;
  return t;
}

FieldSpec value(std::string_view name, Type type) { return {name, FieldShape::Value, type, {}}; }

const std::vector<FieldSpec> kScale = {
    value("min", Type::bounded(TypeKind::Int, 1, 1000)),
    value("max", Type::bounded(TypeKind::Int, 1, 1000)),
    value("cpu", Type::of(TypeKind::Percent)),
    value("memory", Type::of(TypeKind::Percent)),
};
const std::vector<FieldSpec> kResources = {
    value("cpu", orRange(TypeKind::Cpu)),
    value("memory", orRange(TypeKind::Memory)),
};
const std::vector<FieldSpec> kHealth = {
    value("path", Type::of(TypeKind::String)),
    value("port", Type::of(TypeKind::PortName)),
    value("grpc", Type::of(TypeKind::PortName)),
    value("tcp", Type::of(TypeKind::PortName)),
    value("initial_delay", Type::of(TypeKind::Duration)),
    value("period", Type::of(TypeKind::Duration)),
};
const std::vector<FieldSpec> kIngress = {
    value("host", Type::of(TypeKind::String)),
    value("port", Type::of(TypeKind::PortName)),
    value("path", Type::of(TypeKind::String)),
};
const std::vector<FieldSpec> kSecurity = {
    value("run_as_non_root", Type::of(TypeKind::Bool)),
    value("read_only_root_filesystem", Type::of(TypeKind::Bool)),
    value("allow_privilege_escalation", Type::of(TypeKind::Bool)),
};

FieldSpec block(std::string_view name, const std::vector<FieldSpec>& children) {
  return {name, FieldShape::Block, Type(), children};
}

// Sorted by name: lookups are binary searches and suggestions come out in order.
const std::vector<FieldSpec> kService = [] {
  std::vector<FieldSpec> v = {
      value("image", Type::of(TypeKind::Image)),
      value("image_tools", Type(TypeKind::List, TypeKind::String)),
      {"build", FieldShape::Build, Type(), {}},
      value("context", Type::of(TypeKind::String)),
      value("command", Type(TypeKind::List, TypeKind::String)),
      value("user", Type::bounded(TypeKind::Int, 0, 2147483647)),
      {"port", FieldShape::Port, Type(), {}},
      value("replicas", Type::bounded(TypeKind::Int, 0, 1000)),
      block("scale", kScale),
      block("resources", kResources),
      block("health", kHealth),
      {"env", FieldShape::Map, Type::of(TypeKind::EnvValue), {}},
      {"depends", FieldShape::DependsOn, Type(), {}},
      {"volume", FieldShape::Volume, Type(), {}},
      block("ingress", kIngress),
      {"labels", FieldShape::Map, Type::of(TypeKind::String), {}},
      {"annotations", FieldShape::Map, Type::of(TypeKind::String), {}},
      block("security", kSecurity),
      value("opt_out", Type(TypeKind::List, TypeKind::String)),
  };
  std::sort(v.begin(), v.end(), [](const FieldSpec& a, const FieldSpec& b) { return a.name < b.name; });
  return v;
}();

const std::vector<FieldSpec> kVolume = {
    value("size", Type::of(TypeKind::Memory)),
    value("mount", Type::of(TypeKind::String)),
};
const std::vector<FieldSpec> kPortBody = {value("protocol", Type::of(TypeKind::Protocol))};
const std::vector<FieldSpec> kApp = {
    value("namespace", Type::of(TypeKind::String)),
    value("registry", Type::of(TypeKind::String)),
    value("version", Type::of(TypeKind::String)),
    {"labels", FieldShape::Map, Type::of(TypeKind::String), {}},
    value("network_policy", Type::of(TypeKind::Bool)),
};

const FieldSpec kVolumeSpec = block("volume", kVolume);
const FieldSpec kPortBodySpec = block("port", kPortBody);
const FieldSpec kAppSpec = block("app", kApp);

}  // namespace

std::span<const FieldSpec> fieldsOf(const FieldSpec* parent) {
  return parent ? parent->children : std::span<const FieldSpec>(kService);
}

const FieldSpec* findField(const FieldSpec* parent, std::string_view name) {
  for (const FieldSpec& f : fieldsOf(parent)) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> fieldNames(const FieldSpec* parent) {
  std::vector<std::string_view> out;
  for (const FieldSpec& f : fieldsOf(parent)) {
    if (f.shape != FieldShape::DependsOn) out.push_back(f.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::span<const std::string_view> optOutNames() {
  static const std::string_view kNames[] = {
      "allow_privilege_escalation", "drop_capabilities", "network_policy", "read_only_root_filesystem",
      "run_as_non_root", "seccomp", "service_account_token",
  };
  return kNames;
}

std::span<const std::string_view> imageToolNames() {
  static const std::string_view kNames[] = {"bash", "curl", "nc", "sh", "wget"};
  return kNames;
}

const FieldSpec& volumeSpec() { return kVolumeSpec; }
const FieldSpec& portBodySpec() { return kPortBodySpec; }
const FieldSpec& appSpec() { return kAppSpec; }

}  // namespace svcc::sema
