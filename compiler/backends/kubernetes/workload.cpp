#include <algorithm>

#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

using ir::OptOut;

int64_t secondsRoundedUp(int64_t ms) { return (ms + 999) / 1000; }

// The Downward API's path for a pod field of `pod("…")` (sema::podFieldNames).
std::string_view podFieldPath(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> kPaths[] = {
      {"host_ip", "status.hostIP"}, {"ip", "status.podIP"},
      {"name", "metadata.name"},    {"namespace", "metadata.namespace"},
      {"node", "spec.nodeName"},    {"service_account", "spec.serviceAccountName"},
      {"uid", "metadata.uid"},
  };
  for (const auto& [name, path] : kPaths) {
    if (name == field) return path;
  }
  throw std::logic_error("podFieldPath: unknown pod field `" + std::string(field) + "`");
}

// ConfigMaps first, then Secrets: for a key in both, the Secret's wins.
void writeEnvFrom(yaml::Writer& w, const ir::Service& s) {
  w.key("envFrom");
  w.beginSeq();
  auto source = [&](const char* ref, const std::string& name) {
    w.beginMap();
    w.key(ref);
    w.beginMap();
    w.pair("name", name);
    w.endMap();
    w.endMap();
  };
  for (const std::string& name : s.options().env_from_config_maps) source("configMapRef", name);
  for (const std::string& name : s.options().env_from_secrets) source("secretRef", name);
  w.endSeq();
}

void writeEnv(yaml::Writer& w, const std::vector<ir::EnvVar>& env) {
  w.key("env");
  w.beginSeq();
  for (const ir::EnvVar& var : env) {
    w.beginMap();
    w.pair("name", var.name);
    switch (var.kind) {
      case ir::EnvVar::Kind::Literal:
        w.pair("value", literalForExpansion(var.literal));
        break;
      case ir::EnvVar::Kind::Reference:
        // Pods reach each other through the Service, so the service port counts.
        w.pair("value", literalForExpansion(ir::referenceValue(var.reference, var.reference.service_port)));
        break;
      case ir::EnvVar::Kind::Pod:
        w.key("valueFrom");
        w.beginMap();
        w.key("fieldRef");
        w.beginMap();
        w.pair("fieldPath", podFieldPath(var.literal));
        w.endMap();
        w.endMap();
        break;
      case ir::EnvVar::Kind::Secret:
        w.key("valueFrom");
        w.beginMap();
        w.key("secretKeyRef");
        w.beginMap();
        w.pair("name", var.secret.name);
        w.pair("key", var.secret.key);
        w.endMap();
        w.endMap();
        break;
    }
    w.endMap();
  }
  w.endSeq();
}

void writeResources(yaml::Writer& w, const ir::Resources& r) {
  int64_t cpu_limit = r.cpu_limit_millis.value_or(std::max(kDefaultCpuLimitMillis, r.cpu_request_millis.value_or(0)));
  int64_t cpu_request = r.cpu_request_millis.value_or(std::min(kDefaultCpuRequestMillis, cpu_limit));
  int64_t memory_limit =
      r.memory_limit_bytes.value_or(std::max(kDefaultMemoryLimitBytes, r.memory_request_bytes.value_or(0)));
  int64_t memory_request = r.memory_request_bytes.value_or(std::min(kDefaultMemoryRequestBytes, memory_limit));
  w.key("resources");
  w.beginMap();
  w.key("requests");
  w.beginMap();
  w.pair("cpu", cpuQuantity(cpu_request));
  w.pair("memory", memoryQuantity(memory_request));
  w.endMap();
  // `..none` leaves a limit out (a namespace's LimitRange may still set one).
  if (!r.cpu_unlimited || !r.memory_unlimited) {
    w.key("limits");
    w.beginMap();
    if (!r.cpu_unlimited) w.pair("cpu", cpuQuantity(cpu_limit));
    if (!r.memory_unlimited) w.pair("memory", memoryQuantity(memory_limit));
    w.endMap();
  }
  w.endMap();
}

