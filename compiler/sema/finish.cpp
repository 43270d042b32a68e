#include "sema/finish.h"

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "sema/names.h"
#include "sema/pod_values.h"
#include "sema/schema.h"
#include "sema/units.h"

namespace svcc::sema {
namespace {

std::string fromWhere(const Layer& layer) { return layer.origin.empty() ? "" : " by " + std::string(layer.origin); }

class Finisher {
 public:
  Finisher(const Draft& d, ServiceId id, Service& s, References& refs, Diagnostics& diags)
      : d_(d), id_(id), s_(s), refs_(refs), diags_(diags) {}

  void run() {
    imageOrBuild();
    imageTools();
    if (auto v = text(FieldId::Context)) s_.context = Located<std::string>{*v, get(FieldId::Context)->value.span};
    command();
    if (const Entry* e = number(FieldId::User)) s_.user = Located<int64_t>{e->value.number, e->value.span};
    if (const Entry* e = number(FieldId::Replicas)) {
      s_.replicas = Located<int32_t>{static_cast<int32_t>(e->value.number), e->value.span};
    }
    scale();
    resources();
    health();
    env();
    envFrom(FieldId::EnvFromConfigMaps, "ConfigMap", &PodOptions::env_from_config_maps);
    envFrom(FieldId::EnvFromSecrets, "Secret", &PodOptions::env_from_secrets);
    volumes();
    scratchSpaces();
    configs();
    ingress();
    labels(FieldId::Labels, s_.labels);
    labels(FieldId::Annotations, s_.annotations);
    optOuts();
    rootUser();
    shutdown();
    groups();
    capabilities();
    containers();
    for (const DependsDraft& dep : d_.depends) {
      std::optional<Reference> r = refs_.resolve(dep.path, dep.span, id_, true);
      if (r && dep.ready) waitFor(*r, dep);
    }
    nameWaits();
    requireEveryFieldRead();
  }

  // `depends on ready(db)`: a wait for the port to accept connections (a TCP connect to
  // its Service, which only answers once a pod is ready), before the pod's containers.
  void waitFor(const Reference& r, const DependsDraft& dep) {
    const Service& target = refs_.service(r.service);
    if (!r.port) {
      diags_.report(Code::E0346, dep.call, "`" + target.name + "` has no port to wait for")
          .label("`ready(…)` waits until a port accepts connections")
          .secondaryLabel(target.span, "service declared here")
          .withHelp("write `depends on " + target.name + "`: it starts without waiting");
      return;
    }
    const Port& port = target.ports[*r.port];
    if (port.protocol == Protocol::Udp) {
      diags_.report(Code::E0346, dep.call, "UDP port `" + target.name + "." + port.name + "` cannot be waited for")
          .label("UDP accepts no connections to wait for")
          .secondaryLabel(port.span, "declared here")
          .withHelp("wait for a TCP port of `" + target.name + "`, or write `depends on " + target.name + "`");
      return;
    }
    std::vector<PodOptions::Wait>& waits = options().waits;
    auto same = [&](const PodOptions::Wait& w) { return w.ref.service == r.service && w.ref.port == r.port; };
    if (std::any_of(waits.begin(), waits.end(), same)) return;
    waits.push_back({r, {}});
    std::sort(waits.begin(), waits.end(), [](const PodOptions::Wait& a, const PodOptions::Wait& b) {
      return std::pair(a.ref.service, a.ref.port) < std::pair(b.ref.service, b.ref.port);
    });
  }

  // The wait containers' names, once every wait is known, unique among the pod's
  // containers and valid Kubernetes names.
  void nameWaits() {
    if (!s_.pod_options || s_.pod_options->waits.empty()) return;
    std::vector<PodOptions::Wait>& waits = s_.pod_options->waits;
    for (PodOptions::Wait& w : waits) {
      const Service& target = refs_.service(w.ref.service);
      auto of_target = [&](const PodOptions::Wait& x) { return x.ref.service == w.ref.service; };
      bool several = std::count_if(waits.begin(), waits.end(), of_target) > 1;
      w.container = "wait-" + target.name + (several ? "-" + target.ports[*w.ref.port].name : "");
      auto named = [&](const Container& c) { return c.name == w.container; };
      const std::vector<Container>& containers = s_.pod_options->containers;
      if (auto c = std::find_if(containers.begin(), containers.end(), named); c != containers.end()) {
        diags_
            .report(Code::E0207, c->span,
                    "container `" + c->name + "` has the name of a wait for `" + target.name + "`")
            .label("named here")
            .secondaryLabel(w.ref.span, "`ready(…)` adds an init container `" + w.container + "`")
            .withHelp("rename this container");
      } else if (auto why = checkRfc1123Label(w.container)) {
        diags_
            .report(Code::E0307, w.ref.span, "the wait container `" + w.container + "` is not a valid Kubernetes name")
            .label(*why)
            .withHelp("a container name is at most 63 characters: shorten the service or port name");
      }
    }
  }

  // An extra container's body, read by this Finisher's own readers: `s_` is the body, `pod`
  // the service whose pod it runs in.
  void runContainer(const Service& pod, bool sidecar) {
    pod_ = &pod;
    const Entry* image = get(FieldId::Image);
    if (image && image->value.hasRefs()) {
      diags_.report(Code::E0306, image->value.span, "an image cannot refer to a service")
          .label("service reference in an image");
    } else if (image) {
      s_.image = Located<std::string>{image->value.plainText(), image->value.span};
    }
    bool own_image = s_.image.has_value();
    imageTools();
    if (!own_image) {  // checks of exec commands see the image it runs
      s_.image = pod.image;
      if (!find(FieldId::ImageTools)) s_.image_tools = pod.image_tools;
    }
    command();
    if (const Entry* e = number(FieldId::User)) s_.user = Located<int64_t>{e->value.number, e->value.span};
    s_.opt_outs = pod.opt_outs;
    rootUser();
    resources();
    if (sidecar) {
      health();
    } else if (const Entry* e = firstOf(FieldId::HealthBlock); e || !s_.ports.empty()) {
      Span at = e ? e->stmt : s_.ports.front().span;
      diags_.report(Code::E0322, at, std::string(e ? "`health`" : "a port") + " in init container `" + s_.name + "`")
          .label("an init container runs to completion before the app starts: nothing probes or dials it")
          .withHelp("make it a `sidecar` if it serves while the app runs, or remove it");
    }
    env();
    containerMounts();
    if (!own_image) s_.image.reset();
    requireEveryFieldRead();
  }

 private:
  // Every access goes through here, so that what a source set and nothing read is seen.
  const Entry* find(FieldId id) const {
    read_.set(static_cast<size_t>(id));
    return d_.fields.find(draftKey(id));
  }
  // A field of a named block (`volume data { size = … }`), read through here for the
  // same reason.
  const Entry* find(const NamedDraft& block, FieldId id) const {
    read_.set(static_cast<size_t>(id));
    return block.find(id);
  }
  // The named blocks of one kind (`volume`, `scratch`), in the order of their first layer.
  std::vector<const NamedDraft*> namedOf(FieldId kind) const {
    std::vector<const NamedDraft*> out;
    for (const auto& [key, block] : d_.named.items())
      if (block.kind == kind) out.push_back(&block);
    return out;
  }
  const Entry* get(FieldId key) const {
    const Entry* e = find(key);
    return e && e->value.ok() ? e : nullptr;
  }
  const Entry* number(FieldId key) const {
    const Entry* e = get(key);
    return e && (e->value.kind == Value::Kind::Int || e->value.kind == Value::Kind::Percent) ? e : nullptr;
  }
  std::optional<std::string> text(FieldId key) {
    const Entry* e = get(key);
    if (!e || e->value.kind != Value::Kind::Text) return std::nullopt;
    return refs_.resolveText(e->value, id_);
  }
  std::optional<bool> flag(FieldId key) const {
    const Entry* e = get(key);
    if (!e || e->value.kind != Value::Kind::Bool) return std::nullopt;
    return e->value.flag;
  }

