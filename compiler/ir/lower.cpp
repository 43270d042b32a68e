#include "ir/lower.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "base/sha256.h"
#include "ir/lower_checks.h"
#include "sema/pod_values.h"

namespace svcc::ir {

namespace {

Protocol protocolOf(sema::Protocol p) {
  switch (p) {
    case sema::Protocol::Http:
      return Protocol::Http;
    case sema::Protocol::Grpc:
      return Protocol::Grpc;
    case sema::Protocol::Tcp:
      return Protocol::Tcp;
    case sema::Protocol::Udp:
      return Protocol::Udp;
  }
  return Protocol::Tcp;
}

// A bare `cart` or `cart.grpc` stands for the address, or the host when there is no port.
RefAttribute attributeOf(sema::Attribute a, bool has_port) {
  switch (a) {
    case sema::Attribute::Port:
      return RefAttribute::Port;
    case sema::Attribute::Address:
      return RefAttribute::Address;
    case sema::Attribute::Url:
      return RefAttribute::Url;
    case sema::Attribute::Host:
      return RefAttribute::Host;
    case sema::Attribute::None:
      return has_port ? RefAttribute::Address : RefAttribute::Host;
  }
  return RefAttribute::Host;
}

Health::Kind healthKindOf(sema::Health::Kind k) {
  switch (k) {
    case sema::Health::Kind::Http:
      return Health::Kind::Http;
    case sema::Health::Kind::Grpc:
      return Health::Kind::Grpc;
    case sema::Health::Kind::Tcp:
      return Health::Kind::Tcp;
    case sema::Health::Kind::Exec:
      return Health::Kind::Exec;
  }
  return Health::Kind::Http;
}

StringMap stringMapOf(const std::vector<sema::KeyValue>& entries) {
  StringMap map;
  map.reserve(entries.size());
  for (const sema::KeyValue& kv : entries) map.emplace_back(kv.key, kv.value);
  return map;
}

BuildStep stepOf(const sema::BuildStep& step) {
  auto arg = [&](size_t i) { return i < step.args.size() ? step.args[i] : std::string(); };
  BuildStep out;
  switch (step.kind) {
    case sema::StepKind::Workdir:
      out.kind = BuildStep::Kind::Workdir;
      out.value = arg(0);
      break;
    case sema::StepKind::Run:
      out.kind = BuildStep::Kind::Run;
      out.value = arg(0);
      break;
    case sema::StepKind::User:
      out.kind = BuildStep::Kind::User;
      out.value = arg(0);
      break;
    case sema::StepKind::Env:
      out.kind = BuildStep::Kind::Env;
      out.name = step.name;
      out.value = arg(0);
      break;
    case sema::StepKind::Copy:
      out.kind = BuildStep::Kind::Copy;
      out.src = arg(0);
      out.dst = arg(1);
      break;
    case sema::StepKind::CopyFrom:
      out.kind = BuildStep::Kind::CopyFrom;
      out.stage = step.name;
      out.src = arg(0);
      out.dst = arg(1);
      break;
    case sema::StepKind::From:
    case sema::StepKind::Stage:
      break;  // structure, handled by stageSteps
  }
  return out;
}

// Fills `stage` from a list of steps: `from` sets its base, `stage` blocks become
// earlier stages, a second `from` closes the current stage as an unnamed one (as a
// second FROM does in a Dockerfile).
void stageSteps(const std::vector<sema::BuildStep>& steps, BuildStage& stage, std::vector<BuildStage>& earlier) {
  for (const sema::BuildStep& step : steps) {
    if (step.kind == sema::StepKind::Stage) {
      BuildStage named;
      named.name = step.name;
      stageSteps(step.steps, named, earlier);
      earlier.push_back(std::move(named));
    } else if (step.kind == sema::StepKind::From) {
      if (!stage.from.empty()) earlier.push_back(std::exchange(stage, BuildStage{stage.name, {}, {}}));
      stage.from = step.args.empty() ? std::string() : step.args[0];
    } else {
      stage.steps.push_back(stepOf(step));
    }
  }
}

// Relative to the app root, '/'-separated: never absolute, so the same inputs give the
// same bytes wherever the checkout lives and wherever svcc is run from.
std::string shownPath(std::string_view path, const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(std::filesystem::path(path), ec).lexically_normal();
  std::filesystem::path rel = ec ? p.filename() : p.lexically_relative(root);
  return (rel.empty() ? p.filename() : rel).generic_string();
}

class Lowerer {
 public:
  Lowerer(const sema::Model& model, const SourceManager& sources, std::filesystem::path root)
      : model_(model), sources_(sources), root_(std::move(root)) {}

