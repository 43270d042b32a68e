#include <optional>
#include <string>
#include <string_view>

#include "lint/edits.h"
#include "lint/rules.h"

namespace svcc::lint {

namespace {

std::string quoted(const std::string& name) { return "`" + name + "`"; }

// The probe that fits the service's first port, for the help text.
std::string healthExample(const sema::Port& port) {
  switch (port.protocol) {
    case sema::Protocol::Http:
      return "health { path = \"/healthz\"; port = " + port.name + " }";
    case sema::Protocol::Grpc:
      return "health { grpc = " + port.name + " }";
    case sema::Protocol::Tcp:
    case sema::Protocol::Udp:
      break;
  }
  return "health { tcp = " + port.name + " }";
}

void noHealthCheck(const Context& c, const sema::Service& s) {
  if (s.health || s.ports.empty()) return;
  c.diags.report(Code::W1001, s.span, "service " + quoted(s.name) + " has no health check")
      .label("no `health` block")
      .withHelp("probe it, e.g. `" + healthExample(s.ports.front()) + "`, or apply a shape from `std.health`");
}

void noResources(const Context& c, const sema::Service& s) {
  const sema::Resources& r = s.resources;
  bool cpu = r.cpu_request || r.cpu_limit;
  bool memory = r.memory_request || r.memory_limit;
  if (cpu && memory) return;
  std::string what = !cpu && !memory ? "resource" : !cpu ? "CPU" : "memory";
  std::string example = !cpu && !memory ? "resources { cpu = 100m..500m; memory = 128Mi..256Mi }"
                        : !cpu          ? "resources { cpu = 100m..500m }"
                                        : "resources { memory = 128Mi..256Mi }";
  c.diags.report(Code::W1002, s.span, "service " + quoted(s.name) + " has no " + what + " requests or limits")
      .label("svcc writes default " + what + " requests and limits")
      .withHelp("set measured request..limit values, e.g. `" + example + "`, or apply a size of `std.resources`");
}

// The edit that sets `replicas = 2` in the service's own body.
void addReplicasFix(const Context& c, Diagnostic& d, const sema::Service& s, const ast::Service* decl) {
  if (s.replicas && c.inUserFile(s.replicas->span)) {
    d.fix(s.replicas->span, "2", "run 2 replicas");
    return;
  }
  if (!decl) return;
  const SourceFile& file = c.sources.file(decl->span.file);
  if (!decl->body.present) {
    d.fix(Span{decl->span.file, decl->span.end, decl->span.end}, " {\n  replicas = 2\n}", "run 2 replicas");
  } else if (!decl->body.stmts.empty()) {
    Span first = decl->body.stmts.front().span;
    d.fix(Span{first.file, first.begin, first.begin}, lineBefore(file, first, "replicas = 2"), "run 2 replicas");
  } else {
    uint32_t after_brace = decl->body.span.begin + 1;
    d.fix(Span{decl->span.file, after_brace, after_brace}, " replicas = 2 ", "run 2 replicas");
  }
}

void singleReplicaIngress(const Context& c, const sema::Service& s, const ast::Service* decl) {
  if (!s.ingress || s.scale || (s.replicas && s.replicas->value != 1)) return;
  bool explicit_one = s.replicas && c.inUserFile(s.replicas->span);
  auto& d = c.diags
                .report(Code::W1003, explicit_one ? s.replicas->span : s.span,
                        "service " + quoted(s.name) + " runs one replica behind an ingress")
                .label(explicit_one ? "one replica" : "one replica: `replicas` is not set");
  if (c.inUserFile(s.ingress->span)) d.secondaryLabel(s.ingress->span, "exposed by this ingress");
  d.withHelp(
      "every restart takes the public endpoint down: run at least 2 replicas, or autoscale with "
      "`scale { min = 2; max = … }`");
  addReplicasFix(c, d, s, decl);
}

// `latest` when the reference names no digest and its tag is `latest` or missing.
std::optional<std::string_view> unpinnedTag(std::string_view image) {
  if (image.find('@') != std::string_view::npos) return std::nullopt;
  size_t slash = image.rfind('/');
  std::string_view last = slash == std::string_view::npos ? image : image.substr(slash + 1);
  size_t colon = last.rfind(':');
  if (colon == std::string_view::npos) return std::string_view{};
  std::string_view tag = last.substr(colon + 1);
  if (tag == "latest") return tag;
  return std::nullopt;
}

void unpinnedImage(const Context& c, const sema::Service& s) {
  if (!s.image) return;
  std::optional<std::string_view> tag = unpinnedTag(s.image->value);
  if (!tag) return;
  c.diags
      .report(Code::W1004, c.at(s, s.image->span),
              "service " + quoted(s.name) + " runs `" + s.image->value + "`, " +
                  (tag->empty() ? "which has no tag" : "tagged `latest`"))
      .label(tag->empty() ? "no tag means `latest`" : "`latest` moves whenever the image is pushed")
      .withHelp("pin a version tag (`name:1.2.3`) or a digest (`name@sha256:…`)");
}

// What each secure default protects, by its docs/outputs.md name.
std::string_view protects(std::string_view opt_out) {
  if (opt_out == "allow_privilege_escalation")
    return "processes in the container can gain more privileges than their parent";
  if (opt_out == "drop_capabilities") return "the container keeps the Linux capabilities of its runtime";
  if (opt_out == "network_policy") return "any pod in the cluster can connect to the service";
  if (opt_out == "read_only_root_filesystem") return "the container can write to its root filesystem";
  if (opt_out == "run_as_non_root") return "the container may run as root";
  if (opt_out == "seccomp") return "no seccomp profile restricts the container's system calls";
  return "the pod gets a token for the Kubernetes API";
}

void optedOutDefaults(const Context& c, const sema::Service& s) {
  for (const sema::OptOut& o : s.opt_outs) {
    // The standard library documents its own opt-outs (std.backing's postgres).
    if (!c.inUserFile(o.span)) continue;
    c.diags.report(Code::W1005, o.span, "service " + quoted(s.name) + " turns off the secure default `" + o.name + "`")
        .label("opted out here")
        .note(std::string(protects(o.name)))
        .withHelp("remove the opt-out if the service works without it; `svcc lint --allow W1005` accepts it");
  }
}

bool optedOut(const sema::Service& s, std::string_view name) {
  for (const sema::OptOut& o : s.opt_outs) {
    if (o.name == name) return true;
  }
  return false;
}

// The first `$(NAME)` in `text` whose NAME is one of `names`, if any.
std::optional<std::string> variableInParens(std::string_view text, const std::vector<sema::EnvEntry>& names) {
  for (size_t at = text.find("$("); at != std::string_view::npos; at = text.find("$(", at + 2)) {
    size_t close = text.find(')', at + 2);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view name = text.substr(at + 2, close - at - 2);
    for (const sema::EnvEntry& e : names) {
      if (e.name == name) return std::string(name);
    }
  }
  return std::nullopt;
}

// Kubernetes would expand `$(NAME)` when NAME came earlier; svcc escapes it instead, so
// a value that names one of the service's variables stays literal, which may surprise.
void unexpandedReferences(const Context& c, const sema::Service& s) {
  auto warn = [&](Span span, const std::string& name) {
    c.diags.report(Code::W1012, c.at(s, span), "`$(" + name + ")` stays literal text")
        .label("svcc escapes `$(`: the program sees `$(" + name + ")`, not the value of `" + name + "`")
        .withHelp(
            "to use the value, build the string in the source with a `let` and `${…}`, or expand it in "
            "the program");
  };
  for (const sema::EnvEntry& e : s.env) {
    if (e.kind != sema::EnvEntry::Kind::Literal) continue;
    if (auto name = variableInParens(e.value, s.env)) warn(e.span, *name);
  }
  if (s.command && !s.build) {
    for (const std::string& arg : s.command->value) {
      if (auto name = variableInParens(arg, s.env)) {
        warn(s.command->span, *name);
        break;
      }
    }
  }
}

}  // namespace

// lowering runs a plain image without `user` as sema::kAssumedImageUser; svcc cannot look
// inside the image, so it says what it assumed.
void assumedImageUser(const Context& c, const sema::Service& s, std::string_view runs) {
  if (!s.image || s.build || s.user || optedOut(s, "run_as_non_root")) return;
  std::string uid = std::to_string(sema::kAssumedImageUser);
  c.diags.report(Code::W1011, c.at(s, s.image->span), "svcc assumed `" + s.image->value + "` can run as uid " + uid)
      .label("no `user`: " + std::string(runs) + " runs as uid and gid " + uid)
      .note(
          "pods run with `runAsNonRoot: true`, and the kubelet refuses an image whose USER is root or a name "
          "unless it is given a numeric uid")
      .withHelp("set `user = N` to the uid the image is built for (its `USER`)");
}

void serviceRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  noHealthCheck(c, s);
  noResources(c, s);
  singleReplicaIngress(c, s, c.decls[id]);
  unpinnedImage(c, s);
  optedOutDefaults(c, s);
  assumedImageUser(c, s, "the pod");
  unexpandedReferences(c, s);
}

}  // namespace svcc::lint