  void imageOrBuild() {
    const Entry* image = find(FieldId::Image);
    if (image && image->value.ok()) {
      if (image->value.hasRefs()) {
        diags_.report(Code::E0306, image->value.span, "an image cannot refer to a service")
            .label("service reference in an image");
      } else {
        s_.image = Located<std::string>{image->value.plainText(), image->value.span};
      }
    }
    if (d_.build) s_.build = d_.build->recipe;
    if (image && d_.build) {
      diags_.report(Code::E0311, image->stmt, "service `" + s_.name + "` has both `image` and `build`")
          .label("`image` set here" + fromWhere(image->layer))
          .secondaryLabel(d_.build->recipe.span, "`build` set here" + fromWhere(d_.build->layer))
          .withHelp("keep one: a plain image to run, or a recipe to build");
    } else if (!image && !d_.build && !d_.incomplete) {
      diags_.report(Code::E0312, s_.span, "service `" + s_.name + "` has neither `image` nor `build`")
          .label("nothing to run")
          .withHelp(
              "set `image = \"…\"`, write a `build { … }` recipe or use a template such as "
              "`runtime.python`");
    }
  }

  // `image_tools = [...]` speaks about the image of its own layer or an earlier one: a
  // later layer that replaced `image` or `build` (a service body building its own
  // recipe over `runtime.python`) runs another image, so the statement is dropped and
  // the tools count as unknown (compose then emits no check; lint says so, W1014).
  void imageTools() {
    const Entry* e = get(FieldId::ImageTools);
    if (!e || e->value.kind != Value::Kind::List) return;
    uint32_t image_layer = 0;
    if (const Entry* image = find(FieldId::Image)) image_layer = image->layer.id;
    if (d_.build) image_layer = std::max(image_layer, d_.build->layer.id);
    if (image_layer > e->layer.id) {
      s_.image_tools_dropped = e->value.span;
      return;
    }
    auto names = imageToolNames();
    std::vector<std::string> tools;
    bool ok = true;
    for (const Value& item : e->value.items) {
      std::string name = item.plainText();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        tools.push_back(std::move(name));
        continue;
      }
      ok = false;
      std::string list = quotedList(names);
      auto& d = diags_.report(Code::E0335, item.span, "unknown image tool `" + name + "`")
                    .label("not a shell or tool svcc can use in a health check");
      if (auto near = nearestName(name, names)) {
        d.withHelp("did you mean `" + *near + "`? The tools are " + list)
            .fix(item.span, "\"" + *near + "\"", "replace with `" + *near + "`");
      } else {
        d.withHelp("the tools are " + list + "; leave out the ones svcc has no use for");
      }
    }
    if (!ok) return;
    std::sort(tools.begin(), tools.end());
    tools.erase(std::unique(tools.begin(), tools.end()), tools.end());
    s_.image_tools = Located<std::vector<std::string>>{std::move(tools), e->value.span};
  }

  void command() {
    const Entry* e = get(FieldId::Command);
    if (!e || e->value.kind != Value::Kind::List) return;
    std::vector<std::string> args;
    for (const Value& item : e->value.items) {
      std::optional<std::string> t = item.kind == Value::Kind::Text ? refs_.resolveText(item, id_) : std::nullopt;
      if (!t) return;
      args.push_back(std::move(*t));
    }
    s_.command = Located<std::vector<std::string>>{std::move(args), e->value.span};
  }

  void scale() {
    bool any = false;
    constexpr FieldId kScale[] = {FieldId::ScaleMin, FieldId::ScaleMax, FieldId::ScaleCpu, FieldId::ScaleMemory};
    for (FieldId k : kScale) any = find(k) || any;
    if (!any) return;
    Scale sc;
    const Entry* first = nullptr;
    for (FieldId k : kScale) {
      if (const Entry* e = find(k); e && !first) first = e;
    }
    sc.span = first->stmt;
    const Entry* min = number(FieldId::ScaleMin);
    const Entry* max = number(FieldId::ScaleMax);
    if (min) sc.min = static_cast<int32_t>(min->value.number);
    sc.max = max ? static_cast<int32_t>(max->value.number) : sc.min;
    if (const Entry* e = number(FieldId::ScaleCpu)) sc.cpu_percent = static_cast<int32_t>(e->value.number);
    if (const Entry* e = number(FieldId::ScaleMemory)) sc.memory_percent = static_cast<int32_t>(e->value.number);
    if (min && max && sc.min > sc.max) {
      diags_
          .report(Code::E0313, min->value.span,
                  "`scale.min` (" + std::to_string(sc.min) + ") is above `scale.max` (" + std::to_string(sc.max) + ")")
          .label("min set here" + fromWhere(min->layer))
          .secondaryLabel(max->value.span, "max set here" + fromWhere(max->layer))
          .withHelp("make `min` at most `max`");
    } else if (s_.replicas && (s_.replicas->value < sc.min || s_.replicas->value > sc.max)) {
      const Entry* r = get(FieldId::Replicas);
      diags_
          .report(Code::E0314, s_.replicas->span,
                  "`replicas = " + std::to_string(s_.replicas->value) + "` is outside `scale` (" +
                      std::to_string(sc.min) + ".." + std::to_string(sc.max) + ")")
          .label("replicas set here" + fromWhere(r->layer))
          .secondaryLabel(sc.span, "scale set here")
          .withHelp("set `replicas` between " + std::to_string(sc.min) + " and " + std::to_string(sc.max) +
                    ", or drop it and let the autoscaler decide");
    }
    s_.scale = sc;
  }

  void resources() {
    auto split = [&](FieldId key, std::optional<Located<int64_t>>& request, std::optional<Located<int64_t>>& limit,
                     Span& no_limit) {
      const Entry* e = get(key);
      if (!e) return;
      const Value& v = e->value;
      if (v.kind == Value::Kind::Range && v.items.size() == 1) {
        request = Located<int64_t>{v.items[0].number, v.items[0].span};
        no_limit = v.span;
      } else if (v.kind == Value::Kind::Range) {
        request = Located<int64_t>{v.items[0].number, v.items[0].span};
        limit = Located<int64_t>{v.items[1].number, v.items[1].span};
      } else if (v.kind == Value::Kind::Quantity) {
        request = limit = Located<int64_t>{v.number, v.span};
      }
    };
    split(FieldId::ResourcesCpu, s_.resources.cpu_request, s_.resources.cpu_limit, s_.resources.cpu_no_limit);
    split(FieldId::ResourcesMemory, s_.resources.memory_request, s_.resources.memory_limit,
          s_.resources.memory_no_limit);
  }

