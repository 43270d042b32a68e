#include "backends/kubernetes/kubernetes.h"

#include <algorithm>

#include "backends/kubernetes/objects.h"

namespace svcc::k8s {

namespace {

using ir::OptOut;

bool isOwnLabel(std::string_view key) {
  return key == "app" || key == "app.kubernetes.io/name" || key == "app.kubernetes.io/part-of" ||
         key == "app.kubernetes.io/version" || key == "app.kubernetes.io/managed-by";
}

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
    for (OptOut o : {OptOut::AllowPrivilegeEscalation, OptOut::DropCapabilities,
                     OptOut::RunAsNonRoot, OptOut::Seccomp})
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

void writeKustomization(yaml::Writer& w, const OutputSet& files) {
  w.beginMap();
  w.pair("apiVersion", "kustomize.config.k8s.io/v1beta1");
  w.pair("kind", "Kustomization");
  w.key("resources");
  w.beginSeq();
  for (const auto& entry : files) w.str(std::string_view(entry.first).substr(4));
  w.endSeq();
  w.endMap();
}

}  // namespace

OutputSet emitManifests(const ir::App& app) {
  OutputSet files;
  std::string path;
  // Objects are written into one scratch buffer that keeps its capacity, then copied
  // out at their exact size: one allocation per file, no regrowth.
  std::string scratch;
  scratch.reserve(16384);
  for (const ServiceContext& ctx : contextsOf(app)) {
    for (Object object : objectsOf(app, ctx.service)) {
      scratch.clear();
      appendHeader(scratch, ctx.service.source.path);
      yaml::Writer w(scratch);
      writeObject(w, object, ctx);
      path.assign("k8s/").append(ctx.service.name).append("/").append(fileNameOf(object));
      files.emplace_hint(files.end(), path, scratch);
    }
  }
  if (!app.namespace_name.empty()) {
    std::string bytes;
    appendHeader(bytes, app.source.path);
    yaml::Writer w(bytes);
    writeNamespace(w, app);
    files.emplace("k8s/namespace.yaml", std::move(bytes));
  }
  std::string bytes;
  appendHeader(bytes, app.source.path);
  yaml::Writer w(bytes);
  writeKustomization(w, files);
  files.emplace("k8s/kustomization.yaml", std::move(bytes));
  return files;
}

std::string emitStream(const ir::App& app) {
  std::string out;
  out.reserve(app.services.size() * 8192 + 512);
  bool first = true;
  auto startDocument = [&](std::string_view source_path) {
    if (!first) out += "---\n";
    first = false;
    appendHeader(out, source_path);
  };
  if (!app.namespace_name.empty()) {
    startDocument(app.source.path);
    yaml::Writer w(out);
    writeNamespace(w, app);
  }
  for (const ServiceContext& ctx : contextsOf(app)) {
    for (Object object : objectsOf(app, ctx.service)) {
      startDocument(ctx.service.source.path);
      yaml::Writer w(out);
      writeObject(w, object, ctx);
    }
  }
  return out;
}

}  // namespace svcc::k8s