// `readiness`: only readiness probes take a success threshold other than 1.
void writeProbe(yaml::Writer& w, std::string_view key, const ir::Service& service, const ir::Health& h,
                bool readiness = false) {
  w.key(key);
  w.beginMap();
  switch (h.kind) {
    case ir::Health::Kind::Http:
      w.key("httpGet");
      w.beginMap();
      w.pair("path", h.path.empty() ? std::string_view("/") : std::string_view(h.path));
      w.pair("port", h.port);
      if (h.https) w.pair("scheme", "HTTPS");
      if (!h.headers.empty()) {
        w.key("httpHeaders");
        w.beginSeq();
        for (const auto& [name, value] : h.headers) {
          w.beginMap();
          w.pair("name", name);
          w.pair("value", value);
          w.endMap();
        }
        w.endSeq();
      }
      w.endMap();
      break;
    case ir::Health::Kind::Exec:
      w.key("exec");
      w.beginMap();
      w.key("command");
      w.beginSeq();
      for (const std::string& arg : h.exec) w.str(arg);
      w.endSeq();
      w.endMap();
      break;
    case ir::Health::Kind::Grpc: {
      // GRPCAction takes a number only, not a port name.
      const ir::Port* port = service.findPort(h.port);
      w.key("grpc");
      w.beginMap();
      w.pair("port", port ? port->container_port : 0u);
      if (!h.grpc_service.empty()) w.pair("service", h.grpc_service);
      w.endMap();
      break;
    }
    case ir::Health::Kind::Tcp:
      w.key("tcpSocket");
      w.beginMap();
      w.pair("port", h.port);
      w.endMap();
      break;
  }
  if (h.initial_delay_ms > 0) w.pair("initialDelaySeconds", secondsRoundedUp(h.initial_delay_ms));
  w.pair("periodSeconds", std::max<int64_t>(1, secondsRoundedUp(h.period_ms)));
  if (h.timeout_ms) w.pair("timeoutSeconds", secondsRoundedUp(*h.timeout_ms));
  if (h.failures) w.pair("failureThreshold", *h.failures);
  // Without a liveness block the liveness probe is `health`, whose `successes` is
  // readiness' alone.
  if (h.successes && (readiness || *h.successes == 1)) w.pair("successThreshold", *h.successes);
  w.endMap();
}

// `extra`: an init or sidecar container, with its own user when it has one; capabilities
// are added to the app's container alone.
void writeContainerSecurity(yaml::Writer& w, const ir::Service& s, const ir::Service* extra = nullptr) {
  w.key("securityContext");
  w.beginMap();
  if (extra && extra->user) w.pair("runAsUser", *extra->user);
  if (extra && extra->group) w.pair("runAsGroup", *extra->group);
  w.pair("allowPrivilegeEscalation", s.optedOut(OptOut::AllowPrivilegeEscalation));
  w.pair("readOnlyRootFilesystem", !s.optedOut(OptOut::ReadOnlyRootFilesystem));
  bool drop = !s.optedOut(OptOut::DropCapabilities);
  bool add = !extra && !s.options().capabilities.empty();
  if (drop || add) {
    w.key("capabilities");
    w.beginMap();
    if (add) {
      w.key("add");
      w.beginSeq();
      for (const auto& [name, why] : s.options().capabilities) w.str(name);
      w.endSeq();
    }
    if (drop) {
      w.key("drop");
      w.beginSeq();
      w.str("ALL");
      w.endSeq();
    }
    w.endMap();
  }
  w.endMap();
}

// `pre_stop` or `pre_stop_sleep`: what the kubelet runs before the stop signal. The
// sleep action needs Kubernetes 1.30 (beta, on by default; docs/outputs.md).
void writeLifecycle(yaml::Writer& w, const ir::Service& s) {
  if (s.options().pre_stop.empty() && !s.options().pre_stop_sleep_seconds) return;
  w.key("lifecycle");
  w.beginMap();
  w.key("preStop");
  w.beginMap();
  if (!s.options().pre_stop.empty()) {
    w.key("exec");
    w.beginMap();
    w.key("command");
    w.beginSeq();
    for (const std::string& arg : s.options().pre_stop) w.str(arg);  // the kubelet expands no $(VAR) here
    w.endSeq();
    w.endMap();
  } else {
    w.key("sleep");
    w.beginMap();
    w.pair("seconds", *s.options().pre_stop_sleep_seconds);
    w.endMap();
  }
  w.endMap();
  w.endMap();
}

void writePodSecurity(yaml::Writer& w, const ir::Service& s) {
  w.key("securityContext");
  w.beginMap();
  w.pair("runAsNonRoot", !s.optedOut(OptOut::RunAsNonRoot));
  if (s.user) w.pair("runAsUser", *s.user);
  if (s.group) w.pair("runAsGroup", *s.group);
  // A fresh volume is owned by root: without a group the non-root user cannot write to
  // it (postgres and redis as uid 999 fail at start). The kubelet chowns it to the group
  // once; OnRootMismatch skips the recursive walk when the ownership is already right.
  if (s.options().fs_group) {
    w.pair("fsGroup", *s.options().fs_group);
    w.pair("fsGroupChangePolicy", "OnRootMismatch");
  } else if (s.user && !s.volumes.empty()) {
    w.pair("fsGroup", s.group.value_or(*s.user));
    w.pair("fsGroupChangePolicy", "OnRootMismatch");
  }
  if (!s.optedOut(OptOut::Seccomp)) {
    w.key("seccompProfile");
    w.beginMap();
    w.pair("type", "RuntimeDefault");
    w.endMap();
  }
  w.endMap();
}

