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
void Finisher::health() {
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
std::optional<Health> Finisher::probe(const ProbeFields& f, const Health* base) {
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
bool Finisher::successes(Health& h, const ProbeFields& f) {
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
bool Finisher::handlerOptions(Health& h, const ProbeFields& f) {
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

// A probe's own `headers` replace those of `health`. Names are HTTP tokens (RFC 9110),
// as the API server checks them (E0337).
bool Finisher::probeHeaders(Health& h, const ProbeFields& f) {
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
bool Finisher::execCommand(FieldId key, Located<std::vector<std::string>>& out) {
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
void Finisher::execNeedsTool(const Located<std::vector<std::string>>& cmd, const std::string& what) {
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
bool Finisher::timeoutFits(const Health& h, const ProbeFields& f) {
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
void Finisher::startupBudget(const Health& startup, const Health* base) {
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

}  // namespace svcc::sema
