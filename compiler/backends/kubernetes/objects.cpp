#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

void writeHead(yaml::Writer& w, const ServiceContext& ctx, std::string_view api_version, std::string_view kind,
               const ir::ObjectMeta* own = nullptr) {
  w.beginMap();
  w.pair("apiVersion", api_version);
  w.pair("kind", kind);
  writeMetadata(w, ctx, ctx.service.name, own);
}

}  // namespace

// Its name carries a hash of its content (ir::Config::configmap): a change is a new
// ConfigMap, and the pod template that names it rolls.
void writeConfigMap(yaml::Writer& w, const ServiceContext& ctx, const ir::Config& config) {
  w.beginMap();
  w.pair("apiVersion", "v1");
  w.pair("kind", "ConfigMap");
  writeMetadata(w, ctx, config.configmap);
  w.pair("immutable", true);
  w.key("data");
  w.beginMap();
  for (const ir::Config::Entry& e : config.entries) w.pair(e.key, e.text);
  w.endMap();
  w.endMap();
}

namespace {

void writeServiceAccount(yaml::Writer& w, const ServiceContext& ctx) {
  writeHead(w, ctx, "v1", "ServiceAccount", &ctx.service.options().metadata.service_account);
  w.pair("automountServiceAccountToken", ctx.service.optedOut(ir::OptOut::ServiceAccountToken));
  w.endMap();
}

void writeService(yaml::Writer& w, const ServiceContext& ctx) {
  writeHead(w, ctx, "v1", "Service", &ctx.service.options().metadata.service);
  w.key("spec");
  w.beginMap();
  w.pair("type", "ClusterIP");
  w.key("selector");
  writeLabelMap(w, ctx.selector);
  w.key("ports");
  w.beginSeq();
  for (const ir::Port& p : ctx.service.ports) {
    w.beginMap();
    w.pair("name", p.name);
    w.pair("port", p.service_port);
    w.pair("targetPort", p.name);
    w.pair("protocol", transportProtocol(p.protocol));
    if (p.protocol == ir::Protocol::Http || p.protocol == ir::Protocol::Grpc)
      w.pair("appProtocol", ir::protocolName(p.protocol));
    w.endMap();
  }
  w.endSeq();
  w.endMap();
  w.endMap();
}

void writeUtilization(yaml::Writer& w, std::string_view resource, uint32_t percent) {
  w.beginMap();
  w.pair("type", "Resource");
  w.key("resource");
  w.beginMap();
  w.pair("name", resource);
  w.key("target");
  w.beginMap();
  w.pair("type", "Utilization");
  w.pair("averageUtilization", percent);
  w.endMap();
  w.endMap();
  w.endMap();
}

// Without a target the HPA would fall back to 80% CPU silently; say it.
inline constexpr uint32_t kDefaultCpuPercent = 80;

void writeAutoscaler(yaml::Writer& w, const ServiceContext& ctx) {
  const ir::Service& s = ctx.service;
  const ir::Scale& scale = *s.scale;
  writeHead(w, ctx, "autoscaling/v2", "HorizontalPodAutoscaler");
  w.key("spec");
  w.beginMap();
  w.key("scaleTargetRef");
  w.beginMap();
  w.pair("apiVersion", "apps/v1");
  w.pair("kind", s.volumes.empty() ? "Deployment" : "StatefulSet");
  w.pair("name", s.name);
  w.endMap();
  w.pair("minReplicas", scale.min);
  w.pair("maxReplicas", scale.max);
  w.key("metrics");
  w.beginSeq();
  if (scale.cpu_percent || !scale.memory_percent)
    writeUtilization(w, "cpu", scale.cpu_percent.value_or(kDefaultCpuPercent));
  if (scale.memory_percent) writeUtilization(w, "memory", *scale.memory_percent);
  w.endSeq();
  w.endMap();
  w.endMap();
}

void writeDisruptionBudget(yaml::Writer& w, const ServiceContext& ctx) {
  writeHead(w, ctx, "policy/v1", "PodDisruptionBudget");
  w.key("spec");
  w.beginMap();
  w.pair("maxUnavailable", 1);
  w.key("selector");
  writeSelector(w, ctx.selector);
  w.endMap();
  w.endMap();
}

void writeIngress(yaml::Writer& w, const ServiceContext& ctx) {
  const ir::Service& s = ctx.service;
  const ir::Ingress& in = *s.ingress;
  writeHead(w, ctx, "networking.k8s.io/v1", "Ingress", &s.options().metadata.ingress);
  w.key("spec");
  w.beginMap();
  w.key("rules");
  w.beginSeq();
  w.beginMap();
  if (!in.host.empty()) w.pair("host", in.host);
  w.key("http");
  w.beginMap();
  w.key("paths");
  w.beginSeq();
  w.beginMap();
  w.pair("path", in.path.empty() ? std::string_view("/") : std::string_view(in.path));
  w.pair("pathType", "Prefix");
  w.key("backend");
  w.beginMap();
  w.key("service");
  w.beginMap();
  w.pair("name", s.name);
  w.key("port");
  w.beginMap();
  w.pair("name", in.port);
  w.endMap();
  w.endMap();
  w.endMap();
  w.endMap();
  w.endSeq();
  w.endMap();
  w.endMap();
  w.endSeq();
  w.endMap();
  w.endMap();
}

}  // namespace

ObjectList objectsOf(const ir::App& app, const ir::Service& s) {
  ObjectList objects;
  objects.add(Object::ServiceAccount);
  if (!s.ports.empty()) objects.add(Object::Service);
  objects.add(s.volumes.empty() ? Object::Deployment : Object::StatefulSet);
  if (s.scale) objects.add(Object::HorizontalPodAutoscaler);
  if (maxReplicas(s) >= 2) objects.add(Object::PodDisruptionBudget);
  if (app.network_policies && !s.optedOut(ir::OptOut::NetworkPolicy)) objects.add(Object::NetworkPolicy);
  if (s.ingress) objects.add(Object::Ingress);
  return objects;
}

std::string_view fileNameOf(Object object) {
  switch (object) {
    case Object::ServiceAccount:
      return "serviceaccount.yaml";
    case Object::Service:
      return "service.yaml";
    case Object::Deployment:
      return "deployment.yaml";
    case Object::StatefulSet:
      return "statefulset.yaml";
    case Object::HorizontalPodAutoscaler:
      return "hpa.yaml";
    case Object::PodDisruptionBudget:
      return "pdb.yaml";
    case Object::NetworkPolicy:
      return "networkpolicy.yaml";
    case Object::Ingress:
      return "ingress.yaml";
  }
  return {};
}

void writeObject(yaml::Writer& w, Object object, const ServiceContext& ctx) {
  switch (object) {
    case Object::ServiceAccount:
      writeServiceAccount(w, ctx);
      break;
    case Object::Service:
      writeService(w, ctx);
      break;
    case Object::Deployment:
      writeWorkload(w, ctx, false);
      break;
    case Object::StatefulSet:
      writeWorkload(w, ctx, true);
      break;
    case Object::HorizontalPodAutoscaler:
      writeAutoscaler(w, ctx);
      break;
    case Object::PodDisruptionBudget:
      writeDisruptionBudget(w, ctx);
      break;
    case Object::NetworkPolicy:
      writeNetworkPolicy(w, ctx);
      break;
    case Object::Ingress:
      writeIngress(w, ctx);
      break;
  }
}

}  // namespace svcc::k8s
