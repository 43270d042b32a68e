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
void Finisher::optOuts() {
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
        d.withHelp("did you mean `" + *near + "`?").fix(item.span, "\"" + *near + "\"", "replace with `" + *near + "`");
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
void Finisher::shutdown() {
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

void Finisher::stopSignal() {
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
    d.withHelp("did you mean `" + *near + "`?").fix(e->value.span, "\"" + *near + "\"", "replace with `" + *near + "`");
  } else {
    d.withHelp("the stop signals are " + quotedList(names));
  }
}

// `group` and `fs_group`: the gid the container runs as, and the group that owns the
// pod's volumes.
void Finisher::groups() {
  if (const Entry* e = number(FieldId::Group)) options().group = Located<int64_t>{e->value.number, e->value.span};
  if (const Entry* e = number(FieldId::FsGroup)) options().fs_group = Located<int64_t>{e->value.number, e->value.span};
}

// `capabilities { NET_BIND_SERVICE = "binds :80 as a non-root user" }`: each added
// capability names a real one and says why, because each gives up part of a secure
// default (`drop: ["ALL"]`).
void Finisher::capabilities() {
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

// The pod runs with `runAsNonRoot: true` unless the service gave that up: uid 0 there is
// a pod the kubelet refuses to start.
void Finisher::rootUser() {
  if (!s_.user || s_.user->value != 0) return;
  for (const OptOut& o : s_.opt_outs) {
    if (o.name == "run_as_non_root") return;
  }
  diags_.report(Code::E0326, s_.user->span, "`" + s_.name + "` runs as root (`user = 0`)")
      .label("uid 0 is root, and the pod runs with `runAsNonRoot: true`")
      .withHelp("use the non-zero uid the image runs as, or opt out with `opt_out = [\"run_as_non_root\"]`");
}

}  // namespace svcc::sema