  App run() {
    App app;
    const sema::App& a = model_.app;
    app.name = a.name;
    if (a.namespace_name) app.namespace_name = a.namespace_name->value;
    if (a.registry) app.registry = a.registry->value;
    if (a.version) app.version = a.version->value;
    app.labels = stringMapOf(a.labels);
    app.annotations = stringMapOf(a.annotations);
    app.network_policies = a.network_policy;
    app.services.reserve(model_.services.size());
    for (const sema::Service& s : model_.services) app.services.push_back(service(s));
    app.start_order.reserve(model_.start_order.size());
    for (sema::ServiceId id : model_.start_order) app.start_order.push_back(model_.services[id].name);
    if (a.span.file != kNoFile) {
      app.source = sourceOf(a.span);
    } else if (!app.services.empty()) {
      app.source = app.services.front().source;
    }
    canonicalize(app);
    return app;
  }

 private:
  SourceRef sourceOf(const Span& span) {
    const SourceFile& file = sources_.file(span.file);
    if (shown_paths_.size() <= span.file) shown_paths_.resize(sources_.size());
    std::string& shown = shown_paths_[span.file];
    if (shown.empty()) shown = shownPath(file.path, root_);
    return SourceRef{shown, file.locate(span.begin).line};
  }

  // `<registry>/<name>:<version>`; `name` is the service's, or `<service>-<container>`.
  std::string builtImage(std::string_view name) const {
    const sema::App& a = model_.app;
    std::string image;
    if (a.registry && !a.registry->value.empty()) image = a.registry->value + "/";
    image += name;
    image += ':';
    image += a.version && !a.version->value.empty() ? a.version->value : std::string(kFallbackImageTag);
    return image;
  }

  BuildRecipe recipe(const sema::Service& s) {
    BuildRecipe out;
    std::filesystem::path dir = std::filesystem::path(shownPath(sources_.file(s.file).path, root_)).parent_path();
    std::string context = (s.context ? dir / s.context->value : dir).lexically_normal().generic_string();
    if (context.size() > 1 && context.back() == '/') context.pop_back();
    out.context = context.empty() ? std::string(1, '.') : std::move(context);
    BuildStage final_stage;
    stageSteps(s.build->steps, final_stage, out.stages);
    out.stages.push_back(std::move(final_stage));
    out.user = s.build->user;
    return out;
  }

  EnvReference reference(const sema::Reference& ref) const {
    const sema::Service& target = model_.services[ref.service];
    EnvReference r;
    r.service = target.name;
    bool has_port = ref.port && *ref.port < target.ports.size();
    r.attribute = attributeOf(ref.attribute, has_port);
    if (has_port) {
      const sema::Port& p = target.ports[*ref.port];
      r.port = p.name;
      r.protocol = protocolOf(p.protocol);
      r.service_port = static_cast<uint32_t>(p.service_port);
      r.container_port = static_cast<uint32_t>(p.container_port);
    }
    return r;
  }