void writeArgs(yaml::Writer& w, const std::vector<std::string>& command) {
  w.key("args");
  w.beginSeq();
  for (const std::string& arg : command) w.str(literalForExpansion(arg));
  w.endSeq();
}

void writePorts(yaml::Writer& w, const std::vector<ir::Port>& ports) {
  if (ports.empty()) return;
  w.key("ports");
  w.beginSeq();
  for (const ir::Port& p : ports) {
    w.beginMap();
    w.pair("name", p.name);
    w.pair("containerPort", p.container_port);
    w.pair("protocol", transportProtocol(p.protocol));
    w.endMap();
  }
  w.endSeq();
}

// `s`: the app's service, or an extra container's body (whose ports its probes name).
void writeProbes(yaml::Writer& w, const ir::Service& s) {
  if (const ir::Health* readiness = s.readiness()) writeProbe(w, "readinessProbe", s, *readiness, true);
  if (const ir::Health* liveness = s.liveness()) writeProbe(w, "livenessProbe", s, *liveness);
  if (const ir::Health* startup = s.startup()) writeProbe(w, "startupProbe", s, *startup);
}

// A config, read-only: a single file (and a Secret's key) by subPath, beside what the
// image has in its directory; a `dir` config as the whole directory.
void writeConfigMount(yaml::Writer& w, const ir::Config& c, std::string_view path) {
  w.beginMap();
  w.pair("name", c.name);
  w.pair("mountPath", path);
  if (c.isSecret()) w.pair("subPath", c.secret.key);
  else if (!c.dir && !c.entries.empty()) w.pair("subPath", c.entries[0].key);
  w.pair("readOnly", true);
  w.endMap();
}

// An init container, or a sidecar: an init container that keeps running
// (`restartPolicy: Always`, Kubernetes 1.29; docs/outputs.md).
void writeExtraContainer(yaml::Writer& w, const ir::Service& pod, const ir::Container& c) {
  const ir::Service& b = *c.body;
  w.beginMap();
  w.pair("name", c.name);
  w.pair("image", b.image);
  // On the service's built image, args replace its CMD; an image of its own carries it.
  if (!b.command.empty() && !b.build) writeArgs(w, b.command);
  writePorts(w, b.ports);
  if (!b.env.empty()) writeEnv(w, b.env);
  writeResources(w, b.resources);
  if (c.kind == ir::Container::Kind::Sidecar) {
    w.pair("restartPolicy", "Always");
    writeProbes(w, b);
  }
  writeContainerSecurity(w, pod, &b);
  bool any = false;
  for (const auto& [name, path] : c.mounts) {
    auto config =
        std::find_if(pod.configs.begin(), pod.configs.end(), [&](const ir::Config& x) { return x.name == name; });
    if (!any) {
      w.key("volumeMounts");
      w.beginSeq();
      any = true;
    }
    if (config != pod.configs.end()) {
      writeConfigMount(w, *config, path);
      continue;
    }
    w.beginMap();
    w.pair("name", name);
    w.pair("mountPath", path);
    w.endMap();
  }
  if (any) w.endSeq();
  w.endMap();
}

void writeContainer(yaml::Writer& w, const ServiceContext& ctx, bool stateful) {
  const ir::Service& s = ctx.service;
  w.beginMap();
  w.pair("name", s.name);
  w.pair("image", s.image);
  // A built image carries its command as CMD; a plain image gets it as args.
  if (!s.build && !s.command.empty()) writeArgs(w, s.command);
  writePorts(w, s.ports);
  if (!s.options().env_from_config_maps.empty() || !s.options().env_from_secrets.empty()) writeEnvFrom(w, s);
  if (!s.env.empty()) writeEnv(w, s.env);
  writeResources(w, s.resources);
  writeProbes(w, s);
  writeLifecycle(w, s);
  writeContainerSecurity(w, s);
  bool claims = stateful && !s.volumes.empty();
  if (!s.scratch.empty() || !s.configs.empty() || claims) {
    w.key("volumeMounts");
    w.beginSeq();
    for (const ir::Config& c : s.configs) writeConfigMount(w, c, c.mount);
    for (const ir::Scratch& sc : s.scratch) {
      w.beginMap();
      w.pair("name", sc.name);
      w.pair("mountPath", sc.mount);
      w.endMap();
    }
    if (claims) {
      for (const ir::Volume& v : s.volumes) {
        w.beginMap();
        w.pair("name", v.name);
        w.pair("mountPath", v.mount);
        w.endMap();
      }
    }
    w.endSeq();
  }
  w.endMap();
}