  // The port named by `key`, or the only port that fits when `key` is not set.
  std::optional<PortId> portNamed(FieldId key, Span fallback_span, const char* block) {
    const Entry* e = find(key);
    if (e && !e->value.ok()) return std::nullopt;
    if (e) {
      std::string name = ast::pathText(e->value.path);
      for (PortId p = 0; p < s_.ports.size(); ++p) {
        if (s_.ports[p].name == name) return p;
      }
      if (d_.incomplete) return std::nullopt;
      auto& d = diags_.report(Code::E0323, e->value.span, "service `" + s_.name + "` has no port `" + name + "`")
                    .label("not a port of this service");
      std::vector<std::string_view> names;
      for (const Port& p : s_.ports) names.push_back(p.name);
      std::sort(names.begin(), names.end());
      if (auto near = nearestName(name, names)) {
        d.withHelp("did you mean `" + *near + "`?").fix(e->value.span, *near, "replace with `" + *near + "`");
      } else if (names.empty()) {
        d.withHelp("declare it: `port " + name + " = …`");
      } else {
        std::string list = quotedList(names);
        d.withHelp("its ports are " + list);
      }
      return std::nullopt;
    }
    if (s_.ports.size() == 1) return 0;
    if (d_.incomplete) return std::nullopt;
    diags_.report(Code::E0324, fallback_span, std::string("`") + block + "` does not say which port")
        .label(s_.ports.empty() ? "the service has no ports" : "the service has several ports")
        .withHelp("set `" + std::string(field(key).name) + " = PORT` in `" + block + "`");
    return std::nullopt;
  }

  // The first entry set in `block` (a Block or Map field), which counts as read.
  const Entry* firstOf(FieldId block) const {
    read_.set(static_cast<size_t>(block));
    std::string_view prefix = draftKey(block);
    for (const auto& [key, e] : d_.fields.items()) {
      if (key.size() > prefix.size() && key[prefix.size()] == '.' && key.starts_with(prefix)) return &e;
    }
    return nullptr;
  }

  // Probe timings are whole seconds in Kubernetes: `1500ms` would be silently cut.
  std::optional<int64_t> seconds(FieldId key, int64_t min_ms, bool probe = true) {
    const Entry* e = get(key);
    if (!e || e->value.kind != Value::Kind::Quantity) return std::nullopt;
    int64_t ms = e->value.number;
    if (ms % 1000 == 0 && ms >= min_ms) return ms;
    diags_
        .report(Code::E0303, e->value.span,
                "`" + renderDuration(ms) + (ms % 1000 ? "` is not a whole number of seconds" : "` is below `1s`"))
        .label(probe ? "probe timings count in seconds" : "`" + std::string(field(key).name) + "` counts in seconds")
        .withHelp(std::string(probe ? "Kubernetes probes take" : "Kubernetes takes it in") +
                  " whole seconds: write e.g. `" + renderDuration((ms / 1000 + 1) * 1000) + "`");
    return std::nullopt;
  }

  // The fields one probe block reads: `health` itself, or one of its three probes.
  struct ProbeFields {
    FieldId block, path, port, grpc, tcp, exec, initial_delay, period, timeout, failures, scheme, headers, grpc_service,
        successes;
    const char* name;
    // Kubernetes takes a success threshold other than 1 on readiness probes only.
    bool takes_successes;
  };
#define SVCC_PROBE(P, n, successes)                                   \
  static constexpr ProbeFields k##P##Fields{FieldId::P##Block,        \
                                            FieldId::P##Path,         \
                                            FieldId::P##Port,         \
                                            FieldId::P##Grpc,         \
                                            FieldId::P##Tcp,          \
                                            FieldId::P##Exec,         \
                                            FieldId::P##InitialDelay, \
                                            FieldId::P##Period,       \
                                            FieldId::P##Timeout,      \
                                            FieldId::P##Failures,     \
                                            FieldId::P##Scheme,       \
                                            FieldId::P##Headers,      \
                                            FieldId::P##GrpcService,  \
                                            FieldId::P##Successes,    \
                                            n,                        \
                                            successes};
  SVCC_PROBE(Health, "health", true)
  SVCC_PROBE(Readiness, "readiness", true)
  SVCC_PROBE(Liveness, "liveness", false)
  SVCC_PROBE(Startup, "startup", false)
#undef SVCC_PROBE

  void health() {
    std::optional<Health> base = probe(kHealthFields, nullptr);
    if (!base) return;  // not written, or wrong (reported): the probes would echo it
    s_.health = base;
    const Health* from = &*base;
    Service::Probes probes{probe(kReadinessFields, from), probe(kLivenessFields, from), probe(kStartupFields, from)};
    if (probes.startup) startupBudget(*probes.startup, from);
    if (probes.readiness || probes.liveness || probes.startup)
      s_.probes = std::make_shared<const Service::Probes>(std::move(probes));
  }

  // A probe block: what it sets, over `base` (null for `health` itself, or when the
  // service has no `health`). Absent when the block is not written or is wrong.
  std::optional<Health> probe(const ProbeFields& f, const Health* base) {
    const Entry* any = firstOf(f.block);
    if (!any) return std::nullopt;
    Health h = base ? *base : Health{};
    h.span = any->stmt;
    // Only one of `port`, `grpc` and `tcp` decides; the others are read and ignored. A
    // probe that names none of them (nor `path`) checks what `health` checks.
    bool exec = find(f.exec) != nullptr;
    bool grpc = find(f.grpc) != nullptr, tcp = find(f.tcp) != nullptr, port_set = find(f.port) != nullptr;
    std::optional<std::string> path = text(f.path);
    bool handler = exec || grpc || tcp || port_set || path || find(f.path) || !base;
    FieldId key = grpc ? f.grpc : tcp ? f.tcp : f.port;
    if (handler) {
      h.kind = exec ? Health::Kind::Exec : grpc ? Health::Kind::Grpc : tcp ? Health::Kind::Tcp : Health::Kind::Http;
      h.path = path ? *path : base && base->kind == Health::Kind::Http ? base->path : "/";
      if (h.kind != Health::Kind::Http) h.https = false, h.headers.clear();
      if (h.kind != Health::Kind::Grpc) h.grpc_service.clear();
    }
    if (auto ms = seconds(f.initial_delay, 0)) h.initial_delay_ms = ms;
    if (auto ms = seconds(f.period, 1000)) h.period_ms = ms;
    if (auto ms = seconds(f.timeout, 1000)) h.timeout_ms = ms;
    if (const Entry* e = number(f.failures)) h.failures = static_cast<int32_t>(e->value.number);
    if (!successes(h, f) || !handlerOptions(h, f)) return std::nullopt;
    if (h.kind == Health::Kind::Exec) {
      if (exec && !execCommand(f.exec, h.exec)) return std::nullopt;
      execNeedsTool(h.exec, std::string("`") + f.name + "` exec probe");
      return timeoutFits(h, f) ? std::optional<Health>(h) : std::nullopt;
    }
    if (base && !handler) return timeoutFits(h, f) ? std::optional<Health>(h) : std::nullopt;
    // `readiness { path = "/ready" }` asks the port `health` asks.
    bool same_port = !grpc && !tcp && !port_set && base && base->kind != Health::Kind::Exec;
    std::optional<PortId> port = same_port ? base->port : portNamed(key, h.span, f.name);
    if (!port) return std::nullopt;
    if (const Port& p = s_.ports[*port]; p.protocol == Protocol::Udp) {
      const Entry* e = find(key);
      static constexpr const char* kKinds[] = {"an HTTP", "a gRPC", "a TCP"};
      diags_
          .report(Code::E0327, e ? e->value.span : h.span,
                  std::string(kKinds[static_cast<int>(h.kind)]) + " health check on the UDP port `" + p.name + "`")
          .label("the probe connects over TCP")
          .secondaryLabel(p.span, "declared here as UDP")
          .withHelp("probe a TCP, HTTP or gRPC port of the service, or drop `health`");
      return std::nullopt;
    }
    h.port = *port;
    return timeoutFits(h, f) ? std::optional<Health>(h) : std::nullopt;
  }