  EnvVar env(const sema::Service& owner, const sema::EnvEntry& e, Service& out) {
    EnvVar v;
    v.name = e.name;
    switch (e.kind) {
      case sema::EnvEntry::Kind::Literal:
        v.kind = EnvVar::Kind::Literal;
        v.literal = e.value;
        break;
      case sema::EnvEntry::Kind::Pod:
        v.kind = EnvVar::Kind::Pod;
        v.literal = e.value;
        break;
      case sema::EnvEntry::Kind::Secret:
        v.kind = EnvVar::Kind::Secret;
        v.secret = SecretRef{e.secret_name, e.secret_key};
        break;
      case sema::EnvEntry::Kind::Reference: {
        v.kind = EnvVar::Kind::Reference;
        v.reference = reference(e.ref);
        const EnvReference& r = v.reference;
        // A reference is an edge of the graph even when `depends on` does not repeat it.
        if (&model_.services[e.ref.service] != &owner)
          out.dependencies.push_back(Dependency{r.service, r.port, r.protocol});
        break;
      }
    }
    return v;
  }

  Service service(const sema::Service& s) {
    Service out;
    out.name = s.name;
    if (s.build) {
      out.image = builtImage(s.name);
      out.build = recipe(s);
    } else if (s.image) {
      out.image = s.image->value;
    }
    if (s.image_tools) out.image_tools = s.image_tools->value;
    if (s.command) out.command = s.command->value;
    if (s.user) {
      out.user = s.user->value;
    } else if (s.build) {
      out.user = s.build->user;
    } else if (!runsAsImageUser(s)) {
      out.user = sema::kAssumedImageUser;
      out.group = sema::kAssumedImageUser;
      out.user_assumed = true;
    }
    ports(s, out);
    out.env.reserve(s.env.size());
    for (const sema::EnvEntry& e : s.env) out.env.push_back(env(s, e, out));
    resources(s.resources, out.resources);
    probes(s, out);
    out.replicas = s.replicas ? static_cast<uint32_t>(s.replicas->value) : 1;
    if (s.termination_grace) out.termination_grace_seconds = s.termination_grace->value / 1000;
    if (s.scale) {
      Scale sc;
      sc.min = static_cast<uint32_t>(s.scale->min);
      sc.max = static_cast<uint32_t>(s.scale->max);
      if (s.scale->cpu_percent) sc.cpu_percent = static_cast<uint32_t>(*s.scale->cpu_percent);
      if (s.scale->memory_percent) sc.memory_percent = static_cast<uint32_t>(*s.scale->memory_percent);
      out.scale = sc;
    }
    out.volumes.reserve(s.volumes.size());
    for (const sema::Volume& v : s.volumes) out.volumes.push_back(Volume{v.name, v.size_bytes, v.mount});
    if (s.ingress) out.ingress = Ingress{s.ingress->host, portName(s, s.ingress->port), s.ingress->path};
    out.labels = stringMapOf(s.labels);
    out.annotations = stringMapOf(s.annotations);
    for (const sema::OptOut& o : s.opt_outs) {
      if (std::optional<OptOut> known = findOptOut(o.name)) out.opt_outs.push_back(*known);
    }
    scratch(s, out);  // after the opt-outs: the default `/tmp` depends on them
    for (const sema::ConfigFiles& c : s.configs) out.configs.push_back(config(s, c));
    std::sort(out.configs.begin(), out.configs.end(), [](const Config& a, const Config& b) { return a.name < b.name; });
    if (s.pod_options) podOptions(s, *s.pod_options, out);  // after image and scratch: containers use both
    for (const sema::Dependency& d : s.dependencies) dependency(d, out);
    out.source = sourceOf(s.span);
    return out;
  }

