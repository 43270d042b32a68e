// Phase: sema (the checked service), internal to finish*.cpp.
// The Finisher: reads one service's Draft into the model's Service, field by field,
// through find() (so that a field nobody read is seen), with the checks that need the
// whole service. Its readers live in finish.cpp (image, command, scale, resources, env,
// ingress), finish_probes.cpp, finish_mounts.cpp (volumes, configs, scratch, env_from),
// finish_security.cpp (opt-outs, shutdown, identity) and finish_containers.cpp (init and
// sidecar containers, readiness waits). An extra container's body is finished by a
// Finisher of its own, with the same readers.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "sema/dependencies.h"
#include "sema/draft.h"
#include "sema/model.h"
#include "sema/schema.h"

namespace svcc::sema {

inline std::string fromWhere(const Layer& layer) {
  return layer.origin.empty() ? "" : " by " + std::string(layer.origin);
}

class Finisher {
 public:
  Finisher(const Draft& d, ServiceId id, Service& s, References& refs, Diagnostics& diags)
      : d_(d), id_(id), s_(s), refs_(refs), diags_(diags) {}

  void run();

  // `depends on ready(db)`: a wait for the port to accept connections (a TCP connect to
  // its Service, which only answers once a pod is ready), before the pod's containers.
  void waitFor(const Reference& r, const DependsDraft& dep);

  // The wait containers' names, once every wait is known, unique among the pod's
  // containers and valid Kubernetes names.
  void nameWaits();

  // An extra container's body, read by this Finisher's own readers: `s_` is the body, `pod`
  // the service whose pod it runs in.
  void runContainer(const Service& pod, bool sidecar);

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

  void imageOrBuild(bool container);

  // `image_tools = [...]` speaks about the image of its own layer or an earlier one: a
  // later layer that replaced `image` or `build` (a service body building its own
  // recipe over `runtime.python`) runs another image, so the statement is dropped and
  // the tools count as unknown (compose then emits no check; lint says so, W1014).
  void imageTools();

  void command();

  void scale();

  void resources();

  // The port named by `key`, or the only port that fits when `key` is not set.
  std::optional<PortId> portNamed(FieldId key, Span fallback_span, const char* block);

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
  std::optional<int64_t> seconds(FieldId key, int64_t min_ms, bool probe = true);

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

  void health();

  // A probe block: what it sets, over `base` (null for `health` itself, or when the
  // service has no `health`). Absent when the block is not written or is wrong.
  std::optional<Health> probe(const ProbeFields& f, const Health* base);

  // `successes`: readiness may ask for several passes in a row; Kubernetes rejects any
  // other value than 1 on liveness and startup probes (E0336), which drop what `health`
  // says for readiness.
  bool successes(Health& h, const ProbeFields& f);

  // `scheme` and `headers` are for HTTP probes, `grpc_service` for gRPC ones.
  bool handlerOptions(Health& h, const ProbeFields& f);

  // The entries of a map field, read through here so that they count as read.
  const Entry* firstEntryOf(FieldId map) const {
    read_.set(static_cast<size_t>(map));
    for (const auto& [key, e] : d_.fields.items())
      if (e.field == map) return &e;
    return nullptr;
  }

  // A probe's own `headers` replace those of `health`. Names are HTTP tokens (RFC 9110),
  // as the API server checks them (E0337).
  bool probeHeaders(Health& h, const ProbeFields& f);

  // `exec = ["pg_isready", "-U", "app"]`: the command, run without a shell.
  bool execCommand(FieldId key, Located<std::vector<std::string>>& out);

  // A command that starts a shell or tool the image is known to lack fails every time
  // it runs (E0334). Known: the image's `image_tools`, or a distroless or scratch image,
  // which have none. Any other program svcc cannot see inside the image to check.
  void execNeedsTool(const Located<std::vector<std::string>>& cmd, const std::string& what);

  // A probe that may take as long as its period overlaps the next one (E0332).
  bool timeoutFits(const Health& h, const ProbeFields& f);

  // A startup probe that gives up (period × failures) before the delay the other probes
  // wait restarts a container that was only slow to start (E0333).
  void startupBudget(const Health& startup, const Health* base);

  void env();

  // One container, one mount per path, and one pod, one volume per name: a volume and a
  // scratch share both (the API server refuses the pod otherwise). False when taken.
  struct Mounted {
    std::string kind, name;
    Span span;
  };
  // `env_from { secrets = ["db-env"] }`: names of objects svcc does not write, so only
  // their names can be checked.
  void envFrom(FieldId key, const char* kind, std::vector<Located<std::string>> PodOptions::*list);

  bool claimMount(const std::string& path, std::string_view kind, const std::string& name, Span span);
  bool claimName(std::string_view kind, const std::string& name, Span span);

  // A named block's `mount`, as the container sees it (E0331 when it cannot be one).
  std::optional<std::string> mountPath(std::string_view kind, const std::string& name, const Entry& mount,
                                       std::string_view example) const;

  void volumes();

  // `config NAME { file | dir | text; mount }`: exactly one source, and where it appears.
  // The files themselves are read after checking (ir/config_files.h).
  void configs();

  // An inline text as Kubernetes reads it, and its pieces when it holds references (for
  // compose, which dials the container port); nullopt when a reference is wrong.
  std::optional<std::string> textPieces(const Value& v, std::vector<ConfigFiles::Piece>& pieces);

  // `scratch NAME { mount; size; memory }`: an emptyDir in Kubernetes, a tmpfs in compose.
  void scratchSpaces();

  void ingress();

  // `under`: the draft key the map's entries are under, when not the field's own (the
  // same `labels` row serves every object of `metadata`).
  void labels(FieldId map, std::vector<KeyValue>& out, std::string_view under = {});
  void metadata();

  void optOuts();

  // `termination_grace`, `pre_stop`, `pre_stop_sleep` and `stop_signal`: how the
  // container is stopped.
  void shutdown();

  void stopSignal();

  // `group` and `fs_group`: the gid the container runs as, and the group that owns the
  // pod's volumes.
  void groups();

  // `capabilities { NET_BIND_SERVICE = "binds :80 as a non-root user" }`: each added
  // capability names a real one and says why, because each gives up part of a secure
  // default (`drop: ["ALL"]`).
  void capabilities();

  // `init NAME { … }` and `sidecar NAME { … }`: each body is finished as a service of its
  // own by the same readers, then checked against the pod: one name per container, one
  // number and one name per port.
  void containers();

  // `mounts { data = "/var/lib/app" }` in an extra container: one of the pod's volumes,
  // scratch or configs, at a path of this container's own.
  void containerMounts();

  // The containers of a pod share its network: a port number (per transport) and a port
  // name belong to one of them.
  void podPorts();

  // A field the source set and no reader above looked at would be dropped without a word:
  // a registry row without its reader (docs/adding-a-field.md). That is svcc's bug, so it
  // is an internal error (exit 3). Only on a clean run: an error can end a reader early.
  void requireEveryFieldRead() const;

  // The pod runs with `runAsNonRoot: true` unless the service gave that up: uid 0 there is
  // a pod the kubelet refuses to start.
  void rootUser();

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

}  // namespace svcc::sema
