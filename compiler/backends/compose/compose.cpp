#include "backends/compose/compose.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "backends/compose/healthcheck.h"
#include "backends/docker/build_paths.h"
#include "backends/header_comment.h"
#include "backends/yaml/yaml_writer.h"

namespace svcc::compose {

namespace {

using ir::OptOut;

// Compose interpolates `${...}` and `$NAME` in every value; `$$` is a literal `$`.
std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '$') out += '$';
  }
  return out;
}

std::string durationText(int64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

// A secret's name or key as part of a compose variable: the usual lower-case words
// joined by single `-` (`db-prod`, `session-key`) upper-cased with `_` for `-`, anything
// else (`tls.crt`, `DB_PASSWORD`, `a--b`) as `_` and its bytes in hex. Neither form
// holds `__` and only the hex form starts with `_`.
std::string variablePart(std::string_view text) {
  bool simple = !text.empty() && text.front() != '-' && text.back() != '-' && text.find("--") == std::string_view::npos;
  for (char c : text) simple = simple && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  std::string out;
  if (simple) {
    for (char c : text) out += c == '-' ? '_' : c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
  }
  static const char kHex[] = "0123456789ABCDEF";
  out = "_";
  for (unsigned char c : text) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// SVCC_SECRET_<NAME>__<KEY>. Injective: the name's part never holds `__`, so the first
// `__` after the prefix ends it, and each part is read back one way (variablePart).
// Two secrets therefore never share a variable, and so never a value
// (`secret("db-prod", "password")` is SVCC_SECRET_DB_PROD__PASSWORD,
// `secret("db", "prod-password")` SVCC_SECRET_DB__PROD_PASSWORD).
std::string secretVariable(const ir::SecretRef& secret) {
  return "SVCC_SECRET_" + variablePart(secret.name) + "__" + variablePart(secret.key);
}

// The value is left to the developer: compose reads it from the shell or from `.env`
// beside compose.yaml and refuses to start without it, so no secret is ever written.
std::string secretValue(const ir::SecretRef& secret) {
  std::string variable = secretVariable(secret);
  return "${" + variable + ":?set " + variable + " (secret " + secret.name + ", key " + secret.key +
         ") in .env beside compose.yaml}";
}

std::string envValue(const ir::EnvVar& v) {
  switch (v.kind) {
    case ir::EnvVar::Kind::Literal:
      return escaped(v.literal);
    // Inside compose, containers reach each other directly on the container port:
    // there is no Service in front of them to translate the Service port.
    case ir::EnvVar::Kind::Reference:
      return escaped(ir::referenceValue(v.reference, v.reference.container_port));
    case ir::EnvVar::Kind::Secret:
      return secretValue(v.secret);
    case ir::EnvVar::Kind::Pod:
      break;  // writeService asks ir::podFieldWithoutPod
  }
  return {};
}

std::optional<int64_t> userOf(const ir::Service& s) {
  if (s.user) return s.user;
  if (s.build) return s.build->user;
  return std::nullopt;
}

// Entry points publish their ports on the laptop: services with `ingress`, and those
// no other service depends on (by service index).
std::vector<bool> entryPoints(const ir::App& app) {
  std::vector<bool> entry(app.services.size(), true);
  for (const ir::Service& s : app.services) {
    for (const ir::Dependency& d : s.dependencies) {
      const ir::Service* target = app.findService(d.service);
      if (target && !target->ingress) entry[static_cast<size_t>(target - app.services.data())] = false;
    }
  }
  return entry;
}

void writeStringList(yaml::Writer& w, std::string_view key, const std::vector<std::string>& items) {
  w.key(key);
  w.beginSeq();
  for (const std::string& item : items) w.str(escaped(item));
  w.endSeq();
}

void writeBuild(yaml::Writer& w, const ir::Service& s, const docker::BuildPaths& paths) {
  w.key("build");
  w.beginMap();
  w.pair("context", escaped(docker::contextFrom(paths, *s.build, "")));
  w.pair("dockerfile", escaped(docker::dockerfileFromContext(paths, s)));
  w.endMap();
}

// Only on 127.0.0.1, host port = container port; a host port an earlier service (by
// name) took already is left to Docker to choose. The short form
// "127.0.0.1:8080:8080/tcp" ("127.0.0.1::8080/tcp" for Docker's choice) is the one both
// the Compose specification and Debian's docker-compose 1.29 accept: 1.29 refuses the
// long form's `host_ip`.
void writePorts(yaml::Writer& w, const ir::Service& s, std::set<std::pair<uint32_t, bool>>& taken) {
  if (s.ports.empty()) return;
  w.key("ports");
  w.beginSeq();
  for (const ir::Port& p : s.ports) {
    bool udp = p.protocol == ir::Protocol::Udp;
    std::string target = std::to_string(p.container_port);
    std::string published = taken.insert({p.container_port, udp}).second ? target : "";
    w.str("127.0.0.1:" + published + ":" + target + (udp ? "/udp" : "/tcp"));
  }
  w.endSeq();
}

using Conditions = std::vector<std::pair<std::string, std::string_view>>;  // compose service → condition

// The services `s`'s pod dials, each gated on its health check when it has one.
Conditions dependencyConditions(const ir::App& app, const ir::Service& s) {
  Conditions out;
  std::string_view previous;
  for (const ir::Dependency& d : s.dependencies) {
    if (d.service == previous) continue;
    previous = d.service;
    const ir::Service* target = app.findService(d.service);
    bool healthy = target && !healthTest(*target).empty();
    out.emplace_back(d.service, healthy ? "service_healthy" : "service_started");
  }
  return out;
}

void writeDependsOn(yaml::Writer& w, const Conditions& conditions) {
  if (conditions.empty()) return;
  w.key("depends_on");
  w.beginMap();
  for (const auto& [service, condition] : conditions) {
    w.key(service);
    w.beginMap();
    w.pair("condition", condition);
    w.endMap();
  }
  w.endMap();
}

// An init or sidecar container's compose service: `<service>-<container>`.
std::string extraName(const ir::Service& pod, const ir::Container& c) { return pod.name + "-" + c.name; }

// A wait of `depends on ready(db)` is left to `condition: service_healthy` where db has
// a healthcheck here; every other container is a service of its own.
bool inCompose(const ir::App& app, const ir::Container& c) {
  if (c.waits_for.empty()) return true;
  const ir::Service* target = app.findService(c.waits_for);
  return !target || healthTest(*target).empty();
}

// `s`: a service, or an extra container's body (its own probes, ports and image tools).
void writeHealthcheck(yaml::Writer& w, const ir::Service& s) {
  std::vector<std::string> test = healthTest(s);
  if (test.empty()) return;
  w.key("healthcheck");
  w.beginMap();
  const ir::Health& h = *s.readiness();
  writeStringList(w, "test", test);
  w.pair("interval", durationText(h.period_ms));
  w.pair("timeout", durationText(h.timeout_ms.value_or(std::min<int64_t>(h.period_ms, 5000))));
  w.pair("retries", h.failures.value_or(3));
  if (h.initial_delay_ms > 0) w.pair("start_period", durationText(h.initial_delay_ms));
  w.endMap();
}

std::string volumeName(const ir::Service& s, const ir::Volume& v) { return s.name + "-" + v.name; }

// OUT/config/<service>/<config>: a config's files, as the ConfigMap holds them, written
// beside compose.yaml so that the bind mounts below read exactly that.
std::string configDir(const ir::Service& s, const ir::Config& c) { return "config/" + s.name + "/" + c.name; }

// What a config's bind mount reads: its file or directory under OUT/config/, or for a
// Secret's key OUT/secrets/<secret>/<key>, which the developer writes (svcc never writes
// a secret; compose refuses to start without the file).
std::string configSource(const ir::Service& s, const ir::Config& c) {
  if (c.isSecret()) return "./secrets/" + c.secret.name + "/" + c.secret.key;
  std::string source = "./" + configDir(s, c);
  if (!c.dir && !c.entries.empty()) source += "/" + c.entries[0].key;
  return source;
}

void writeVolumes(yaml::Writer& w, const ir::Service& s) {
  if (s.volumes.empty() && s.configs.empty()) return;
  w.key("volumes");
  w.beginSeq();
  for (const ir::Volume& v : s.volumes) {
    w.beginMap();
    w.pair("type", "volume");
    w.pair("source", volumeName(s, v));
    w.pair("target", escaped(v.mount));
    w.endMap();
  }
  for (const ir::Config& c : s.configs) {
    w.beginMap();
    w.pair("type", "bind");
    w.pair("source", escaped(configSource(s, c)));
    w.pair("target", escaped(c.mount));
    w.pair("read_only", true);
    w.endMap();
  }
  w.endSeq();
}

std::string tmpfsMount(const ir::Scratch& sc, std::string_view path) {
  return std::string(path) + (sc.size_bytes ? ":size=" + std::to_string(sc.size_bytes) : "");
}

// The container-level secure defaults of the pods, so that the laptop fails the same
// way the cluster would. `extra`: an init or sidecar container of `s`'s pod.
void writeSecurity(yaml::Writer& w, const ir::Service& s, const ir::Container* extra = nullptr) {
  if (!s.optedOut(OptOut::ReadOnlyRootFilesystem)) w.pair("read_only", true);
  // Every scratch is a tmpfs here, on disk or not: compose has no empty directory on disk
  // that a non-root user can write (an anonymous volume is root's), and a tmpfs is 1777.
  // So each container has a scratch of its own, not one the pod's containers share
  // (`svcc lint`, W1022).
  std::vector<std::string> mounts;
  for (const ir::Scratch& sc : s.scratch) {
    if (!extra) {
      mounts.push_back(tmpfsMount(sc, sc.mount));
      continue;
    }
    for (const auto& [name, path] : extra->mounts)
      if (name == sc.name) mounts.push_back(tmpfsMount(sc, path));
  }
  if (!mounts.empty()) writeStringList(w, "tmpfs", mounts);
  if (!extra && !s.options().capabilities.empty()) {
    std::vector<std::string> added;
    for (const auto& [name, why] : s.options().capabilities) added.push_back(name);
    writeStringList(w, "cap_add", added);
  }
  if (!s.optedOut(OptOut::DropCapabilities)) writeStringList(w, "cap_drop", {"ALL"});
  if (!s.optedOut(OptOut::AllowPrivilegeEscalation)) writeStringList(w, "security_opt", {"no-new-privileges:true"});
}

// A list of NAME=value, not a map: a YAML implicit key is at most 1024 characters, and
// an env name may be longer (compose and Docker take any length). `pod`: the service
// whose pod it is, for pod fields.
void writeEnvironment(yaml::Writer& w, const ir::App& app, const std::string& pod, const std::vector<ir::EnvVar>& env) {
  if (env.empty()) return;
  w.key("environment");
  w.beginSeq();
  for (const ir::EnvVar& v : env) {
    if (v.kind != ir::EnvVar::Kind::Pod) {
      w.str(v.name + "=" + envValue(v));
    } else if (auto value = ir::podFieldWithoutPod(v.literal, pod, app.namespace_name)) {
      w.str(v.name + "=" + escaped(*value));
    }  // else only a cluster knows it: left out (`svcc lint`, W1021)
  }
  w.endSeq();
}

void writeUser(yaml::Writer& w, const ir::Service& s) {
  if (auto user = userOf(s)) w.pair("user", std::to_string(*user) + (s.group ? ":" + std::to_string(*s.group) : ""));
}

// The pod's volumes and configs an extra container mounts, at its own paths.
void writeExtraVolumes(yaml::Writer& w, const ir::Service& pod, const ir::Container& c) {
  bool any = false;
  for (const auto& [name, path] : c.mounts) {
    auto volume =
        std::find_if(pod.volumes.begin(), pod.volumes.end(), [&](const ir::Volume& v) { return v.name == name; });
    auto config =
        std::find_if(pod.configs.begin(), pod.configs.end(), [&](const ir::Config& x) { return x.name == name; });
    if (volume == pod.volumes.end() && config == pod.configs.end()) continue;  // a scratch: a tmpfs
    if (!any) {
      w.key("volumes");
      w.beginSeq();
      any = true;
    }
    w.beginMap();
    if (volume != pod.volumes.end()) {
      w.pair("type", "volume");
      w.pair("source", volumeName(pod, *volume));
    } else {
      w.pair("type", "bind");
      w.pair("source", escaped(configSource(pod, *config)));
    }
    w.pair("target", escaped(path));
    if (config != pod.configs.end()) w.pair("read_only", true);
    w.endMap();
  }
  if (any) w.endSeq();
}

// An init container: a one-shot service the app waits on (service_completed_successfully),
// after the pod's dependencies and the containers before it. A sidecar: a service in the
// app's network namespace, as in the pod (so it starts once the app has).
void writeExtraService(yaml::Writer& w, const ir::App& app, const ir::Service& pod, size_t index,
                       const docker::BuildPaths& paths) {
  const ir::Container& c = pod.options().containers[index];
  const ir::Service& b = *c.body;
  bool init = c.kind == ir::Container::Kind::Init;
  w.key(extraName(pod, c));
  w.beginMap();
  w.pair("image", escaped(b.image));
  // The app's image is built by its service; built here too, from the same recipe, so that
  // compose never pulls an image that exists only once built.
  if (!c.own_image && pod.build) writeBuild(w, pod, paths);
  else if (b.build) writeBuild(w, b, paths);
  if (!b.command.empty() && !b.build) writeStringList(w, "command", b.command);  // else the CMD
  writeUser(w, b.user || c.own_image ? b : pod);
  if (pod.options().fs_group) writeStringList(w, "group_add", {std::to_string(*pod.options().fs_group)});
  if (init) w.pair("restart", "no");
  else w.pair("network_mode", "service:" + pod.name);
  writeEnvironment(w, app, pod.name, b.env);
  Conditions after;
  if (init) {
    after = dependencyConditions(app, pod);
    for (size_t i = 0; i < index; ++i) {
      const ir::Container& before = pod.options().containers[i];
      if (before.kind == ir::Container::Kind::Init && inCompose(app, before))
        after.emplace_back(extraName(pod, before), "service_completed_successfully");
    }
  } else {
    after.emplace_back(pod.name, "service_started");
  }
  writeDependsOn(w, after);
  if (!init) writeHealthcheck(w, b);
  writeExtraVolumes(w, pod, c);
  writeSecurity(w, pod, &c);
  w.endMap();
}

void writeService(yaml::Writer& w, const ir::App& app, const ir::Service& s, bool entry,
                  std::set<std::pair<uint32_t, bool>>& taken, const docker::BuildPaths& paths) {
  w.key(s.name);
  w.beginMap();
  w.pair("image", escaped(s.image));
  if (s.build) writeBuild(w, s, paths);
  // A built image carries its command as CMD.
  if (!s.build && !s.command.empty()) writeStringList(w, "command", s.command);
  writeUser(w, s);
  if (s.options().fs_group) writeStringList(w, "group_add", {std::to_string(*s.options().fs_group)});
  // Whole ConfigMaps and Secrets live in the cluster: the developer gives their keys in
  // env files beside compose.yaml, and compose refuses to start, naming the file, until
  // they exist. Listed in the order Kubernetes reads them (a later file wins).
  if (!s.options().env_from_config_maps.empty() || !s.options().env_from_secrets.empty()) {
    std::vector<std::string> files;
    for (const std::string& name : s.options().env_from_config_maps) files.push_back("env/configmap-" + name + ".env");
    for (const std::string& name : s.options().env_from_secrets) files.push_back("env/secret-" + name + ".env");
    writeStringList(w, "env_file", files);
  }
  writeEnvironment(w, app, s.name, s.env);
  if (entry) writePorts(w, s, taken);
  Conditions after = dependencyConditions(app, s);
  for (const ir::Container& c : s.options().containers)
    if (c.kind == ir::Container::Kind::Init && inCompose(app, c))
      after.emplace_back(extraName(s, c), "service_completed_successfully");
  writeDependsOn(w, after);
  writeHealthcheck(w, s);
  writeVolumes(w, s);
  writeSecurity(w, s);
  if (s.termination_grace_seconds) w.pair("stop_grace_period", std::to_string(*s.termination_grace_seconds) + "s");
  if (!s.options().stop_signal.empty()) w.pair("stop_signal", s.options().stop_signal);
  w.endMap();
}

}  // namespace

OutputSet emitCompose(const ir::App& app, const docker::BuildPaths& paths) {
  std::string out = generatedHeader(app.source.path);
  yaml::Writer w(out);
  w.beginMap();
  w.key("services");
  w.beginMap();
  std::vector<bool> entry = entryPoints(app);
  std::set<std::pair<uint32_t, bool>> taken;
  for (size_t i = 0; i < app.services.size(); ++i) {
    const ir::Service& s = app.services[i];
    writeService(w, app, s, entry[i], taken, paths);
    for (size_t c = 0; c < s.options().containers.size(); ++c)
      if (inCompose(app, s.options().containers[c])) writeExtraService(w, app, s, c, paths);
  }
  w.endMap();
  bool any_volume = false;
  for (const ir::Service& s : app.services) any_volume = any_volume || !s.volumes.empty();
  if (any_volume) {
    w.key("volumes");
    w.beginMap();
    for (const ir::Service& s : app.services) {
      for (const ir::Volume& v : s.volumes) {
        w.key(volumeName(s, v));
        w.beginMap();
        w.endMap();
      }
    }
    w.endMap();
  }
  w.endMap();
  OutputSet files{{"compose.yaml", std::move(out)}};
  for (const ir::Service& s : app.services) {
    for (const ir::Config& c : s.configs) {
      for (const ir::Config::Entry& e : c.entries)
        files.emplace(configDir(s, c) + "/" + e.key, e.compose_text ? *e.compose_text : e.text);
    }
  }
  return files;
}

}  // namespace svcc::compose
