// Phase: ir (between lower and emit).
// Takes nothing: plain resolved data that lowering fills and every backend reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcc::ir {

// Every value here is final: templates and profiles applied, references resolved,
// quantities canonical (millicores, bytes, milliseconds). Lists are sorted by name
// unless their order means something (build steps, command, env as written).

enum class Protocol { Http, Grpc, Tcp, Udp };

struct Port {
  std::string name;
  Protocol protocol = Protocol::Tcp;
  uint32_t service_port = 0;    // what other services dial (the Kubernetes Service port)
  uint32_t container_port = 0;  // what the process listens on
};

enum class RefAttribute { Host, Port, Address, Url };

// `cart.grpc.address`: both port numbers are kept because the Kubernetes Service
// answers on the service port while compose reaches the container port directly.
struct EnvReference {
  std::string service;
  std::string port;
  RefAttribute attribute = RefAttribute::Address;
  Protocol protocol = Protocol::Tcp;
  uint32_t service_port = 0;
  uint32_t container_port = 0;
};

struct SecretRef {
  std::string name;
  std::string key;
};

struct EnvVar {
  enum class Kind { Literal, Reference, Secret, Pod };
  std::string name;
  Kind kind = Kind::Literal;
  std::string literal;     // Kind::Literal; Kind::Pod: the pod field (sema::podFieldNames, "ip")
  EnvReference reference;  // Kind::Reference
  SecretRef secret;        // Kind::Secret
};

// Each bound is absent when the source did not give it; backends apply the defaults
// documented in docs/outputs.md.
struct Resources {
  std::optional<int64_t> cpu_request_millis;
  std::optional<int64_t> cpu_limit_millis;
  std::optional<int64_t> memory_request_bytes;
  std::optional<int64_t> memory_limit_bytes;
  // `..none`: no limit at all, not svcc's default one.
  bool cpu_unlimited = false, memory_unlimited = false;
};

struct Health {
  enum class Kind { Http, Grpc, Tcp, Exec };
  Kind kind = Kind::Http;
  std::string path;  // Kind::Http
  std::string port;  // name of one of the service's ports; empty for Kind::Exec
  int64_t initial_delay_ms = 0;
  int64_t period_ms = 10000;
  std::optional<int64_t> timeout_ms;                         // absent: the platform's default (1 s in Kubernetes)
  std::optional<int32_t> failures;                           // absent: the platform's default (3)
  std::optional<int32_t> successes;                          // readiness only; absent: 1
  bool https = false;                                        // Kind::Http
  std::vector<std::pair<std::string, std::string>> headers;  // Kind::Http, sorted by name
  std::string grpc_service;                                  // Kind::Grpc; empty: the whole server
  std::vector<std::string> exec;                             // Kind::Exec: the command
};

struct Scale {
  uint32_t min = 1;
  uint32_t max = 1;
  std::optional<uint32_t> cpu_percent;
  std::optional<uint32_t> memory_percent;
};

struct Volume {
  std::string name;
  int64_t size_bytes = 0;
  std::string mount;
};

// A writable directory, empty when the container starts: `scratch NAME { … }`, and the
// default `/tmp` beside a read-only root filesystem (kScratchVolume).
struct Scratch {
  std::string name;
  std::string mount;
  int64_t size_bytes = 0;  // 0: no limit of its own
  bool memory = false;     // memory-backed (tmpfs); counted against the memory limit
};

// Files mounted read-only: `config NAME { … }`. A ConfigMap in Kubernetes, files under
// OUT/config/ bind-mounted in compose.
struct Config {
  struct Entry {
    std::string key;   // a ConfigMap key: the file's name
    std::string text;  // UTF-8; references (a template's, `text`'s) as Kubernetes sees them
    // Compose's text where it differs: references that dial the container port.
    std::optional<std::string> compose_text;
    std::vector<EnvReference> references;  // the references in it, in order
  };
  std::string name;
  std::string mount;
  bool dir = false;            // `dir`: the whole ConfigMap at `mount`; else one file, `entries[0]`
  std::vector<Entry> entries;  // sorted by key
  // `<service>-<name>-<10 hex digits of the content's SHA-256>`: a change of content is a
  // new name, so the pods roll. Empty for a secret.
  std::string configmap;
  // `secret = secret(NAME, KEY)`: that key of a Secret svcc does not write, as the file
  // `mount` (no entries); empty name otherwise.
  SecretRef secret;
  bool isSecret() const { return !secret.name.empty(); }
};

struct Ingress {
  std::string host;  // empty: any host
  std::string port;  // name of an http port of the service
  std::string path = "/";
};

