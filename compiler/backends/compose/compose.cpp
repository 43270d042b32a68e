#include "backends/compose/compose.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "backends/compose/healthcheck.h"
#include "backends/docker/build_paths.h"
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

// SVCC_SECRET_<NAME>_<KEY>, upper-cased, every other character an underscore.
std::string secretVariable(const ir::SecretRef& secret) {
  std::string out = "SVCC_SECRET_";
  for (char c : secret.name + "_" + secret.key) {
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    else out += '_';
  }
  return out;
}

// The value is left to the developer: compose reads it from the shell or from `.env`
// beside compose.yaml and refuses to start without it, so no secret is ever written.
std::string secretValue(const ir::SecretRef& secret) {
  std::string variable = secretVariable(secret);
  return "${" + variable + ":?set " + variable + " (secret " + secret.name + ", key " +
         secret.key + ") in .env beside compose.yaml}";
}

std::string envValue(const ir::EnvVar& v) {
  switch (v.kind) {
    case ir::EnvVar::Kind::Literal: return escaped(v.literal);
    // Inside compose, containers reach each other directly on the container port:
    // there is no Service in front of them to translate the Service port.
    case ir::EnvVar::Kind::Reference:
      return escaped(ir::referenceValue(v.reference, v.reference.container_port));
    case ir::EnvVar::Kind::Secret: return secretValue(v.secret);
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
// name) took already is left to Docker to choose.
void writePorts(yaml::Writer& w, const ir::Service& s, std::set<std::pair<uint32_t, bool>>& taken) {
  if (s.ports.empty()) return;
  w.key("ports");
  w.beginSeq();
  for (const ir::Port& p : s.ports) {
    bool udp = p.protocol == ir::Protocol::Udp;
    w.beginMap();
    w.pair("target", p.container_port);
    if (taken.insert({p.container_port, udp}).second) w.pair("published", p.container_port);
    w.pair("host_ip", "127.0.0.1");
    w.pair("protocol", udp ? "udp" : "tcp");
    w.endMap();
  }
  w.endSeq();
}

void writeDependsOn(yaml::Writer& w, const ir::App& app, const ir::Service& s) {
  if (s.dependencies.empty()) return;
  w.key("depends_on");
  w.beginMap();
  std::string_view previous;
  for (const ir::Dependency& d : s.dependencies) {
    if (d.service == previous) continue;
    previous = d.service;
    const ir::Service* target = app.findService(d.service);
    bool healthy = target && !healthTest(*target).empty();
    w.key(d.service);
    w.beginMap();
    w.pair("condition", healthy ? "service_healthy" : "service_started");
    w.endMap();
  }
  w.endMap();
}

void writeHealthcheck(yaml::Writer& w, const ir::Service& s) {
  std::vector<std::string> test = healthTest(s);
  if (test.empty()) return;
  w.key("healthcheck");
  w.beginMap();
  writeStringList(w, "test", test);
  w.pair("interval", durationText(s.health->period_ms));
  w.pair("timeout", durationText(std::min<int64_t>(s.health->period_ms, 5000)));
  w.pair("retries", 3);
  if (s.health->initial_delay_ms > 0) w.pair("start_period", durationText(s.health->initial_delay_ms));
  w.endMap();
}

std::string volumeName(const ir::Service& s, const ir::Volume& v) { return s.name + "-" + v.name; }

void writeVolumes(yaml::Writer& w, const ir::Service& s) {
  if (s.volumes.empty()) return;
  w.key("volumes");
  w.beginSeq();
  for (const ir::Volume& v : s.volumes) {
    w.beginMap();
    w.pair("type", "volume");
    w.pair("source", volumeName(s, v));
    w.pair("target", escaped(v.mount));
    w.endMap();
  }
  w.endSeq();
}

// The container-level secure defaults of the pods, so that the laptop fails the same
// way the cluster would.
void writeSecurity(yaml::Writer& w, const ir::Service& s) {
  if (!s.optedOut(OptOut::ReadOnlyRootFilesystem)) {
    w.pair("read_only", true);
    writeStringList(w, "tmpfs", {"/tmp"});
  }
  if (!s.optedOut(OptOut::DropCapabilities)) writeStringList(w, "cap_drop", {"ALL"});
  if (!s.optedOut(OptOut::AllowPrivilegeEscalation))
    writeStringList(w, "security_opt", {"no-new-privileges:true"});
}

void writeService(yaml::Writer& w, const ir::App& app, const ir::Service& s, bool entry,
                  std::set<std::pair<uint32_t, bool>>& taken, const docker::BuildPaths& paths) {
  w.key(s.name);
  w.beginMap();
  w.pair("image", escaped(s.image));
  if (s.build) writeBuild(w, s, paths);
  // A built image carries its command as CMD.
  if (!s.build && !s.command.empty()) writeStringList(w, "command", s.command);
  if (auto user = userOf(s)) w.pair("user", std::to_string(*user));
  if (!s.env.empty()) {
    w.key("environment");
    w.beginMap();
    for (const ir::EnvVar& v : s.env) w.pair(v.name, envValue(v));
    w.endMap();
  }
  if (entry) writePorts(w, s, taken);
  writeDependsOn(w, app, s);
  writeHealthcheck(w, s);
  writeVolumes(w, s);
  writeSecurity(w, s);
  w.endMap();
}

}  // namespace

OutputSet emitCompose(const ir::App& app, const docker::BuildPaths& paths) {
  std::string out = docker::generatedHeader(app.source.path);
  yaml::Writer w(out);
  w.beginMap();
  w.key("services");
  w.beginMap();
  std::vector<bool> entry = entryPoints(app);
  std::set<std::pair<uint32_t, bool>> taken;
  for (size_t i = 0; i < app.services.size(); ++i)
    writeService(w, app, app.services[i], entry[i], taken, paths);
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
  return {{"compose.yaml", std::move(out)}};
}

}  // namespace svcc::compose