  // `successes`: readiness may ask for several passes in a row; Kubernetes rejects any
  // other value than 1 on liveness and startup probes (E0336), which drop what `health`
  // says for readiness.
  bool successes(Health& h, const ProbeFields& f) {
    const Entry* e = number(f.successes);
    if (!e) {
      if (!f.takes_successes) h.successes.reset();
      return true;
    }
    if (f.takes_successes || e->value.number == 1) {
      h.successes = static_cast<int32_t>(e->value.number);
      return true;
    }
    diags_.report(Code::E0336, e->value.span, std::string("a ") + f.name + " probe with `successes` other than 1")
        .label("Kubernetes requires 1 here")
        .withHelp("set `successes` in `health` or `readiness`: only readiness waits for several passes in a row");
    return false;
  }

  // `scheme` and `headers` are for HTTP probes, `grpc_service` for gRPC ones.
  bool handlerOptions(Health& h, const ProbeFields& f) {
    bool ok = true;
    auto misplaced = [&](FieldId id, Health::Kind kind, const char* what) {
      const Entry* e = id == f.headers ? firstEntryOf(id) : find(id);
      if (!e || h.kind == kind) return e != nullptr;
      diags_
          .report(Code::E0322, e ? e->stmt : h.span,
                  "`" + std::string(field(id).name) + "` on a probe that is not " + what)
          .label("only " + std::string(what) + " probes take it")
          .withHelp("drop it, or make the probe " + std::string(what));
      ok = false;
      return false;
    };
    if (misplaced(f.scheme, Health::Kind::Http, "HTTP")) {
      if (std::optional<std::string> scheme = text(f.scheme)) {
        if (*scheme == "http" || *scheme == "https") {
          h.https = *scheme == "https";
        } else {
          const Entry* e = get(f.scheme);
          static const std::vector<std::string_view> kSchemes = {"http", "https"};
          auto& d = diags_.report(Code::E0303, e->value.span, "`" + *scheme + "` is not a probe scheme")
                        .label("expected `http` or `https`");
          if (auto near = nearestName(*scheme, kSchemes))
            d.withHelp("did you mean `" + *near + "`?")
                .fix(e->value.span, "\"" + *near + "\"", "replace with `" + *near + "`");
          ok = false;
        }
      }
    }
    if (misplaced(f.headers, Health::Kind::Http, "HTTP")) ok = probeHeaders(h, f) && ok;
    if (misplaced(f.grpc_service, Health::Kind::Grpc, "gRPC")) {
      if (std::optional<std::string> name = text(f.grpc_service)) h.grpc_service = *name;
    }
    return ok;
  }

  // The entries of a map field, read through here so that they count as read.
  const Entry* firstEntryOf(FieldId map) const {
    read_.set(static_cast<size_t>(map));
    for (const auto& [key, e] : d_.fields.items())
      if (e.field == map) return &e;
    return nullptr;
  }

  // A probe's own `headers` replace those of `health`. Names are HTTP tokens (RFC 9110),
  // as the API server checks them (E0337).
  bool probeHeaders(Health& h, const ProbeFields& f) {
    std::vector<KeyValue> entries;
    labels(f.headers, entries);
    bool ok = true;
    h.headers.clear();
    for (KeyValue& kv : entries) {
      auto bad = std::find_if(kv.key.begin(), kv.key.end(), [](char c) {
        return !(std::isalnum(static_cast<unsigned char>(c)) ||
                 std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos);
      });
      if (kv.key.empty() || bad != kv.key.end()) {
        diags_.report(Code::E0337, kv.span, "`" + kv.key + "` is not an HTTP header name")
            .label(kv.key.empty() ? "empty name" : "`" + std::string(1, *bad) + "` is not allowed in a header name")
            .withHelp("header names are letters, digits and `!#$%&'*+-.^_`|~`, e.g. `\"X-Probe\" = \"1\"`");
        ok = false;
        continue;
      }
      h.headers.emplace_back(std::move(kv.key), std::move(kv.value));
    }
    return ok;
  }

  // `exec = ["pg_isready", "-U", "app"]`: the command, run without a shell.
  bool execCommand(FieldId key, Located<std::vector<std::string>>& out) {
    const Entry* e = get(key);
    if (!e || e->value.kind != Value::Kind::List) return false;
    std::vector<std::string> args;
    for (const Value& item : e->value.items) {
      std::optional<std::string> t = item.kind == Value::Kind::Text ? refs_.resolveText(item, id_) : std::nullopt;
      if (!t) return false;
      args.push_back(std::move(*t));
    }
    if (args.empty() || args[0].empty()) {
      diags_.report(Code::E0322, e->value.span, "`" + std::string(field(key).name) + "` needs a program to run")
          .label(args.empty() ? "an empty command" : "an empty program name")
          .withHelp("name the program and its arguments: `" + std::string(field(key).name) +
                    " = [\"pg_isready\", \"-q\"]`");
      return false;
    }
    out = Located<std::vector<std::string>>{std::move(args), e->value.span};
    return true;
  }

  // A command that starts a shell or tool the image is known to lack fails every time
  // it runs (E0334). Known: the image's `image_tools`, or a distroless or scratch image,
  // which have none. Any other program svcc cannot see inside the image to check.
  void execNeedsTool(const Located<std::vector<std::string>>& cmd, const std::string& what) {
    if (cmd.value.empty()) return;
    std::string program = cmd.value[0].substr(cmd.value[0].rfind('/') + 1);
    auto names = imageToolNames();
    if (std::find(names.begin(), names.end(), program) == names.end()) return;
    static const std::vector<std::string> kNone;
    const std::vector<std::string>* tools = s_.image_tools ? &s_.image_tools->value : nullptr;
    bool bare = !tools && s_.image && isBareImage(s_.image->value);
    if (bare) tools = &kNone;
    if (!tools || std::find(tools->begin(), tools->end(), program) != tools->end()) return;
    auto& d =
        diags_.report(Code::E0334, cmd.span, "the " + what + " runs `" + program + "`, which the image does not have")
            .label("not in the image");
    if (bare) d.secondaryLabel(s_.image->span, "a distroless or scratch image has no shell or tools");
    else d.secondaryLabel(s_.image_tools->span, "the image's tools");
    d.withHelp("run a program the image has, or add `" + program + "` to the image and to `image_tools`");
  }

  // A probe that may take as long as its period overlaps the next one (E0332).
  bool timeoutFits(const Health& h, const ProbeFields& f) {
    int64_t period = h.period_ms.value_or(10000);
    if (!h.timeout_ms || *h.timeout_ms < period) return true;
    const Entry* e = get(f.timeout);
    diags_
        .report(Code::E0332, e ? e->value.span : h.span,
                "the " + std::string(f.name) + " probe's timeout (" + renderDuration(*h.timeout_ms) +
                    ") is not shorter than its period (" + renderDuration(period) + ")")
        .label("one probe would still run when the next starts")
        .withHelp("make `timeout` shorter than `period`");
    return false;
  }

  // A startup probe that gives up (period × failures) before the delay the other probes
  // wait restarts a container that was only slow to start (E0333).
  void startupBudget(const Health& startup, const Health* base) {
    int64_t delay = base ? base->initial_delay_ms.value_or(0) : 0;
    int64_t budget = startup.period_ms.value_or(10000) * startup.failures.value_or(3);
    if (budget >= delay) return;
    diags_
        .report(Code::E0333, startup.span,
                "the startup probe gives up after " + renderDuration(budget) + ", before the " + renderDuration(delay) +
                    " `health` waits")
        .label("period × failures is its budget")
        .withHelp("raise the startup probe's `failures` or `period` so that it outlasts `initial_delay`");
  }

