#include "backends/kubernetes/kubernetes.h"

#include <algorithm>

#include "backends/header_comment.h"
#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

using ir::OptOut;

// `app` is the selector's second label, which the user may set (appLabelOf).
bool isOwnLabel(std::string_view key) { return key == "app" || ir::isSvccLabel(key); }

// svcc's labels first (they win over the user's of the same key), then the app's and
// the service's labels merged by key, the service's winning.
std::vector<Label> labelsOf(const ir::App& app, const ir::Service& s, const Selector& selector) {
  std::vector<Label> labels;
  labels.reserve(6 + app.labels.size() + s.labels.size());
  labels.push_back(selector[0]);
  if (!app.name.empty()) labels.push_back({"app.kubernetes.io/part-of", app.name});
  if (!app.version.empty()) labels.push_back({"app.kubernetes.io/version", app.version});
  labels.push_back({"app.kubernetes.io/managed-by", "svcc"});
  labels.push_back(selector[1]);
  auto a = app.labels.begin(), b = s.labels.begin();
  while (a != app.labels.end() || b != s.labels.end()) {
    const std::pair<std::string, std::string>* next;
    if (b == s.labels.end() || (a != app.labels.end() && a->first < b->first)) {
      next = &*a++;
    } else {
      if (a != app.labels.end() && a->first == b->first) ++a;
      next = &*b++;
    }
    if (!isOwnLabel(next->first)) labels.push_back({next->first, next->second});
  }
  return labels;
}

std::string optOutList(const ir::Service& s) {
  std::string list;
  for (OptOut o : s.opt_outs) {
    if (!list.empty()) list += ',';
    list += ir::optOutName(o);
  }
  return list;
}

std::vector<ServiceContext> contextsOf(const ir::App& app) {
  std::vector<ServiceContext> contexts;
  contexts.reserve(app.services.size());
  for (const ir::Service& s : app.services) {
    ServiceContext& ctx = contexts.emplace_back(ServiceContext{app, s, {}, selectorOf(s), {}, {}, {}});
    ctx.labels = labelsOf(app, s, ctx.selector);
    ctx.opt_outs = optOutList(s);
  }
  for (const ir::Service& s : app.services) {
    ServiceContext& from = contexts[static_cast<size_t>(&s - app.services.data())];
    for (const ir::Dependency& d : s.dependencies) {
      const ir::Service* target = app.findService(d.service);
      if (!target) continue;
      const ir::Port* port = d.port.empty() ? nullptr : target->findPort(d.port);
      from.dependencies.push_back({target, port});
      contexts[static_cast<size_t>(target - app.services.data())].dependents.push_back({&s, port});
    }
  }
  return contexts;
}

// The namespace enforces "restricted" unless a service gave up one of its rules; then
// it enforces "baseline" and still warns about "restricted".
bool allRestricted(const ir::App& app) {
  for (const ir::Service& s : app.services)
    for (OptOut o : {OptOut::AllowPrivilegeEscalation, OptOut::DropCapabilities, OptOut::RunAsNonRoot, OptOut::Seccomp})
      if (s.optedOut(o)) return false;
  return true;
}

void writeNamespace(yaml::Writer& w, const ir::App& app) {
  w.beginMap();
  w.pair("apiVersion", "v1");
  w.pair("kind", "Namespace");
  w.key("metadata");
  w.beginMap();
  w.pair("name", app.namespace_name);
  w.key("labels");
  w.beginMap();
  if (!app.name.empty()) w.pair("app.kubernetes.io/part-of", app.name);
  w.pair("app.kubernetes.io/managed-by", "svcc");
  bool restricted = allRestricted(app);
  w.pair("pod-security.kubernetes.io/enforce", restricted ? "restricted" : "baseline");
  if (!restricted) w.pair("pod-security.kubernetes.io/warn", "restricted");
  for (const auto& [key, value] : app.labels)
    if (!isOwnLabel(key)) w.pair(key, value);
  w.endMap();
  w.endMap();
  w.endMap();
}