  Config config(const sema::Service& s, const sema::ConfigFiles& c) const {
    Config out{c.name, c.mount, c.source == sema::ConfigFiles::Source::Dir, {}, {}, {}};
    if (c.source == sema::ConfigFiles::Source::Secret) {
      out.secret = SecretRef{c.secret_name, c.secret_key};
      return out;
    }
    // The hash covers every key and text with their lengths, so that no two contents
    // share a preimage.
    std::string hashed;
    for (const sema::ConfigFiles::Entry& e : c.entries) {
      Config::Entry& entry = out.entries.emplace_back(Config::Entry{e.key, e.bytes, std::nullopt, {}});
      // Compose dials the container port: its copy of the file differs where a port does.
      std::string compose;
      for (const sema::ConfigFiles::Piece& p : e.pieces) {
        if (!p.ref) {
          compose += p.text;
          continue;
        }
        const EnvReference& r = entry.references.emplace_back(reference(*p.ref));
        compose += referenceValue(r, r.container_port);
      }
      if (!e.pieces.empty() && compose != e.bytes) entry.compose_text = std::move(compose);
      hashed += std::to_string(e.key.size()) + ":" + e.key + std::to_string(e.bytes.size()) + ":" + e.bytes;
    }
    out.configmap = s.name + "-" + c.name + "-" + sha256Hex(hashed).substr(0, 10);
    return out;
  }

  // The service's scratch spaces, and the default `/tmp` a read-only root filesystem needs
  // unless the service mounts something of its own there.
  static void scratch(const sema::Service& s, Service& out) {
    for (const sema::Scratch& sc : s.scratch)
      out.scratch.push_back(Scratch{sc.name, sc.mount, sc.size_bytes, sc.memory});
    bool tmp_taken = false;
    for (const sema::PodMount& m : sema::podMounts(s))
      tmp_taken = tmp_taken || sema::normalMountPath(m.mount) == kScratchMount || m.name == kScratchVolume;
    if (!tmp_taken && !out.optedOut(OptOut::ReadOnlyRootFilesystem)) {
      out.scratch.push_back(Scratch{std::string(kScratchVolume), std::string(kScratchMount), 0, false});
    }
    std::sort(out.scratch.begin(), out.scratch.end(),
              [](const Scratch& a, const Scratch& b) { return a.name < b.name; });
  }

  // `run_as_non_root` given up: the image's own USER applies, whoever it is.
  static bool runsAsImageUser(const sema::Service& s) {
    for (const sema::OptOut& o : s.opt_outs) {
      if (o.name == "run_as_non_root") return true;
    }
    return false;
  }

  void podOptions(const sema::Service& s, const sema::PodOptions& in, Service& service) {
    if (in.group) service.group = in.group->value;
    auto out = std::make_shared<PodOptions>();
    for (const auto& c : in.env_from_config_maps) out->env_from_config_maps.push_back(c.value);
    for (const auto& c : in.env_from_secrets) out->env_from_secrets.push_back(c.value);
    if (in.pre_stop) out->pre_stop = in.pre_stop->value;
    if (in.pre_stop_sleep) out->pre_stop_sleep_seconds = in.pre_stop_sleep->value / 1000;
    if (in.stop_signal) out->stop_signal = in.stop_signal->value;
    if (in.fs_group) out->fs_group = in.fs_group->value;
    for (const sema::KeyValue& c : in.capabilities) out->capabilities.emplace_back(c.key, c.value);
    auto meta = [](const sema::ObjectMetadata& m) {
      return ObjectMeta{stringMapOf(m.labels), stringMapOf(m.annotations)};
    };
    const sema::Metadata& m = in.metadata;
    out->metadata = Metadata{meta(m.pod), meta(m.workload), meta(m.service), meta(m.ingress), meta(m.service_account)};
    for (const sema::PodOptions::Wait& w : in.waits) out->containers.push_back(wait(s, w, service));
    for (const sema::Container& c : in.containers) out->containers.push_back(container(s, c, service));
    service.pod_options = std::move(out);
  }