  void env() {
    read_.set(static_cast<size_t>(FieldId::Env));
    for (const auto& [key, e] : d_.fields.items()) {
      if (e.field != FieldId::Env || !e.value.ok()) continue;
      EnvEntry out;
      out.name = key.substr(4);
      out.span = e.stmt;
      const Value& v = e.value;
      if (v.kind == Value::Kind::Secret) {
        out.kind = EnvEntry::Kind::Secret;
        out.secret_name = v.secret_name;
        out.secret_key = v.secret_key;
      } else if (v.kind == Value::Kind::Pod) {
        out.kind = EnvEntry::Kind::Pod;
        out.value = v.literal;
      } else if (v.kind == Value::Kind::Ref) {
        std::optional<Reference> r = refs_.resolve(v.path, v.span, id_, false);
        if (!r) continue;
        out.kind = EnvEntry::Kind::Reference;
        out.value = r->text;
        out.ref = *r;
      } else if (v.kind == Value::Kind::Text) {
        std::optional<std::string> t = refs_.resolveText(v, id_);
        if (!t) continue;
        out.value = std::move(*t);
      } else {
        continue;
      }
      s_.env.push_back(std::move(out));
    }
  }

  // One container, one mount per path, and one pod, one volume per name: a volume and a
  // scratch share both (the API server refuses the pod otherwise). False when taken.
  struct Mounted {
    std::string kind, name;
    Span span;
  };
  // `env_from { secrets = ["db-env"] }`: names of objects svcc does not write, so only
  // their names can be checked.
  void envFrom(FieldId key, const char* kind, std::vector<Located<std::string>> PodOptions::*list) {
    const Entry* e = get(key);
    if (!e || e->value.kind != Value::Kind::List) return;
    std::vector<Located<std::string>>& out = options().*list;
    for (const Value& item : e->value.items) {
      std::optional<std::string> name = item.kind == Value::Kind::Text ? refs_.resolveText(item, id_) : std::nullopt;
      if (!name) continue;
      if (auto why = checkRfc1123Subdomain(*name)) {
        diags_.report(Code::E0343, item.span, "`" + *name + "` is not a valid " + kind + " name")
            .label(*why)
            .withHelp(std::string(kind) + " names are lower-case letters, digits, `-` and `.`");
        continue;
      }
      auto same = [&](const Located<std::string>& n) { return n.value == *name; };
      if (auto it = std::find_if(out.begin(), out.end(), same); it != out.end()) {
        diags_.report(Code::E0343, item.span, std::string(kind) + " `" + *name + "` is named twice")
            .label("named again here")
            .secondaryLabel(it->span, "first named here")
            .withHelp("remove one of the two");
        continue;
      }
      out.push_back({*name, item.span});
    }
  }

  bool claimMount(const std::string& path, std::string_view kind, const std::string& name, Span span) {
    auto [first, fresh] = mounts_.emplace(normalMountPath(path), Mounted{std::string(kind), name, span});
    if (fresh) return true;
    const Mounted& other = first->second;
    std::string both = other.kind == kind
                           ? std::string(kind) + "s `" + other.name + "` and `" + name + "`"
                           : other.kind + " `" + other.name + "` and " + std::string(kind) + " `" + name + "`";
    diags_.report(Code::E0330, span, both + " are both mounted at `" + first->first + "`")
        .label("mounted here again")
        .secondaryLabel(other.span, "`" + other.name + "` is mounted here")
        .withHelp("give each " + std::string(kind) + " its own `mount` path");
    return false;
  }
  bool claimName(std::string_view kind, const std::string& name, Span span) {
    auto [first, fresh] = pod_volumes_.emplace(name, Mounted{std::string(kind), name, span});
    if (fresh) return true;
    diags_
        .report(Code::E0207, span,
                first->second.kind + " `" + name + "` and " + std::string(kind) + " `" + name + "` share a name")
        .label("named again here")
        .secondaryLabel(first->second.span, "first named here")
        .withHelp("they are volumes of one pod, whose names must be unique: rename one");
    return false;
  }

  // A named block's `mount`, as the container sees it (E0331 when it cannot be one).
  std::optional<std::string> mountPath(std::string_view kind, const std::string& name, const Entry& mount,
                                       std::string_view example) const {
    std::optional<std::string> path = refs_.resolveText(mount.value, id_);
    if (!path) return std::nullopt;
    if (auto why = checkMountPath(*path)) {
      diags_
          .report(Code::E0331, mount.value.span,
                  std::string(kind) + " `" + name + "` cannot be mounted at `" + *path + "`")
          .label(*why)
          .withHelp("mount it at an absolute path of its own, e.g. `mount = \"" + std::string(example) + "\"`");
      return std::nullopt;
    }
    return path;
  }

  void volumes() {
    for (const NamedDraft* block : namedOf(FieldId::VolumeDecl)) {
      const std::string& name = block->name;
      const Entry* size = find(*block, FieldId::VolumeSize);
      const Entry* mount_entry = find(*block, FieldId::VolumeMount);
      Volume out;
      out.name = name;
      out.span = block->span;
      bool ok = true;
      for (const char* field : {"size", "mount"}) {
        const Entry* e = std::string_view(field) == "size" ? size : mount_entry;
        if (!e) {
          diags_.report(Code::E0324, block->span, "volume `" + name + "` has no `" + field + "`")
              .label("`" + std::string(field) + "` missing")
              .withHelp(std::string_view(field) == "size" ? "add `size = 1Gi`" : "add `mount = \"/data\"`");
          ok = false;
        } else if (!e->value.ok()) {
          ok = false;
        }
      }
      if (!ok) continue;
      out.size_bytes = size->value.number;
      if (out.size_bytes <= 0) {
        diags_.report(Code::E0325, size->value.span, "volume `" + name + "` has size zero")
            .label("a claim must ask for some storage")
            .withHelp("give it a size, e.g. `size = 1Gi`");
        continue;
      }
      std::optional<std::string> mount = mountPath("volume", name, *mount_entry, "/data");
      if (!mount) continue;
      out.mount = *mount;
      if (!claimMount(out.mount, "volume", name, mount_entry->value.span)) continue;
      claimName("volume", name, block->span);
      s_.volumes.push_back(std::move(out));
    }
  }

