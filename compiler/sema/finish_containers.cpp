#include "sema/finish.h"
#include "sema/finisher.h"

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
// `depends on ready(db)`: a wait for the port to accept connections (a TCP connect to
// its Service, which only answers once a pod is ready), before the pod's containers.
void Finisher::waitFor(const Reference& r, const DependsDraft& dep) {
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
void Finisher::nameWaits() {
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
          .report(Code::E0207, c->span, "container `" + c->name + "` has the name of a wait for `" + target.name + "`")
          .label("named here")
          .secondaryLabel(w.ref.span, "`ready(…)` adds an init container `" + w.container + "`")
          .withHelp("rename this container");
    } else if (auto why = checkRfc1123Label(w.container)) {
      diags_.report(Code::E0307, w.ref.span, "the wait container `" + w.container + "` is not a valid Kubernetes name")
          .label(*why)
          .withHelp("a container name is at most 63 characters: shorten the service or port name");
    }
  }
}

// An extra container's body, read by this Finisher's own readers: `s_` is the body, `pod`
// the service whose pod it runs in.
void Finisher::runContainer(const Service& pod, bool sidecar) {
  pod_ = &pod;
  imageOrBuild(true);
  if (auto v = text(FieldId::Context)) s_.context = Located<std::string>{*v, get(FieldId::Context)->value.span};
  bool own_image = s_.image || s_.build;
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

// `init NAME { … }` and `sidecar NAME { … }`: each body is finished as a service of its
// own by the same readers, then checked against the pod: one name per container, one
// number and one name per port.
void Finisher::containers() {
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
void Finisher::containerMounts() {
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
  std::sort(mounts_out_.begin(), mounts_out_.end(), [](const KeyValue& a, const KeyValue& b) { return a.key < b.key; });
}

// The containers of a pod share its network: a port number (per transport) and a port
// name belong to one of them.
void Finisher::podPorts() {
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

}  // namespace svcc::sema
