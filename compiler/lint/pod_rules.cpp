#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "ir/ir.h"
#include "lint/rules.h"
#include "sema/schema.h"
#include "sema/units.h"

namespace svcc::lint {

namespace {

// W1021: compose leaves out a pod field only a cluster knows. `container`: the service
// itself or one of its init and sidecar containers.
void podFieldsNotInCompose(const Context& c, const sema::Service& s, const sema::Service& container) {
  std::string namespace_name = c.model.app.namespace_name ? c.model.app.namespace_name->value : "";
  for (const sema::EnvEntry& e : container.env) {
    if (e.kind != sema::EnvEntry::Kind::Pod || ir::podFieldWithoutPod(e.value, s.name, namespace_name)) continue;
    c.diags
        .report(Code::W1021, c.at(s, e.span),
                "compose has no value for `pod(\"" + e.value + "\")` of `" + container.name + "`")
        .label("left out of compose.yaml: no pod runs there")
        .withHelp(
            "give `" + e.name + "` a default in the application" +
            (e.value == "namespace" ? std::string(", or name the app's namespace: `app { namespace = … }`") : "") +
            "; Kubernetes fills it in");
  }
}

// The pod's init and sidecar containers: the service's rules that read what a container
// block sets, and W1022, a scratch the pod's containers share, which compose cannot.
void containerRules(const Context& c, const sema::Service& s) {
  std::vector<std::pair<std::string_view, const sema::KeyValue*>> scratch_users;
  for (const sema::Container& k : s.options().containers) {
    assumedImageUser(c, *k.body, "the container");
    podFieldsNotInCompose(c, s, *k.body);
    for (const sema::KeyValue& m : k.mounts) {
      bool scratch =
          std::any_of(s.scratch.begin(), s.scratch.end(), [&](const sema::Scratch& x) { return x.name == m.key; });
      if (scratch) scratch_users.emplace_back(k.name, &m);
    }
  }
  for (const auto& [container, mount] : scratch_users) {
    auto shared =
        std::find_if(s.scratch.begin(), s.scratch.end(), [&](const sema::Scratch& x) { return x.name == mount->key; });
    c.diags
        .report(Code::W1022, c.at(s, mount->span),
                "compose gives `" + std::string(container) + "` a scratch `" + mount->key + "` of its own")
        .label("shared with the app's container in Kubernetes, not in compose")
        .secondaryLabel(shared->span, "the scratch")
        .withHelp(
            "compose has no shared empty directory a non-root user can write: hand files between containers "
            "through a `volume`, or accept it with `--allow W1022`");
  }
}

}  // namespace

void podRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  const sema::PodOptions& o = s.options();
  // W1019: a built image carries its stop signal as STOPSIGNAL; a plain image's pods
  // get whatever the image declares, because Kubernetes has no field for it.
  if (o.stop_signal && !s.build) {
    c.diags
        .report(Code::W1019, c.at(s, o.stop_signal->span),
                "Kubernetes cannot send `" + o.stop_signal->value + "` to `" + s.name + "`")
        .label("only compose carries this for an image svcc does not build")
        .withHelp(
            "the kubelet sends the signal the image declares (SIGTERM unless it says): build the image, "
            "or make the application stop on SIGTERM");
  }
  // ... and compose has no pre-stop hook: it signals the container at once.
  if (o.pre_stop || o.pre_stop_sleep) {
    Span at = o.pre_stop ? o.pre_stop->span : o.pre_stop_sleep->span;
    c.diags.report(Code::W1019, c.at(s, at), "compose stops `" + s.name + "` without its pre-stop hook")
        .label("Kubernetes only")
        .withHelp("compose has no pre-stop hook: it sends the stop signal at once and waits `termination_grace`");
  }
  podFieldsNotInCompose(c, s, s);
  // W1020: only NET_BIND_SERVICE keeps the pod within Pod Security "restricted".
  for (const sema::KeyValue& cap : o.capabilities) {
    if (cap.key == "NET_BIND_SERVICE") continue;
    bool baseline = sema::baselineAllowsCapability(cap.key);
    c.diags
        .report(Code::W1020, c.at(s, cap.span),
                "`" + cap.key + "` takes `" + s.name + "` beyond Pod Security \"restricted\"")
        .label(baseline ? "allowed from \"baseline\" up" : "allowed only under \"privileged\"")
        .withHelp(std::string("label the namespace `pod-security.kubernetes.io/enforce: ") +
                  (baseline ? "baseline" : "privileged") + "`, or do without the capability");
  }
  containerRules(c, s);
}

}  // namespace svcc::lint