  // `config NAME { file | dir | text; mount }`: exactly one source, and where it appears.
  // The files themselves are read after checking (ir/config_files.h).
  void configs() {
    for (const NamedDraft* block : namedOf(FieldId::ConfigDecl)) {
      const std::string& name = block->name;
      const Entry* sources[] = {find(*block, FieldId::ConfigFile), find(*block, FieldId::ConfigDir),
                                find(*block, FieldId::ConfigText), find(*block, FieldId::ConfigSecret)};
      const Entry* mount = find(*block, FieldId::ConfigMount);
      int given = 0, which = 0;
      for (int i = 0; i < 4; ++i) {
        if (sources[i]) ++given, which = which ? which : i + 1;
      }
      if (given != 1) {
        auto& d = diags_
                      .report(Code::E0324, block->span,
                              given ? "config `" + name + "` has more than one of `file`, `dir`, `text` and `secret`"
                                    : "config `" + name + "` has none of `file`, `dir`, `text` and `secret`")
                      .label(given ? "one source per config" : "no content");
        d.withHelp(
            "give it one: `file = \"./app.conf\"`, `dir = \"./conf.d\"`, `text = \"…\"` or `secret = "
            "secret(\"NAME\", \"KEY\")`");
        continue;
      }
      if (!mount) {
        diags_.report(Code::E0324, block->span, "config `" + name + "` has no `mount`")
            .label("`mount` missing")
            .withHelp("add where the container reads it, e.g. `mount = \"/etc/app/app.conf\"`");
        continue;
      }
      const Entry& source = *sources[which - 1];
      if (!source.value.ok() || !mount->value.ok()) continue;
      ConfigFiles out;
      out.name = name;
      out.span = block->span;
      out.source = static_cast<ConfigFiles::Source>(which - 1);
      out.path_span = source.value.span;
      // A secret's value never appears in the source, nor in what svcc writes.
      bool secret = out.source == ConfigFiles::Source::Secret;
      if (secret && source.value.kind != Value::Kind::Secret) {
        diags_.report(Code::E0301, source.value.span, "`secret` of config `" + name + "` is not a secret")
            .label("plaintext, or another kind of value")
            .withHelp("name a key of a Secret in the namespace: `secret = secret(\"" + name + "\", \"KEY\")`");
        continue;
      }
      std::vector<ConfigFiles::Piece> pieces;
      std::optional<std::string> text;
      if (secret) text = source.value.secret_key;
      else if (out.source == ConfigFiles::Source::Text) text = textPieces(source.value, pieces);
      else text = refs_.resolveText(source.value, id_);
      std::optional<std::string> path = mountPath("config", name, *mount, "/etc/app/app.conf");
      if (!text || !path) continue;
      out.mount = *path;
      if (secret) {
        out.secret_name = source.value.secret_name;
        out.secret_key = source.value.secret_key;
      } else if (out.source == ConfigFiles::Source::Text) {
        std::string key = out.mount.substr(out.mount.find_last_of('/') + 1);
        out.entries.push_back({key, *text, std::move(pieces)});
      } else {
        out.path = *text;
      }
      if (const Entry* t = find(*block, FieldId::ConfigTemplate); t && t->value.kind == Value::Kind::Bool) {
        if (out.source == ConfigFiles::Source::File || out.source == ConfigFiles::Source::Dir) {
          out.is_template = Located<bool>{t->value.flag, t->value.span};
        } else {
          diags_.report(Code::E0322, t->stmt, "`template` on config `" + name + "`, which reads no file")
              .label(out.source == ConfigFiles::Source::Text ? "`text` is interpolated already"
                                                             : "a Secret's value is never a template")
              .withHelp("remove `template`");
          continue;
        }
      }
      if (!claimMount(out.mount, "config", name, mount->value.span)) continue;
      if (!claimName("config", name, block->span)) continue;
      s_.configs.push_back(std::move(out));
    }
  }

  // An inline text as Kubernetes reads it, and its pieces when it holds references (for
  // compose, which dials the container port); nullopt when a reference is wrong.
  std::optional<std::string> textPieces(const Value& v, std::vector<ConfigFiles::Piece>& pieces) {
    std::string text;
    bool ok = true, any = false;
    for (const TextPiece& p : v.pieces) {
      if (p.ref.empty()) {
        text += p.text;
        pieces.push_back({p.text, std::nullopt});
      } else if (std::optional<Reference> r = refs_.resolve(p.ref, p.span, id_, false)) {
        text += r->text;
        pieces.push_back({"", std::move(r)});
        any = true;
      } else {
        ok = false;
      }
    }
    if (!any) pieces.clear();
    if (!ok) return std::nullopt;
    return text;
  }

  // `scratch NAME { mount; size; memory }`: an emptyDir in Kubernetes, a tmpfs in compose.
  void scratchSpaces() {
    for (const NamedDraft* block : namedOf(FieldId::ScratchDecl)) {
      const std::string& name = block->name;
      const Entry* mount = find(*block, FieldId::ScratchMount);
      const Entry* size = find(*block, FieldId::ScratchSize);
      const Entry* memory = find(*block, FieldId::ScratchMemory);
      Scratch out;
      out.name = name;
      out.span = block->span;
      out.memory = memory && memory->value.ok() && memory->value.flag;
      if (!mount) {
        diags_.report(Code::E0324, block->span, "scratch `" + name + "` has no `mount`")
            .label("`mount` missing")
            .withHelp("add where the container writes, e.g. `mount = \"/var/cache/app\"`");
        continue;
      }
      if (out.memory && !size) {
        diags_.report(Code::E0324, block->span, "memory-backed scratch `" + name + "` has no `size`")
            .label("`size` missing")
            .withHelp("a tmpfs counts against the memory limit: give it a size, e.g. `size = 64Mi`");
        continue;
      }
      if (!mount->value.ok() || (size && !size->value.ok()) || (memory && !memory->value.ok())) continue;
      if (size) {
        out.size_bytes = size->value.number;
        out.size_span = size->value.span;
        if (out.size_bytes <= 0) {
          diags_.report(Code::E0325, size->value.span, "scratch `" + name + "` has size zero")
              .label("nothing could be written")
              .withHelp("give it a size, e.g. `size = 100Mi`, or leave `size` out for no limit of its own");
          continue;
        }
      }
      std::optional<std::string> path = mountPath("scratch", name, *mount, "/var/cache/app");
      if (!path) continue;
      out.mount = *path;
      if (!claimMount(out.mount, "scratch", name, mount->value.span)) continue;
      if (!claimName("scratch", name, block->span)) continue;
      s_.scratch.push_back(std::move(out));
    }
  }

  void ingress() {
    const Entry* any = firstOf(FieldId::IngressBlock);
    if (!any) return;
    Ingress in;
    in.span = any->stmt;
    std::optional<std::string> host = text(FieldId::IngressHost);
    if (!find(FieldId::IngressHost)) {
      diags_.report(Code::E0324, in.span, "`ingress` has no `host`")
          .label("`host` missing")
          .withHelp("add `host = \"shop.example.com\"`");
    }
    std::optional<PortId> port;
    if (find(FieldId::IngressPort)) {
      port = portNamed(FieldId::IngressPort, in.span, "ingress");
    } else {
      std::vector<PortId> http;
      for (PortId p = 0; p < s_.ports.size(); ++p) {
        if (s_.ports[p].protocol == Protocol::Http) http.push_back(p);
      }
      if (http.size() == 1) port = http[0];
      else port = portNamed(FieldId::IngressPort, in.span, "ingress");
    }
    if (port && s_.ports[*port].protocol != Protocol::Http) {
      const Port& p = s_.ports[*port];
      const Entry* e = find(FieldId::IngressPort);
      diags_
          .report(Code::E0315, e ? e->value.span : in.span,
                  "ingress on the " + std::string(protocolName(p.protocol)) + " port `" + p.name + "`")
          .label("an ingress routes HTTP")
          .secondaryLabel(p.span, "declared here")
          .withHelp("point the ingress at an HTTP port, or set `protocol = http` on this port");
      port.reset();
    }
    if (!host || !port) return;
    if (auto why = checkIngressHost(*host)) {
      diags_.report(Code::E0328, get(FieldId::IngressHost)->value.span, "`" + *host + "` is not a valid ingress host")
          .label(*why)
          .withHelp("write the DNS name in lower case, e.g. `host = \"shop.example.com\"` or `\"*.example.com\"`");
      return;
    }
    in.host = *host;
    in.port = *port;
    in.path = text(FieldId::IngressPath).value_or("/");
    if (auto why = checkIngressPath(in.path)) {
      diags_.report(Code::E0329, get(FieldId::IngressPath)->value.span, "`" + in.path + "` is not a valid ingress path")
          .label(*why)
          .withHelp("write an absolute path such as `path = \"/api\"`");
      return;
    }
    s_.ingress = in;
  }