  // `depends on ready(db)`: an init container that connects to db's port until it
  // answers. Host and port come as references, so that each backend fills in its own
  // (the Service port in Kubernetes, the container port in compose).
  Container wait(const sema::Service& pod, const sema::PodOptions::Wait& w, Service& pod_out) {
    const sema::Service& target = model_.services[w.ref.service];
    const sema::Port& port = target.ports[*w.ref.port];
    auto body = std::make_shared<Service>();
    body->name = w.container;
    body->image = std::string(kWaitImage);
    body->image_tools = std::vector<std::string>{"nc", "sh"};
    body->user = body->group = sema::kAssumedImageUser;  // BusyBox runs as any uid
    body->command = {"sh", "-c",
                     "until nc -z \"$SVCC_WAIT_HOST\" \"$SVCC_WAIT_PORT\"; do echo \"waiting for " + target.name + "." +
                         port.name + "\"; sleep 2; done"};
    for (auto [name, attribute] :
         {std::pair{"SVCC_WAIT_HOST", sema::Attribute::Host}, std::pair{"SVCC_WAIT_PORT", sema::Attribute::Port}}) {
      sema::EnvEntry e;
      e.kind = sema::EnvEntry::Kind::Reference;
      e.name = name;
      e.ref = w.ref;
      e.ref.attribute = attribute;
      body->env.push_back(env(pod, e, pod_out));
    }
    body->resources.cpu_request_millis = 10;
    body->resources.cpu_limit_millis = 50;
    body->resources.memory_request_bytes = int64_t{16} << 20;
    body->resources.memory_limit_bytes = int64_t{32} << 20;
    body->source = sourceOf(w.ref.span);
    Container out;
    out.kind = Container::Kind::Init;
    out.name = w.container;
    out.own_image = true;
    out.waits_for = target.name;
    out.body = std::move(body);
    return out;
  }

  // An extra container: what its block sets, the pod's image where it names none. A user
  // of its own wins over the pod's; another image without one gets svcc's assumed user,
  // as a service's plain image does.
  Container container(const sema::Service& pod, const sema::Container& c, Service& pod_out) {
    const sema::Service& b = *c.body;
    auto body = std::make_shared<Service>();
    // Its own image is built as `<service>-<container>`, the name of its Dockerfile's
    // folder and of its compose service.
    body->name = pod.name + "-" + c.name;
    if (b.build) {
      body->image = builtImage(body->name);
      body->build = recipe(b);
    } else {
      body->image = b.image ? b.image->value : pod_out.image;
    }
    if (b.image_tools) body->image_tools = b.image_tools->value;
    else if (!b.image && !b.build) body->image_tools = pod_out.image_tools;
    if (b.command) body->command = b.command->value;
    if (b.user) {
      body->user = b.user->value;
    } else if (b.build) {
      body->user = b.build->user;
    } else if (b.image && !runsAsImageUser(pod)) {
      body->user = sema::kAssumedImageUser;
      body->group = sema::kAssumedImageUser;
      body->user_assumed = true;
    }
    ports(b, *body);
    for (const sema::EnvEntry& e : b.env) body->env.push_back(env(pod, e, pod_out));  // the pod's edges
    auto by_name = [](const auto& x, const auto& y) { return x.name < y.name; };
    std::sort(body->ports.begin(), body->ports.end(), by_name);
    std::sort(body->env.begin(), body->env.end(), by_name);
    resources(b.resources, body->resources);
    probes(b, *body);
    body->source = sourceOf(c.span);
    Container out;
    out.kind = c.kind == sema::Container::Kind::Sidecar ? Container::Kind::Sidecar : Container::Kind::Init;
    out.name = c.name;
    out.own_image = b.image || b.build;
    out.mounts = stringMapOf(c.mounts);
    // The default `/tmp` beside the read-only root, as the app container has it.
    bool tmp_taken = false;
    for (const auto& [name, path] : out.mounts) tmp_taken = tmp_taken || sema::normalMountPath(path) == kScratchMount;
    bool pod_tmp = std::any_of(pod_out.scratch.begin(), pod_out.scratch.end(),
                               [](const Scratch& sc) { return sc.name == kScratchVolume; });
    if (pod_tmp && !tmp_taken &&
        std::none_of(out.mounts.begin(), out.mounts.end(), [](const auto& m) { return m.first == kScratchVolume; })) {
      out.mounts.emplace_back(std::string(kScratchVolume), std::string(kScratchMount));
      std::sort(out.mounts.begin(), out.mounts.end());
    }
    out.body = std::move(body);
    return out;
  }