// `paths` relative to k8s/, sorted.
void writeKustomization(yaml::Writer& w, const std::vector<std::string>& paths) {
  w.beginMap();
  w.pair("apiVersion", "kustomize.config.k8s.io/v1beta1");
  w.pair("kind", "Kustomization");
  w.key("resources");
  w.beginSeq();
  for (const std::string& path : paths) w.str(path);
  w.endSeq();
  w.endMap();
}

// Once the stream sink holds this much, it is handed on.
constexpr size_t kStreamChunk = 1 << 16;

}  // namespace

void emitManifests(const ir::App& app, const FileSink& sink) {
  std::vector<std::string> listed;  // for the kustomization, relative to k8s/
  std::string path;
  // Every file is written into one scratch buffer that keeps its capacity: emitting
  // touches no fresh memory beyond it, whatever the size of the app.
  std::string scratch;
  scratch.reserve(16384);
  auto emit = [&](std::string_view source_path, auto&& write) {
    scratch.clear();
    scratch += generatedHeader(source_path);
    yaml::Writer w(scratch);
    write(w);
    sink(path, scratch);
  };
  for (const ServiceContext& ctx : contextsOf(app)) {
    for (Object object : objectsOf(app, ctx.service)) {
      path.assign("k8s/").append(ctx.service.name).append("/").append(fileNameOf(object));
      listed.emplace_back(std::string_view(path).substr(4));
      emit(ctx.service.source.path, [&](yaml::Writer& w) { writeObject(w, object, ctx); });
    }
    for (const ir::Config& config : ctx.service.configs) {
      if (config.isSecret()) continue;  // the Secret is the cluster's
      path.assign("k8s/").append(ctx.service.name).append("/configmap-").append(config.name).append(".yaml");
      listed.emplace_back(std::string_view(path).substr(4));
      emit(ctx.service.source.path, [&](yaml::Writer& w) { writeConfigMap(w, ctx, config); });
    }
  }
  if (!app.namespace_name.empty()) {
    path = "k8s/namespace.yaml";
    listed.emplace_back("namespace.yaml");
    emit(app.source.path, [&](yaml::Writer& w) { writeNamespace(w, app); });
  }
  std::sort(listed.begin(), listed.end());
  path = "k8s/kustomization.yaml";
  emit(app.source.path, [&](yaml::Writer& w) { writeKustomization(w, listed); });
}

OutputSet emitManifests(const ir::App& app) {
  OutputSet files;
  emitManifests(app, [&](std::string_view path, std::string_view bytes) {
    files.emplace(std::string(path), std::string(bytes));
  });
  return files;
}

void emitStream(const ir::App& app, const ChunkSink& sink) {
  std::string out;
  out.reserve(kStreamChunk + 16384);
  bool first = true;
  auto document = [&](std::string_view source_path, auto&& write) {
    if (!first) out += "---\n";
    first = false;
    out += generatedHeader(source_path);
    yaml::Writer w(out);
    write(w);
    if (out.size() >= kStreamChunk) {
      sink(out);
      out.clear();
    }
  };
  if (!app.namespace_name.empty()) document(app.source.path, [&](yaml::Writer& w) { writeNamespace(w, app); });
  for (const ServiceContext& ctx : contextsOf(app)) {
    for (Object object : objectsOf(app, ctx.service))
      document(ctx.service.source.path, [&](yaml::Writer& w) { writeObject(w, object, ctx); });
    for (const ir::Config& config : ctx.service.configs)
      if (!config.isSecret())
        document(ctx.service.source.path, [&](yaml::Writer& w) { writeConfigMap(w, ctx, config); });
  }
  if (!out.empty()) sink(out);
}

std::string emitStream(const ir::App& app) {
  std::string stream;
  stream.reserve(app.services.size() * 6144 + 4096);  // about what a service takes
  emitStream(app, [&](std::string_view chunk) { stream += chunk; });
  return stream;
}

}  // namespace svcc::k8s