  void labels(FieldId map, std::vector<KeyValue>& out) {
    read_.set(static_cast<size_t>(map));
    size_t prefix = draftKey(map).size() + 1;
    for (const auto& [key, e] : d_.fields.items()) {
      if (e.field != map || !e.value.ok()) continue;
      std::optional<std::string> value = refs_.resolveText(e.value, id_);
      if (!value) continue;
      out.push_back({key.substr(prefix), std::move(*value), e.stmt});
    }
    std::sort(out.begin(), out.end(), [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
  }

  void optOuts() {
    auto add = [&](const std::string& name, Span span) {
      for (const OptOut& o : s_.opt_outs) {
        if (o.name == name) return;
      }
      s_.opt_outs.push_back({name, span});
    };
    // `security { … }` spells three of them as the value Kubernetes would get.
    for (auto [key, kept] : {std::pair{FieldId::RunAsNonRoot, true}, std::pair{FieldId::ReadOnlyRootFilesystem, true},
                             std::pair{FieldId::AllowPrivilegeEscalation, false}}) {
      const Entry* e = get(key);
      if (e && e->value.kind == Value::Kind::Bool && e->value.flag != kept)
        add(std::string(field(key).name), e->value.span);
    }
    if (const Entry* e = get(FieldId::OptOut); e && e->value.kind == Value::Kind::List) {
      for (const Value& item : e->value.items) {
        std::string name = item.plainText();
        auto names = optOutNames();
        if (std::find(names.begin(), names.end(), name) != names.end()) {
          add(name, item.span);
          continue;
        }
        auto& d = diags_.report(Code::E0321, item.span, "unknown opt-out `" + name + "`")
                      .label("not a secure default svcc sets");
        if (auto near = nearestName(name, names)) {
          d.withHelp("did you mean `" + *near + "`?")
              .fix(item.span, "\"" + *near + "\"", "replace with `" + *near + "`");
        } else {
          std::string list = quotedList(names);
          d.withHelp("the opt-outs are " + list);
        }
      }
    }
    std::sort(s_.opt_outs.begin(), s_.opt_outs.end(), [](const OptOut& a, const OptOut& b) { return a.name < b.name; });
  }

  // `termination_grace`, `pre_stop`, `pre_stop_sleep` and `stop_signal`: how the
  // container is stopped.
  void shutdown() {
    if (std::optional<int64_t> ms = seconds(FieldId::TerminationGrace, 0, false)) {
      s_.termination_grace = Located<int64_t>{*ms, get(FieldId::TerminationGrace)->value.span};
    }
    Located<std::vector<std::string>> command;
    if (execCommand(FieldId::PreStop, command)) {
      execNeedsTool(command, "pre-stop command");
      options().pre_stop = std::move(command);
    }
    if (std::optional<int64_t> ms = seconds(FieldId::PreStopSleep, 1000, false)) {
      options().pre_stop_sleep = Located<int64_t>{*ms, get(FieldId::PreStopSleep)->value.span};
    }
    const PodOptions& o = s_.options();
    if (o.pre_stop && o.pre_stop_sleep) {
      diags_.report(Code::E0322, o.pre_stop_sleep->span, "`pre_stop` and `pre_stop_sleep` together")
          .label("a second pre-stop hook")
          .secondaryLabel(o.pre_stop->span, "the pre-stop command")
          .withHelp("a container has one pre-stop hook: keep the command, and put a `sleep` in it if it needs one");
    }
    // The hook runs inside the grace period: one that outlasts it is killed, and the
    // application never sees its stop signal.
    if (o.pre_stop_sleep) {
      int64_t grace = s_.termination_grace ? s_.termination_grace->value : 30000;
      if (o.pre_stop_sleep->value >= grace) {
        auto& d = diags_.report(Code::E0338, o.pre_stop_sleep->span,
                                "`pre_stop_sleep` of " + renderDuration(o.pre_stop_sleep->value) +
                                    " does not fit in the grace period of " + renderDuration(grace));
        d.label("the container is killed before it is asked to stop");
        if (s_.termination_grace) d.secondaryLabel(s_.termination_grace->span, "the grace period");
        d.withHelp("give the application time after the pause: `termination_grace = " +
                   renderDuration(o.pre_stop_sleep->value + 30000) + "`, or sleep less");
      }
    }
    stopSignal();
  }

  void stopSignal() {
    const Entry* e = get(FieldId::StopSignal);
    if (!e || e->value.kind != Value::Kind::Text) return;
    std::string name = e->value.plainText();
    auto names = stopSignalNames();
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      options().stop_signal = Located<std::string>{name, e->value.span};
      return;
    }
    auto& d = diags_.report(Code::E0303, e->value.span, "`" + name + "` is not a stop signal")
                  .label("not a signal svcc knows a process to stop on");
    std::optional<std::string> near = nearestCapitalName(name, names);
    if (!near) near = nearestCapitalName("SIG" + name, names);  // `quit` for SIGQUIT
    if (near) {
      d.withHelp("did you mean `" + *near + "`?")
          .fix(e->value.span, "\"" + *near + "\"", "replace with `" + *near + "`");
    } else {
      d.withHelp("the stop signals are " + quotedList(names));
    }
  }

  // `group` and `fs_group`: the gid the container runs as, and the group that owns the
  // pod's volumes.
  void groups() {
    if (const Entry* e = number(FieldId::Group)) options().group = Located<int64_t>{e->value.number, e->value.span};
    if (const Entry* e = number(FieldId::FsGroup))
      options().fs_group = Located<int64_t>{e->value.number, e->value.span};
  }

  // `capabilities { NET_BIND_SERVICE = "binds :80 as a non-root user" }`: each added
  // capability names a real one and says why, because each gives up part of a secure
  // default (`drop: ["ALL"]`).
  void capabilities() {
    read_.set(static_cast<size_t>(FieldId::Capabilities));
    size_t prefix = draftKey(FieldId::Capabilities).size() + 1;
    auto names = capabilityNames();
    for (const auto& [key, e] : d_.fields.items()) {
      if (e.field != FieldId::Capabilities || !e.value.ok()) continue;
      std::string name = key.substr(prefix);
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        auto& d = diags_.report(Code::E0339, e.stmt, "`" + name + "` is not a Linux capability")
                      .label("not in capabilities(7)");
        bool prefixed = name.rfind("CAP_", 0) == 0 || name.rfind("cap_", 0) == 0;
        std::string bare = prefixed ? name.substr(4) : name;
        if (auto near = nearestCapitalName(bare, names))
          d.withHelp("did you mean `" + *near + "`? Kubernetes names capabilities without `CAP_`");
        else d.withHelp("name a capability as capabilities(7) does, without `CAP_`: `NET_BIND_SERVICE`");
        continue;
      }
      std::optional<std::string> why = refs_.resolveText(e.value, id_);
      if (!why) continue;
      if (why->find_first_not_of(" \t") == std::string::npos) {
        diags_.report(Code::E0339, e.value.span, "capability `" + name + "` is added without a reason")
            .label("an empty reason")
            .withHelp("say why the service needs it: `" + name + " = \"what it does with it\"`");
        continue;
      }
      options().capabilities.push_back({name, std::move(*why), e.stmt});
    }
    if (!s_.pod_options) return;
    std::sort(s_.pod_options->capabilities.begin(), s_.pod_options->capabilities.end(),
              [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
  }

  // `init NAME { … }` and `sidecar NAME { … }`: each body is finished as a service of its
  // own by the same readers, then checked against the pod: one name per container, one
  // number and one name per port.
  void containers() {
    std::map<std::string, Span> names{{s_.name, s_.span}};
    // In source order across both kinds: Kubernetes starts them in this order, so a
    // sidecar written before an init container is running when that one starts.
    for (const auto& [key, named] : d_.named.items()) {
      const NamedDraft* block = &named;
      bool sidecar = block->kind == FieldId::SidecarDecl;
      if (!block->body || (!sidecar && block->kind != FieldId::InitDecl)) continue;
      {
        auto body = std::make_shared<Service>();
        body->name = block->name;
        body->span = body->decl_span = block->span;
        body->file = s_.file;
        finishPorts(*block->body, *body);
        Finisher sub(*block->body, id_, *body, refs_, diags_);
        sub.runContainer(s_, sidecar);
        auto [first, fresh] = names.emplace(block->name, block->span);
        if (!fresh) {
          diags_.report(Code::E0207, block->span, "two containers of `" + s_.name + "` are named `" + block->name + "`")
              .label("named again here")
              .secondaryLabel(first->second, block->name == s_.name ? "the app's container is named after the service"
                                                                    : "first named here")
              .withHelp("the containers of a pod need names of their own: rename this one");
          continue;
        }
        Container c{sidecar ? Container::Kind::Sidecar : Container::Kind::Init, block->name, block->span, nullptr,
                    std::move(sub.mounts_out_)};
        c.body = std::move(body);
        options().containers.push_back(std::move(c));
      }
    }
    if (s_.pod_options && !s_.pod_options->containers.empty()) podPorts();
  }

  // `mounts { data = "/var/lib/app" }` in an extra container: one of the pod's volumes,
  // scratch or configs, at a path of this container's own.
  void containerMounts() {
    read_.set(static_cast<size_t>(FieldId::ContainerMounts));
    size_t prefix = draftKey(FieldId::ContainerMounts).size() + 1;
    std::vector<PodMount> pod = podMounts(*pod_);
    for (const auto& [key, e] : d_.fields.items()) {
      if (e.field != FieldId::ContainerMounts || !e.value.ok()) continue;
      std::string name = key.substr(prefix);
      auto it = std::find_if(pod.begin(), pod.end(), [&](const PodMount& m) { return m.name == name; });
      if (it == pod.end()) {
        std::vector<std::string_view> known;
        for (const PodMount& m : pod) known.push_back(m.name);
        std::sort(known.begin(), known.end());
        auto& d = diags_.report(Code::E0344, e.stmt, "service `" + pod_->name + "` has no volume `" + name + "`")
                      .label("not a `volume`, `scratch` or `config` of the service");
        if (auto near = nearestName(name, known)) d.withHelp("did you mean `" + *near + "`?");
        else if (known.empty()) d.withHelp("declare it in the service, e.g. `scratch " + name + " { mount = \"…\" }`");
        else d.withHelp("the service's volumes are " + quotedList(known));
        continue;
      }
      std::optional<std::string> path = mountPath(it->kind, name, e, "/data");
      if (!path || !claimMount(*path, it->kind, name, e.value.span)) continue;
      mounts_out_.push_back({name, *path, e.stmt});
    }
    std::sort(mounts_out_.begin(), mounts_out_.end(),
              [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
  }

  // The containers of a pod share its network: a port number (per transport) and a port
  // name belong to one of them.
  void podPorts() {
    struct Owner {
      const std::string* container;
      const Port* port;
    };
    std::map<std::pair<int32_t, bool>, Owner> numbers;
    std::map<std::string, Owner> port_names;
    auto claim = [&](const std::string& container, const Port& p) {
      bool udp = p.protocol == Protocol::Udp;
      auto [by_number, fresh_number] = numbers.emplace(std::pair{p.container_port, udp}, Owner{&container, &p});
      auto [by_name, fresh_name] = port_names.emplace(p.name, Owner{&container, &p});
      if (fresh_number && fresh_name) return;
      const Owner& other = fresh_number ? by_name->second : by_number->second;
      std::string what = fresh_number ? "port name `" + p.name + "`" : "port " + std::to_string(p.container_port);
      diags_.report(Code::E0345, p.span, what + " is used twice in the pod of `" + s_.name + "`")
          .label("in container `" + container + "`")
          .secondaryLabel(other.port->span, "in container `" + *other.container + "`")
          .withHelp("the containers of a pod share one network: give this port its own number and name");
    };
    for (const Port& p : s_.ports) claim(s_.name, p);
    for (const Container& c : s_.pod_options->containers)
      for (const Port& p : c.body->ports) claim(c.name, p);
  }

  // A field the source set and no reader above looked at would be dropped without a word:
  // a registry row without its reader (docs/adding-a-field.md). That is svcc's bug, so it
  // is an internal error (exit 3). Only on a clean run: an error can end a reader early.
  void requireEveryFieldRead() const {
    if (diags_.hasErrors()) return;
    // The test hook: SVCC_TEST_FORGET_READ=FIELD plays a registry row whose reader was
    // never written (tests/unit/field_registry_test.cpp).
    static const char* const forget = std::getenv("SVCC_TEST_FORGET_READ");
    auto require = [&](const Entry& e, std::string_view hook_key, const std::string& shown) {
      bool forgotten = forget && hook_key == forget;
      if (forgotten || !read_.test(static_cast<size_t>(e.field))) {
        throw std::logic_error("field `" + shown + "` of service `" + s_.name +
                               "` is set but no phase reads it; give it a reader (docs/adding-a-field.md)");
      }
    };
    for (const auto& [key, e] : d_.fields.items()) require(e, draftKey(e.field), key);
    // A named block's fields: the hook names them `KIND.FIELD` ("volume.size").
    for (const auto& [key, block] : d_.named.items()) {
      for (const Entry& e : block.fields) {
        std::string kind(field(block.kind).name), name(field(e.field).name);
        require(e, kind + "." + name, key + "." + name);
      }
    }
  }

  // The pod runs with `runAsNonRoot: true` unless the service gave that up: uid 0 there is
  // a pod the kubelet refuses to start.
  void rootUser() {
    if (!s_.user || s_.user->value != 0) return;
    for (const OptOut& o : s_.opt_outs) {
      if (o.name == "run_as_non_root") return;
    }
    diags_.report(Code::E0326, s_.user->span, "`" + s_.name + "` runs as root (`user = 0`)")
        .label("uid 0 is root, and the pod runs with `runAsNonRoot: true`")
        .withHelp("use the non-zero uid the image runs as, or opt out with `opt_out = [\"run_as_non_root\"]`");
  }

  // The service's PodOptions, made when the first of them is set.
  PodOptions& options() {
    if (!s_.pod_options) s_.pod_options = std::make_shared<PodOptions>();
    return *s_.pod_options;
  }

  const Draft& d_;
  const Service* pod_ = nullptr;                // an extra container's: the service whose pod it runs in
  std::vector<KeyValue> mounts_out_;            // an extra container's: its `mounts`, sorted by name
  mutable std::bitset<kFieldCount> read_;       // the fields some reader looked up
  std::map<std::string, Mounted> mounts_;       // normal mount path → what is mounted there
  std::map<std::string, Mounted> pod_volumes_;  // the pod's volume names: volumes and scratch
  ServiceId id_;
  Service& s_;
  References& refs_;
  Diagnostics& diags_;
};

}  // namespace

void finishPorts(const Draft& draft, Service& service) {
  for (const auto& [name, p] : draft.ports.items()) {
    // A port whose number was rejected is kept (as 0), so that references to it do not
    // report it missing: the model is only lowered when there are no errors.
    Port out;
    out.name = name;
    out.span = p.span;
    out.service_port = p.port;
    out.container_port = p.target ? *p.target : out.service_port;
    const std::string& protocol = p.protocol ? *p.protocol : name;
    if (protocol == "http") out.protocol = Protocol::Http;
    else if (protocol == "grpc") out.protocol = Protocol::Grpc;
    else if (protocol == "udp") out.protocol = Protocol::Udp;
    else out.protocol = Protocol::Tcp;
    service.ports.push_back(std::move(out));
  }
}

void finishService(const Draft& draft, ServiceId id, Model& model, References& refs, Diagnostics& diags) {
  Finisher(draft, id, model.services[id], refs, diags).run();
}

}  // namespace svcc::sema
