#include "ir/ir_json.h"

#include <nlohmann/json.hpp>

namespace svcc::ir {

namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json optional(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json stringMap(const StringMap& map) {
  Json out = Json::object();
  for (const auto& [key, value] : map) out[key] = value;
  return out;
}

Json source(const SourceRef& ref) { return Json{{"path", ref.path}, {"line", ref.line}}; }

std::string_view stepKind(BuildStep::Kind kind) {
  switch (kind) {
    case BuildStep::Kind::Workdir:
      return "workdir";
    case BuildStep::Kind::Copy:
      return "copy";
    case BuildStep::Kind::CopyFrom:
      return "copy_from";
    case BuildStep::Kind::Run:
      return "run";
    case BuildStep::Kind::Env:
      return "env";
    case BuildStep::Kind::User:
      return "user";
  }
  return {};
}

Json step(const BuildStep& s) {
  Json out{{"kind", stepKind(s.kind)}};
  switch (s.kind) {
    case BuildStep::Kind::CopyFrom:
      out["stage"] = s.stage;
      [[fallthrough]];
    case BuildStep::Kind::Copy:
      out["src"] = s.src;
      out["dst"] = s.dst;
      break;
    case BuildStep::Kind::Env:
      out["name"] = s.name;
      out["value"] = s.value;
      break;
    case BuildStep::Kind::Workdir:
    case BuildStep::Kind::Run:
    case BuildStep::Kind::User:
      out["value"] = s.value;
      break;
  }
  return out;
}

Json build(const BuildRecipe& recipe) {
  Json stages = Json::array();
  for (const BuildStage& stage : recipe.stages) {
    Json steps = Json::array();
    for (const BuildStep& s : stage.steps) steps.push_back(step(s));
    stages.push_back({{"name", stage.name}, {"from", stage.from}, {"steps", std::move(steps)}});
  }
  return {{"context", recipe.context}, {"stages", std::move(stages)}, {"user", optional(recipe.user)}};
}

Json env(const EnvVar& var) {
  Json out{{"name", var.name}};
  switch (var.kind) {
    case EnvVar::Kind::Literal:
      out["kind"] = "literal";
      out["value"] = var.literal;
      break;
    case EnvVar::Kind::Reference: {
      const EnvReference& r = var.reference;
      out["kind"] = "reference";
      out["service"] = r.service;
      out["port"] = r.port;
      out["attribute"] = refAttributeName(r.attribute);
      out["protocol"] = protocolName(r.protocol);
      out["service_port"] = r.service_port;
      out["container_port"] = r.container_port;
      out["value"] = referenceValue(r, r.service_port);
      break;
    }
    case EnvVar::Kind::Pod:
      out["kind"] = "pod";
      out["field"] = var.literal;
      break;
    case EnvVar::Kind::Secret:
      out["kind"] = "secret";
      out["secret"] = var.secret.name;
      out["key"] = var.secret.key;
      break;
  }
  return out;
}

std::string_view healthKind(Health::Kind kind) {
  switch (kind) {
    case Health::Kind::Http:
      return "http";
    case Health::Kind::Grpc:
      return "grpc";
    case Health::Kind::Tcp:
      return "tcp";
    case Health::Kind::Exec:
      return "exec";
  }
  return {};
}

Json service(const Service& s) {
  Json out;
  out["name"] = s.name;
  out["image"] = s.image;
  out["build"] = s.build ? build(*s.build) : Json(nullptr);
  out["image_tools"] = s.image_tools ? Json(*s.image_tools) : Json(nullptr);
  out["command"] = s.command;
  out["user"] = optional(s.user);
  out["group"] = optional(s.group);
  out["fs_group"] = optional(s.options().fs_group);
  out["user_assumed"] = s.user_assumed;
  Json ports = Json::array();
  for (const Port& p : s.ports)
    ports.push_back({{"name", p.name},
                     {"protocol", protocolName(p.protocol)},
                     {"service_port", p.service_port},
                     {"container_port", p.container_port}});
  out["ports"] = std::move(ports);
  Json vars = Json::array();
  for (const EnvVar& var : s.env) vars.push_back(env(var));
  out["env"] = std::move(vars);
  out["resources"] = {{"cpu_request_millis", optional(s.resources.cpu_request_millis)},
                      {"cpu_limit_millis", optional(s.resources.cpu_limit_millis)},
                      {"memory_request_bytes", optional(s.resources.memory_request_bytes)},
                      {"memory_limit_bytes", optional(s.resources.memory_limit_bytes)},
                      {"cpu_unlimited", s.resources.cpu_unlimited},
                      {"memory_unlimited", s.resources.memory_unlimited}};
  auto health = [](const std::optional<Health>& probe) -> Json {
    if (!probe) return nullptr;
    const Health& h = *probe;
    Json headers = Json::object();
    for (const auto& [name, value] : h.headers) headers[name] = value;
    return {{"kind", healthKind(h.kind)},
            {"path", h.path},
            {"scheme", h.https ? "https" : "http"},
            {"headers", std::move(headers)},
            {"grpc_service", h.grpc_service},
            {"exec", h.exec},
            {"port", h.port},
            {"initial_delay_ms", h.initial_delay_ms},
            {"period_ms", h.period_ms},
            {"timeout_ms", optional(h.timeout_ms)},
            {"failures", optional(h.failures)},
            {"successes", optional(h.successes)}};
  };
  out["health"] = health(s.health);
  Service::Probes none;
  const Service::Probes& probes = s.probes ? *s.probes : none;
  out["probes"] = {{"readiness", health(probes.readiness)},
                   {"liveness", health(probes.liveness)},
                   {"startup", health(probes.startup)}};
  out["replicas"] = s.replicas;
  if (s.scale)
    out["scale"] = {{"min", s.scale->min},
                    {"max", s.scale->max},
                    {"cpu_percent", optional(s.scale->cpu_percent)},
                    {"memory_percent", optional(s.scale->memory_percent)}};
  else out["scale"] = nullptr;
  Json volumes = Json::array();
  for (const Volume& v : s.volumes)
    volumes.push_back({{"name", v.name}, {"size_bytes", v.size_bytes}, {"mount", v.mount}});
  out["volumes"] = std::move(volumes);
  Json scratch = Json::array();
  for (const Scratch& sc : s.scratch)
    scratch.push_back({{"name", sc.name}, {"mount", sc.mount}, {"size_bytes", sc.size_bytes}, {"memory", sc.memory}});
  out["scratch"] = std::move(scratch);
  Json configs = Json::array();
  for (const Config& c : s.configs) {
    Json entries = Json::array();
    for (const Config::Entry& e : c.entries) {
      Json references = Json::array();
      for (const EnvReference& r : e.references)
        references.push_back({{"service", r.service}, {"port", r.port}, {"attribute", refAttributeName(r.attribute)}});
      entries.push_back({{"key", e.key},
                         {"text", e.text},
                         {"compose_text", e.compose_text ? Json(*e.compose_text) : Json(nullptr)},
                         {"references", std::move(references)}});
    }
    configs.push_back({{"name", c.name},
                       {"mount", c.mount},
                       {"dir", c.dir},
                       {"configmap", c.configmap},
                       {"secret", c.isSecret() ? Json{{"name", c.secret.name}, {"key", c.secret.key}} : Json(nullptr)},
                       {"entries", std::move(entries)}});
  }
  out["configs"] = std::move(configs);
  out["ingress"] =
      s.ingress ? Json{{"host", s.ingress->host}, {"port", s.ingress->port}, {"path", s.ingress->path}} : Json(nullptr);
  out["labels"] = stringMap(s.labels);
  out["annotations"] = stringMap(s.annotations);
  Json opt_outs = Json::array();
  for (OptOut o : s.opt_outs) opt_outs.push_back(optOutName(o));
  out["opt_outs"] = std::move(opt_outs);
  Json deps = Json::array();
  for (const Dependency& d : s.dependencies)
    deps.push_back({{"service", d.service}, {"port", d.port}, {"protocol", protocolName(d.protocol)}});
  out["dependencies"] = std::move(deps);
  out["env_from"] = {{"config_maps", s.options().env_from_config_maps}, {"secrets", s.options().env_from_secrets}};
  out["termination_grace_seconds"] = optional(s.termination_grace_seconds);
  out["pre_stop"] = s.options().pre_stop;
  out["pre_stop_sleep_seconds"] = optional(s.options().pre_stop_sleep_seconds);
  out["stop_signal"] = s.options().stop_signal;
  out["capabilities"] = stringMap(s.options().capabilities);
  Json containers = Json::array();
  for (const Container& c : s.options().containers) {
    Json body = service(*c.body);
    Json one{{"name", c.name},
             {"kind", c.kind == Container::Kind::Init ? "init" : "sidecar"},
             {"own_image", c.own_image},
             {"waits_for", c.waits_for}};
    for (const char* key : {"image", "build", "image_tools", "command", "user", "group", "user_assumed", "ports", "env",
                            "resources", "health", "probes", "source"})
      one[key] = std::move(body[key]);
    one["mounts"] = stringMap(c.mounts);
    containers.push_back(std::move(one));
  }
  out["containers"] = std::move(containers);
  auto meta = [](const ObjectMeta& m) {
    return Json{{"labels", stringMap(m.labels)}, {"annotations", stringMap(m.annotations)}};
  };
  const Metadata& m = s.options().metadata;
  out["metadata"] = {{"pod", meta(m.pod)},
                     {"workload", meta(m.workload)},
                     {"service", meta(m.service)},
                     {"ingress", meta(m.ingress)},
                     {"service_account", meta(m.service_account)}};
  out["source"] = source(s.source);
  return out;
}

}  // namespace

std::string toJson(const App& app) {
  Json root;
  root["svcc_ir_version"] = kJsonSchemaVersion;
  root["app"] = {{"name", app.name},
                 {"namespace", app.namespace_name},
                 {"registry", app.registry},
                 {"version", app.version},
                 {"labels", stringMap(app.labels)},
                 {"annotations", stringMap(app.annotations)},
                 {"network_policies", app.network_policies},
                 {"ingress_controller_namespace", app.ingress_controller_namespace},
                 {"start_order", app.start_order},
                 {"source", source(app.source)}};
  Json services = Json::array();
  for (const Service& s : app.services) services.push_back(service(s));
  root["services"] = std::move(services);
  return root.dump(2) + "\n";
}

}  // namespace svcc::ir