// A secure default a service gave up explicitly. The names are the source spelling
// (`opt_out = ["read_only_root_filesystem"]`) and the JSON spelling.
enum class OptOut {
  AllowPrivilegeEscalation,  // allow_privilege_escalation
  DropCapabilities,          // drop_capabilities
  NetworkPolicy,             // network_policy
  ReadOnlyRootFilesystem,    // read_only_root_filesystem
  RunAsNonRoot,              // run_as_non_root
  Seccomp,                   // seccomp
  ServiceAccountToken,       // service_account_token
};
std::string_view optOutName(OptOut);
std::optional<OptOut> findOptOut(std::string_view name);
const std::vector<OptOut>& allOptOuts();

// The default scratch beside a read-only root filesystem: lowering adds it unless the
// service mounts something of its own at `/tmp` (which then replaces it).
inline constexpr std::string_view kScratchVolume = "tmp";
inline constexpr std::string_view kScratchMount = "/tmp";

struct BuildStep {
  enum class Kind { Workdir, Copy, CopyFrom, Run, Env, User };
  Kind kind = Kind::Run;
  std::string stage;  // CopyFrom: the earlier stage copied from
  std::string src;    // Copy, CopyFrom
  std::string dst;    // Copy, CopyFrom
  std::string name;   // Env
  std::string value;  // Workdir: the path, Run: the command, Env: the value, User: the user
};

struct BuildStage {
  std::string name;  // empty for the final stage
  std::string from;  // base image reference
  std::vector<BuildStep> steps;
};

struct BuildRecipe {
  // The declaring file's `context` joined to that file's directory: relative, like
  // SourceRef::path, to the app root (docker::BuildPaths::base_dir), '/'-separated.
  std::string context;
  std::vector<BuildStage> stages;  // in order; the last one is the image
  std::optional<int64_t> user;     // the final USER, when numeric
};

// An edge of the dependency graph: this service dials `service`'s port `port`.
struct Dependency {
  std::string service;
  std::string port;
  Protocol protocol = Protocol::Tcp;
};

struct SourceRef {
  std::string path;  // as shown to users, relative, '/'-separated
  uint32_t line = 0;
};

using StringMap = std::vector<std::pair<std::string, std::string>>;  // sorted by key

struct Service;

// A container of a service's pod beside the app's own (`init NAME`, `sidecar NAME`).
struct Container {
  enum class Kind { Init, Sidecar };
  Kind kind = Kind::Init;
  std::string name;
  // name (`<service>-<container>`), image (always set: the service's own unless the source
  // names another or builds one, `<registry>/<service>-<container>:<version>`), build,
  // image_tools, command, user/group/user_assumed (absent user: the pod's), ports, env,
  // resources and, for a sidecar, health and probes. The rest of the Service is empty.
  std::shared_ptr<const Service> body;
  bool own_image = false;  // `image` or `build` in the block; else the service's image, built or not
  // A wait of `depends on ready(db)`: the service it waits for (svcc's own init container,
  // kWaitImage); empty for the source's containers.
  std::string waits_for;
  // The pod's volumes, scratch and configs it mounts (by name) and where, sorted by name;
  // the pod's default `/tmp` scratch is added (kScratchVolume) unless one is mounted there.
  StringMap mounts;
};

// The image of the init containers that wait for a port (`depends on ready(…)`): BusyBox,
// whose `nc -z` makes the connection; pinned, as svcc asks of every image (W1004).
inline constexpr std::string_view kWaitImage = "busybox:1.36.1";

// `metadata { OBJECT { labels; annotations } }`: what one object carries beside the
// service's labels (every object) and annotations (the pod).
struct ObjectMeta {
  StringMap labels, annotations;
};
struct Metadata {
  ObjectMeta pod, workload, service, ingress, service_account;
};

// Settings most services leave unset: shutdown, volume group, capabilities, env_from.
struct PodOptions {
  std::optional<int64_t> fs_group;  // the group that owns the pod's volumes (`fs_group`)
  // `env_from`: whole ConfigMaps, then Secrets, in source order (a later one's key wins,
  // and `env` wins over all).
  std::vector<std::string> env_from_config_maps, env_from_secrets;
  // Run before the stop signal: a command (no shell), or a pause in whole seconds; at
  // most one of the two.
  std::vector<std::string> pre_stop;
  std::optional<int64_t> pre_stop_sleep_seconds;
  std::string stop_signal;  // "SIGQUIT"; empty: the image's (SIGTERM unless it says)
  // Linux capabilities added back after dropping all, name → the source's reason.
  StringMap capabilities;
  // The waits of `depends on ready(…)` first, then init containers and sidecars in source
  // order: the order Kubernetes starts them in.
  std::vector<Container> containers;
  Metadata metadata;
};