  static void resources(const sema::Resources& in, Resources& out) {
    if (in.cpu_request) out.cpu_request_millis = in.cpu_request->value;
    if (in.cpu_limit) out.cpu_limit_millis = in.cpu_limit->value;
    if (in.memory_request) out.memory_request_bytes = in.memory_request->value;
    if (in.memory_limit) out.memory_limit_bytes = in.memory_limit->value;
    out.cpu_unlimited = in.cpu_no_limit.valid();
    out.memory_unlimited = in.memory_no_limit.valid();
  }

  // A service's ports, or an extra container's.
  static void ports(const sema::Service& s, Service& out) {
    out.ports.reserve(s.ports.size());
    for (const sema::Port& p : s.ports) {
      out.ports.push_back(Port{p.name, protocolOf(p.protocol), static_cast<uint32_t>(p.service_port),
                               static_cast<uint32_t>(p.container_port)});
    }
  }

  // `health` and the probes that differ from it, of a service or an extra container.
  static void probes(const sema::Service& s, Service& out) {
    if (s.health) out.health = health(s, *s.health);
    if (!s.probes) return;
    auto probes = std::make_shared<Service::Probes>();
    if (s.probes->readiness) probes->readiness = health(s, *s.probes->readiness);
    if (s.probes->liveness) probes->liveness = health(s, *s.probes->liveness);
    if (s.probes->startup) probes->startup = health(s, *s.probes->startup);
    out.probes = std::move(probes);
  }

  static std::string portName(const sema::Service& s, sema::PortId id) {
    return id < s.ports.size() ? s.ports[id].name : std::string();
  }

  static Health health(const sema::Service& s, const sema::Health& h) {
    Health out;
    out.kind = healthKindOf(h.kind);
    if (out.kind == Health::Kind::Http) {
      out.path = h.path;
      out.https = h.https;
      out.headers = h.headers;
    }
    if (out.kind == Health::Kind::Grpc) out.grpc_service = h.grpc_service;
    if (out.kind == Health::Kind::Exec) out.exec = h.exec.value;
    else out.port = portName(s, h.port);
    out.initial_delay_ms = h.initial_delay_ms.value_or(0);
    out.period_ms = h.period_ms.value_or(10000);
    out.timeout_ms = h.timeout_ms;
    out.failures = h.failures;
    out.successes = h.successes;
    return out;
  }

  // One IR edge per port used; an edge to the service as a whole has no port.
  void dependency(const sema::Dependency& d, Service& out) const {
    const sema::Service& target = model_.services[d.service];
    if (d.ports.empty()) {
      out.dependencies.push_back(Dependency{target.name, "", Protocol::Tcp});
      return;
    }
    for (sema::PortId id : d.ports) {
      if (id >= target.ports.size()) continue;
      const sema::Port& p = target.ports[id];
      out.dependencies.push_back(Dependency{target.name, p.name, protocolOf(p.protocol)});
    }
  }

  const sema::Model& model_;
  const SourceManager& sources_;
  std::filesystem::path root_;
  std::vector<std::string> shown_paths_;  // by FileId, filled on first use
};

}  // namespace

App lower(const sema::Model& model, const SourceManager& sources, Diagnostics& /*diags*/,
          const std::filesystem::path& root) {
  std::error_code ec;
  return Lowerer(model, sources, root.empty() ? std::filesystem::current_path(ec) : root).run();
}

}  // namespace svcc::ir
