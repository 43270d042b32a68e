#include "ir/lower_checks.h"

#include <algorithm>
#include <map>
#include <utility>

#include "ir/docker_strings.h"
#include "ir/ir.h"
#include "sema/names.h"
#include "sema/pod_values.h"
#include "sema/units.h"

namespace svcc::ir {

namespace {

bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The name part of a label key and every label value: alphanumerics with `-`, `_`
// and `.` inside, at most 63 characters.
std::optional<std::string> checkQualifiedPart(std::string_view s, std::string_view what) {
  if (s.size() > 63) return std::string(what) + " is longer than 63 characters";
  if (!isAlnum(s.front()) || !isAlnum(s.back()))
    return std::string(what) + " must start and end with a letter or digit";
  for (char c : s) {
    if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
      return std::string(what) + " may hold only letters, digits, `-`, `_` and `.`";
    }
  }
  return std::nullopt;
}

void checkLabels(const std::vector<sema::KeyValue>& entries, bool values_too, Diagnostics& diags) {
  const char* kind = values_too ? "label" : "annotation";
  for (const sema::KeyValue& kv : entries) {
    if (auto why = checkLabelKey(kv.key)) {
      diags.report(Code::E0502, kv.span, std::string(kind) + " key `" + kv.key + "` is not valid in Kubernetes")
          .label(*why)
          .withHelp(
              "keys are `name` or `prefix/name`, quoted when they hold `.` or `/` "
              "(`\"app.kubernetes.io/name\" = …`): a name of letters, digits, `-`, `_` and `.`, at most 63 "
              "characters, after an optional lower-case DNS subdomain prefix");
    } else if (values_too && ir::isSvccLabel(kv.key)) {
      diags.report(Code::E0508, kv.span, "svcc sets the label `" + kv.key + "` itself")
          .label("this value would be replaced")
          .withHelp(kv.key == "app.kubernetes.io/name"      ? "it is the service's name; remove the entry"
                    : kv.key == "app.kubernetes.io/part-of" ? "it is the app's name (`app NAME`); remove the entry"
                    : kv.key == "app.kubernetes.io/version"
                        ? "it is `app.version`; set that instead"
                        : "it says the objects are managed by svcc; remove the entry");
    } else if (values_too) {
      if (auto value_why = checkLabelValue(kv.value)) {
        diags
            .report(Code::E0502, kv.span,
                    "value `" + kv.value + "` of label `" + kv.key + "` is not valid in Kubernetes")
            .label(*value_why)
            .withHelp("put free text in `annotations { … }`, which take any value");
      }
    }
  }
}

// `metadata { … }`: the same keys as a service's labels and annotations, and not the
// selector's `app`, which every object of the service shares.
void checkObjectMetadata(const sema::Service& s, Diagnostics& diags) {
  const sema::Metadata& m = s.options().metadata;
  for (const sema::ObjectMetadata* object : {&m.pod, &m.workload, &m.service, &m.ingress, &m.service_account}) {
    checkLabels(object->labels, true, diags);
    checkLabels(object->annotations, false, diags);
    for (const sema::KeyValue& kv : object->labels) {
      if (kv.key != "app") continue;
      diags.report(Code::E0508, kv.span, "the label `app` of one object of `" + s.name + "`")
          .label("the selector's label: the pod and the selectors would disagree")
          .withHelp("set `app` in the service's `labels { … }`, which every object gets");
    }
  }
}

void checkVersionAndRegistry(const sema::Model& model, Diagnostics& diags) {
  const sema::App& app = model.app;
  const sema::Service* built = nullptr;
  for (const sema::Service& s : model.services) {
    if (s.build) {
      built = &s;
      break;
    }
  }
  if (app.version && !app.version->value.empty()) {
    const std::string& version = app.version->value;
    std::optional<std::string> tag_why = built ? checkImageTag(version) : std::nullopt;
    if (tag_why) {
      diags
          .report(Code::E0501, app.version->span,
                  "version `" + version + "` cannot tag the image of `" + built->name + "`")
          .label(*tag_why)
          .withHelp(
              "built images are named `<registry>/<service>:<version>`; use letters, digits, `_`, `.` and `-`, "
              "e.g. `1.4.2`");
    } else if (auto label_why = checkLabelValue(version)) {
      diags
          .report(Code::E0502, app.version->span,
                  "version `" + version + "` cannot be the label `app.kubernetes.io/version`")
          .label(*label_why)
          .withHelp("use letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit, e.g. `1.4.2`");
    }
  }
  if (built && app.registry && !app.registry->value.empty()) {
    std::string image = app.registry->value + "/" + built->name + ":1";
    if (auto why = sema::checkImageReference(image)) {
      diags
          .report(Code::E0501, app.registry->span,
                  "registry `" + app.registry->value + "` does not make a valid image name for `" + built->name + "`")
          .label(*why)
          .withHelp("a registry is a lower-case host with an optional port and path, e.g. `ghcr.io/acme`");
    }
  }
}

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// A Dockerfile instruction is one line: a line break in a value would start another.
void checkStepLines(const std::vector<sema::BuildStep>& steps, Diagnostics& diags) {
  for (const sema::BuildStep& step : steps) {
    checkStepLines(step.steps, diags);
    bool broken = hasLineBreak(step.name);
    for (const std::string& arg : step.args) broken = broken || hasLineBreak(arg);
    if (broken) {
      diags.report(Code::E0504, step.span, "a build step holds a line break")
          .label("this step would become more than one Dockerfile line")
          .withHelp("join the commands with `&&` on one line, or run a script copied into the image");
    }
  }
}

// The Docker backend writes USER, the Kubernetes one runAsUser: they must agree and not
// be root, unless the service gave up `run_as_non_root` explicitly.
void checkImageUser(const sema::Service& s, Diagnostics& diags) {
  const sema::BuildRecipe& recipe = *s.build;
  for (const sema::OptOut& o : s.opt_outs) {
    if (o.name == "run_as_non_root") return;
  }
  if (!recipe.user) {
    diags.report(Code::E0503, recipe.span, "the image of `" + s.name + "` has no numeric `user`")
        .label("this recipe would run as root")
        .withHelp(
            "end the recipe with a non-root numeric user, e.g. `user 10001`, or opt out with "
            "`opt_out = [\"run_as_non_root\"]`");
  } else if (*recipe.user == 0) {
    diags.report(Code::E0503, recipe.span, "the image of `" + s.name + "` runs as root (`user 0`)")
        .label("`user 0` is root")
        .withHelp("use a non-root numeric user, e.g. `user 10001`, or opt out with `opt_out = [\"run_as_non_root\"]`");
  } else if (s.user && s.user->value != *recipe.user) {
    diags
        .report(Code::E0503, s.user->span,
                "`" + s.name + "` runs as " + std::to_string(s.user->value) + " but its image as " +
                    std::to_string(*recipe.user))
        .label("the pod's user")
        .secondaryLabel(recipe.span, "the recipe's `user` is " + std::to_string(*recipe.user))
        .withHelp("drop `user`: a built image runs as the recipe's `user`");
  }
}

bool optedOut(const sema::Service& s, std::string_view name) {
  for (const sema::OptOut& o : s.opt_outs) {
    if (o.name == name) return true;
  }
  return false;
}

// Beside a read-only root filesystem lowering adds the default scratch, named `tmp` and
// mounted at `/tmp`, unless the service mounts something of its own at `/tmp`. A volume or
// scratch named `tmp` elsewhere would take its name and leave `/tmp` read-only.
void checkTmpName(const sema::Service& s, const sema::PodMount& m, Diagnostics& diags) {
  if (m.name != kScratchVolume || sema::normalMountPath(m.mount) == kScratchMount) return;
  diags
      .report(Code::E0506, m.span,
              std::string(m.kind) + " `tmp` of `" + s.name + "` is named like the default `/tmp` scratch")
      .label("mounted at `" + std::string(m.mount) + "`, not `/tmp`")
      .withHelp("give it another name, or mount it at `/tmp` to replace the default scratch");
}

// A memory-backed scratch is a tmpfs, whose pages count against the container's memory
// limit: if they alone reach it, the app is killed once the scratch fills.
void checkMemoryScratch(const sema::Service& s, Diagnostics& diags) {
  if (!s.resources.memory_limit) return;
  int64_t limit = s.resources.memory_limit->value, total = 0;
  for (const sema::Scratch& sc : s.scratch) {
    if (!sc.memory) continue;
    total += sc.size_bytes;
    if (total < limit) continue;
    diags
        .report(Code::E0509, sc.size_span,
                "memory-backed scratch of `" + s.name + "` takes " + sema::renderMemory(total) +
                    ", and its memory limit is " + sema::renderMemory(limit))
        .label("counted against the memory limit")
        .secondaryLabel(s.resources.memory_limit->span, "the limit")
        .withHelp("raise the memory limit, make the scratch smaller, or back it by disk (`memory = false`)");
    return;
  }
}

void checkScratch(const sema::Service& s, Diagnostics& diags) {
  checkMemoryScratch(s, diags);
  if (optedOut(s, "read_only_root_filesystem")) return;
  for (const sema::PodMount& m : sema::podMounts(s)) checkTmpName(s, m, diags);
}

// `Prefix` matching ignores a trailing `/`: `/api/` and `/api` are one route.
std::string routePath(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

void checkIngressRoutes(const sema::Model& model, Diagnostics& diags) {
  std::map<std::pair<std::string, std::string>, const sema::Service*> routes;
  for (const sema::Service& s : model.services) {
    if (!s.ingress) continue;
    auto [it, fresh] = routes.emplace(std::pair{s.ingress->host, routePath(s.ingress->path)}, &s);
    if (fresh) continue;
    const sema::Service& first = *it->second;
    std::string host = s.ingress->host.empty() ? "any host" : "`" + s.ingress->host + "`";
    // One template's ingress gives both the same span: then the services' names say more.
    bool same_place =
        s.ingress->span.file == first.ingress->span.file && s.ingress->span.begin == first.ingress->span.begin;
    diags
        .report(Code::E0507, same_place ? s.span : s.ingress->span,
                "`" + s.name + "` and `" + first.name + "` both route " + host + " and path `" + it->first.second + "`")
        .label(same_place ? "its ingress routes it again" : "this ingress routes it again")
        .secondaryLabel(same_place ? first.span : first.ingress->span, "`" + first.name + "` routes it first")
        .withHelp("give each service its own `host` or `path`");
  }
}

}  // namespace

std::optional<std::string> checkLabelKey(std::string_view key) {
  if (key.empty()) return "the key is empty";
  size_t slash = key.rfind('/');
  if (slash != std::string_view::npos) {
    std::string_view prefix = key.substr(0, slash);
    if (prefix.empty()) return "the prefix before `/` is empty";
    if (auto why = sema::checkRfc1123Subdomain(prefix)) return "the prefix: " + *why;
    key = key.substr(slash + 1);
    if (key.empty()) return "the name after `/` is empty";
  }
  return checkQualifiedPart(key, "the name");
}

std::optional<std::string> checkLabelValue(std::string_view value) {
  if (value.empty()) return std::nullopt;
  return checkQualifiedPart(value, "a label value");
}

std::optional<std::string> checkImageTag(std::string_view tag) {
  if (tag.empty()) return "the tag is empty";
  if (tag.size() > 128) return "a tag is at most 128 characters";
  if (tag.front() == '.' || tag.front() == '-') return "a tag cannot start with `.` or `-`";
  for (char c : tag) {
    if (!isAlnum(c) && c != '_' && c != '.' && c != '-') return "a tag may hold only letters, digits, `_`, `.` and `-`";
  }
  return std::nullopt;
}

// An init or sidecar container is the compose service `<service>-<container>`, and its
// own image `<registry>/<service>-<container>`: neither may be another service's.
void checkContainerNames(const sema::Model& model, Diagnostics& diags) {
  for (const sema::Service& s : model.services) {
    for (const sema::Container& c : s.options().containers) {
      std::string joined = s.name + "-" + c.name;
      auto same = [&](const sema::Service& other) { return other.name == joined; };
      auto other = std::find_if(model.services.begin(), model.services.end(), same);
      if (other == model.services.end()) continue;
      diags
          .report(Code::E0511, c.span,
                  "container `" + c.name + "` of `" + s.name + "` would be named `" + joined + "`, like a service")
          .label("compose service and image `" + joined + "`")
          .secondaryLabel(other->span, "the service `" + joined + "`")
          .withHelp("rename the container or the service");
    }
  }
}

void checkLoweredNames(const sema::Model& model, Diagnostics& diags) {
  checkVersionAndRegistry(model, diags);
  checkLabels(model.app.labels, true, diags);
  checkLabels(model.app.annotations, false, diags);
  for (const sema::Service& s : model.services) {
    if (s.build) {
      checkStepLines(s.build->steps, diags);
      checkStepStrings(s.build->steps, diags);
      checkImageUser(s, diags);
    }
    checkLabels(s.labels, true, diags);
    checkLabels(s.annotations, false, diags);
    checkObjectMetadata(s, diags);
    checkScratch(s, diags);
    for (const sema::Container& c : s.options().containers) {
      if (!c.body->build) continue;  // an image of its own, by the same rules
      checkStepLines(c.body->build->steps, diags);
      checkStepStrings(c.body->build->steps, diags);
      checkImageUser(*c.body, diags);
    }
  }
  checkContainerNames(model, diags);
  checkIngressRoutes(model, diags);
}

}  // namespace svcc::ir