struct Service {
  std::string name;
  // Always set: for built services, `<registry>/<service>:<version>`.
  std::string image;
  std::optional<BuildRecipe> build;
  // The shells and tools the image is known to have (`image_tools`), sorted; absent when
  // nobody said. Compose health checks use only these (ir/health_tools.h).
  std::optional<std::vector<std::string>> image_tools;
  std::vector<std::string> command;
  std::optional<int64_t> user;  // numeric user the container runs as
  // The primary group: the source's `group`, or with `user_assumed` svcc's (a uid the
  // image does not know would otherwise get gid 0, root's group).
  std::optional<int64_t> group;
  // A plain image with no `user`: svcc chose user and group (sema::kAssumedImageUser),
  // the source did not say. Every backend runs it as `user:group`.
  bool user_assumed = false;
  std::vector<Port> ports;  // sorted by name
  std::vector<EnvVar> env;  // sorted by name
  Resources resources;
  std::optional<Health> health;
  // The probes where they differ from `health` (readiness and liveness default to it);
  // a startup probe only when the source asks for one.
  // Behind a pointer: most services have none, and 10,000 of them would carry 3.6 MB of
  // empty optionals.
  struct Probes {
    std::optional<Health> readiness, liveness, startup;
  };
  std::shared_ptr<const Probes> probes;
  const Health* readiness() const {
    return probes && probes->readiness ? &*probes->readiness : health ? &*health : nullptr;
  }
  const Health* liveness() const {
    return probes && probes->liveness ? &*probes->liveness : health ? &*health : nullptr;
  }
  const Health* startup() const { return probes && probes->startup ? &*probes->startup : nullptr; }
  uint32_t replicas = 1;
  std::optional<Scale> scale;    // when set, an autoscaler owns the replica count
  std::vector<Volume> volumes;   // sorted by name
  std::vector<Scratch> scratch;  // sorted by name; the default `/tmp` included
  std::vector<Config> configs;   // sorted by name
  std::optional<Ingress> ingress;
  StringMap labels;
  StringMap annotations;
  std::vector<OptOut> opt_outs;          // sorted, unique
  std::vector<Dependency> dependencies;  // sorted by (service, port), unique
  // Whole seconds between SIGTERM and SIGKILL; absent: the platform's default (30 s in
  // Kubernetes, 10 s in compose).
  std::optional<int64_t> termination_grace_seconds;
  // Behind a pointer, null when the source sets none: most services have none.
  std::shared_ptr<const PodOptions> pod_options;
  const PodOptions& options() const {
    static const PodOptions kNone;
    return pod_options ? *pod_options : kNone;
  }
  SourceRef source;

  bool optedOut(OptOut o) const;
  const Port* findPort(std::string_view port_name) const;
};

struct App {
  std::string name;  // empty when the sources declare no `app`
  std::string namespace_name;
  std::string registry;
  std::string version;
  StringMap labels;
  StringMap annotations;  // of every object
  bool network_policies = true;
  // Namespace the ingress controller runs in, matched by its
  // `kubernetes.io/metadata.name` label in NetworkPolicies.
  std::string ingress_controller_namespace = "ingress-nginx";
  std::vector<Service> services;  // sorted by name
  // A topological order of the dependency graph, dependencies first.
  std::vector<std::string> start_order;
  SourceRef source;

  const Service* findService(std::string_view name) const;
};

// Brings an App into the canonical order this header promises (services, ports,
// env, labels ... sorted), whatever order lowering produced them in.
void canonicalize(App& app);

// The recommended labels svcc writes itself on every object (docs/outputs.md); a source
// may not set them (E0508).
bool isSvccLabel(std::string_view key);

std::string_view protocolName(Protocol);
std::string_view refAttributeName(RefAttribute);
// The value of a reference when the dialled port is `port` (service or container port).
std::string referenceValue(const EnvReference& ref, uint32_t port);
// What a pod field (`pod("name")`) is where no pod runs (compose): the service's name for
// `name` and `service_account`, the app's namespace for `namespace` when it has one;
// nothing for the rest (`ip`, `node`, …), which only a cluster knows.
std::optional<std::string> podFieldWithoutPod(std::string_view field, std::string_view service,
                                              std::string_view namespace_name);

}  // namespace svcc::ir