void writePodTemplate(yaml::Writer& w, const ServiceContext& ctx, bool stateful) {
  const ir::Service& s = ctx.service;
  w.key("template");
  w.beginMap();
  w.key("metadata");
  w.beginMap();
  // The pod's labels and annotations: the service's and the app's, and its own.
  const ir::ObjectMeta& own = s.options().metadata.pod;
  w.key("labels");
  if (!own.labels.empty()) writeLabelMap(w, withLabels(ctx.labels, own.labels));
  else writeLabelMap(w, ctx.labels);
  ir::StringMap annotations = mergedMap(mergedMap(ctx.app.annotations, s.annotations), own.annotations);
  if (!annotations.empty() || !ctx.opt_outs.empty()) {
    w.key("annotations");
    w.beginMap();
    for (const auto& [key, value] : annotations) w.pair(key, value);
    if (!ctx.opt_outs.empty()) w.pair(kOptOutAnnotation, ctx.opt_outs);
    w.endMap();
  }
  w.endMap();
  w.key("spec");
  w.beginMap();
  w.pair("serviceAccountName", s.name);
  w.pair("automountServiceAccountToken", s.optedOut(OptOut::ServiceAccountToken));
  if (s.termination_grace_seconds) w.pair("terminationGracePeriodSeconds", *s.termination_grace_seconds);
  writePodSecurity(w, s);
  if (!s.options().containers.empty()) {
    w.key("initContainers");
    w.beginSeq();
    for (const ir::Container& c : s.options().containers) writeExtraContainer(w, s, c);
    w.endSeq();
  }
  w.key("containers");
  w.beginSeq();
  writeContainer(w, ctx, stateful);
  w.endSeq();
  if (!s.scratch.empty() || !s.configs.empty()) {
    w.key("volumes");
    w.beginSeq();
    for (const ir::Config& c : s.configs) {
      w.beginMap();
      w.pair("name", c.name);
      if (c.isSecret()) {
        w.key("secret");
        w.beginMap();
        w.pair("secretName", c.secret.name);
        w.key("items");
        w.beginSeq();
        w.beginMap();
        w.pair("key", c.secret.key);
        w.pair("path", c.secret.key);
        w.endMap();
        w.endSeq();
        w.endMap();
      } else {
        w.key("configMap");
        w.beginMap();
        w.pair("name", c.configmap);
        w.endMap();
      }
      w.endMap();
    }
    for (const ir::Scratch& sc : s.scratch) {
      w.beginMap();
      w.pair("name", sc.name);
      w.key("emptyDir");
      w.beginMap();
      if (sc.memory) w.pair("medium", "Memory");
      if (sc.size_bytes) w.pair("sizeLimit", memoryQuantity(sc.size_bytes));
      w.endMap();
      w.endMap();
    }
    w.endSeq();
  }
  w.endMap();
  w.endMap();
}

void writeClaimTemplates(yaml::Writer& w, const ir::Service& s) {
  w.key("volumeClaimTemplates");
  w.beginSeq();
  for (const ir::Volume& v : s.volumes) {
    w.beginMap();
    w.key("metadata");
    w.beginMap();
    w.pair("name", v.name);
    w.endMap();
    w.key("spec");
    w.beginMap();
    w.key("accessModes");
    w.beginSeq();
    w.str("ReadWriteOnce");
    w.endSeq();
    w.key("resources");
    w.beginMap();
    w.key("requests");
    w.beginMap();
    w.pair("storage", memoryQuantity(v.size_bytes));
    w.endMap();
    w.endMap();
    w.endMap();
    w.endMap();
  }
  w.endSeq();
}

}  // namespace

void writeWorkload(yaml::Writer& w, const ServiceContext& ctx, bool stateful) {
  const ir::Service& s = ctx.service;
  w.beginMap();
  w.pair("apiVersion", "apps/v1");
  w.pair("kind", stateful ? "StatefulSet" : "Deployment");
  writeMetadata(w, ctx, s.name, &s.options().metadata.workload);
  w.key("spec");
  w.beginMap();
  if (stateful) w.pair("serviceName", s.name);
  // With an autoscaler the replica count is its business, not the manifest's.
  if (!s.scale) w.pair("replicas", s.replicas);
  w.key("selector");
  writeSelector(w, ctx.selector);
  writePodTemplate(w, ctx, stateful);
  if (stateful) writeClaimTemplates(w, s);
  w.endMap();
  w.endMap();
}

}  // namespace svcc::k8s
