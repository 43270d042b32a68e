#include <string>
#include <string_view>
#include <vector>

#include "lint/rules.h"
#include "sema/names.h"

namespace svcc::lint {

namespace {

// Annotation keys that tools read by exact name: a typo is silently ignored.
constexpr std::string_view kWellKnownKeys[] = {
    "argocd.argoproj.io/hook",
    "argocd.argoproj.io/sync-wave",
    "cluster-autoscaler.kubernetes.io/safe-to-evict",
    "kubectl.kubernetes.io/default-container",
    "linkerd.io/inject",
    "prometheus.io/path",
    "prometheus.io/port",
    "prometheus.io/scheme",
    "prometheus.io/scrape",
    "sidecar.istio.io/inject",
};

bool isWellKnown(std::string_view key) {
  for (std::string_view known : kWellKnownKeys)
    if (known == key) return true;
  return false;
}

// The annotations that turn a pod's seccomp or AppArmor confinement off, which svcc's
// secure defaults set (docs/outputs.md): the old seccomp keys, which kubelets before
// 1.27 read, and AppArmor's, which kubelets before 1.30 read.
bool undoesSecureDefault(std::string_view key, std::string_view value) {
  if (value != "unconfined") return false;
  return key == "seccomp.security.alpha.kubernetes.io/pod" ||
         key.starts_with("container.seccomp.security.alpha.kubernetes.io/") ||
         key.starts_with("container.apparmor.security.beta.kubernetes.io/");
}

// `s`: the service the annotations are of; null for the app's.
void checkAnnotations(const Context& c, const sema::Service* s, const std::vector<sema::KeyValue>& annotations,
                      std::string_view object) {
  for (const sema::KeyValue& kv : annotations) {
    Span at = s ? c.at(*s, kv.span) : kv.span;
    if (undoesSecureDefault(kv.key, kv.value)) {
      bool apparmor = kv.key.find("apparmor") != std::string::npos;
      c.diags
          .report(Code::W1024, at,
                  "annotation `" + kv.key + "` of " + std::string(object) + " turns off " +
                      (apparmor ? "AppArmor" : "seccomp"))
          .label("undoes a secure default without its opt-out")
          .withHelp(apparmor ? std::string("remove it; the runtime's default AppArmor profile applies")
                             : "remove it, or opt out in the source: `opt_out = [\"seccomp\"]`");
      continue;
    }
    if (isWellKnown(kv.key) || kv.key.find('/') == std::string::npos) continue;
    if (auto near = sema::nearestName(kv.key, kWellKnownKeys)) {
      c.diags
          .report(Code::W1023, at,
                  "annotation `" + kv.key + "` of " + std::string(object) + " looks like `" + *near + "`")
          .label("no tool reads this key")
          .withHelp("did you mean `" + *near + "`?");
    }
  }
}

}  // namespace

void metadataRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  const std::string service = "`" + s.name + "`";
  checkAnnotations(c, &s, s.annotations, "the pod of " + service);
  const sema::Metadata& m = s.options().metadata;
  checkAnnotations(c, &s, m.pod.annotations, "the pod of " + service);
  checkAnnotations(c, &s, m.workload.annotations, "the workload of " + service);
  checkAnnotations(c, &s, m.service.annotations, "the Service of " + service);
  checkAnnotations(c, &s, m.ingress.annotations, "the Ingress of " + service);
  checkAnnotations(c, &s, m.service_account.annotations, "the ServiceAccount of " + service);
}

void appMetadataRules(const Context& c) {
  if (c.inUserFile(c.model.app.span)) checkAnnotations(c, nullptr, c.model.app.annotations, "every object");
}

}  // namespace svcc::lint
