// Phase: sema (produced by sema::check, read by ir/ lowering).
// The checked application: every service with templates and the profile applied, each
// value typed, canonical and carrying the span it came from, plus the dependency graph.
// Lowering reads only this, never the syntax tree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "sema/usage.h"

namespace svcc::sema {

// Index of a service in Model::services (sorted by name) and of a port in Service::ports.
using ServiceId = uint32_t;
using PortId = uint32_t;

template <class T>
struct Located {
  T value{};
  Span span;  // the value as written (in a template, a profile or the service itself)
};

enum class Protocol { Http, Grpc, Tcp, Udp };
const char* protocolName(Protocol p);  // "http", "grpc", "tcp", "udp"

struct Port {
  std::string name;
  Span span;             // the `port NAME = …` statement
  int32_t service_port;  // what clients connect to (`80` in `port http = 80 -> 8080`)
  int32_t container_port;
  Protocol protocol = Protocol::Tcp;
};

enum class StepKind { From, Workdir, Copy, CopyFrom, Run, Env, User, Stage };

struct BuildStep {
  StepKind kind = StepKind::Run;
  Span span;
  std::string name;               // CopyFrom: the stage copied from; Stage: its name; Env: the variable
  std::vector<std::string> args;  // From: image; Workdir/Run: one; Copy/CopyFrom: src, dst; Env: value; User: the uid
  std::vector<BuildStep> steps;   // Stage: its own steps
};

struct BuildRecipe {
  Span span;
  std::vector<BuildStep> steps;
  std::optional<int64_t> user;  // the last top-level `user` step: the image's USER
};

// A reference to another service (or to this one's own port, for probes):
// `cart`, `cart.grpc`, `cart.grpc.address`, `redis.host` (the only port).
// Attribute::None (`cart`, `cart.grpc`) stands for the address, or for the host when the
// service has no port.
enum class Attribute { None, Host, Port, Address, Url };
const char* attributeName(Attribute a);  // "", "host", "port", "address", "url"

struct Reference {
  ServiceId service = 0;
  std::optional<PortId> port;  // resolved even when written port-less on a one-port service
  Attribute attribute = Attribute::None;
  Span span;
  std::string text;  // the value it stands for: "cart", "cart:7070", "http://catalog:80", "7070"
};

struct EnvEntry {
  enum class Kind { Literal, Reference, Secret, Pod } kind = Kind::Literal;
  std::string name;
  Span span;                            // the whole `NAME = value` entry
  std::string value;                    // Literal: the text (interpolations resolved); Reference: ref.text;
                                        // Pod: the pod field ("ip")
  Reference ref;                        // Reference
  std::string secret_name, secret_key;  // Secret
};

struct Resources {
  std::optional<Located<int64_t>> cpu_request, cpu_limit;        // millicores
  std::optional<Located<int64_t>> memory_request, memory_limit;  // bytes
  // `cpu = 100m..none`: no limit, asked for (valid spans); unset limits otherwise get
  // svcc's defaults.
  Span cpu_no_limit, memory_no_limit;
};

struct Scale {
  Span span;
  int32_t min = 1;
  int32_t max = 1;
  std::optional<int32_t> cpu_percent;
  std::optional<int32_t> memory_percent;
};

struct Health {
  enum class Kind { Http, Grpc, Tcp, Exec } kind = Kind::Http;
  Span span;
  PortId port = 0;                                           // not for Exec
  std::string path;                                          // Http: defaults to "/"
  bool https = false;                                        // Http: `scheme = "https"`
  std::vector<std::pair<std::string, std::string>> headers;  // Http, sorted by name
  std::string grpc_service;                                  // Grpc: empty asks about the server
  Located<std::vector<std::string>> exec;                    // Exec: the command
  std::optional<int64_t> initial_delay_ms, period_ms, timeout_ms;
  std::optional<int32_t> failures;
  std::optional<int32_t> successes;  // readiness only: Kubernetes requires 1 elsewhere
};

struct Volume {
  std::string name;
  Span span;
  int64_t size_bytes = 0;
  std::string mount;
};

// `config NAME { file | dir | text | secret; mount }`: files mounted read-only. The
// finisher checks the fields; the loader (ir/config_files.h) reads `entries` from disk.
struct ConfigFiles {
  enum class Source { File, Dir, Text, Secret };
  // A piece of a file that holds references: literal text, or a reference that each
  // output fills in with its own port (the Service's in Kubernetes, the container's in
  // compose).
  struct Piece {
    std::string text;
    std::optional<Reference> ref;
  };
  struct Entry {
    std::string key;            // the file's name: a ConfigMap key
    std::string bytes;          // its content, references filled in as Kubernetes sees them
    std::vector<Piece> pieces;  // the same content in pieces, when it holds references
  };
  std::string name;
  Span span;
  Source source = Source::File;
  std::string path;  // File, Dir: as written, relative to the declaring file's directory
  Span path_span;    // File, Dir: the path; Text: the text
  std::string mount;
  std::vector<Entry> entries;           // sorted by key; Text: one, named after the mount's last segment
  std::string secret_name, secret_key;  // Secret: the key of a Secret svcc does not write
  // `template = true` (File, Dir): `${REF}` in the files is a service reference.
  std::optional<Located<bool>> is_template;
};

// `scratch NAME { … }`: a writable directory, empty when the container starts.
struct Scratch {
  std::string name;
  Span span;
  std::string mount;
  int64_t size_bytes = 0;  // 0: no limit of its own
  bool memory = false;     // tmpfs; then size_bytes is set
  Span size_span;          // where the size was written, for the memory-limit check
};

struct Ingress {
  Span span;
  std::string host;
  PortId port = 0;
  std::string path = "/";
};

// A secure default the service gives up explicitly, by its docs/outputs.md name
// (`read_only_root_filesystem`), from `opt_out = [...]` or a `security { … }` field.
struct OptOut {
  std::string name;
  Span span;
};

struct Dependency {
  ServiceId service = 0;
  std::vector<PortId> ports;  // the ports used, sorted; empty = the service as a whole
  Span span;                  // the first place the dependency is written
};

struct KeyValue {
  std::string key, value;
  Span span;
};

// The uid and gid a plain `image` without `user` runs as (docs/outputs.md): pods run with
// `runAsNonRoot: true`, which the kubelet can only honour with a numeric uid, and most
// images name their USER or leave it root. 65532 is distroless' `nonroot`. `svcc lint`
// says so (W1011).
inline constexpr int64_t kAssumedImageUser = 65532;

struct Service;

// `init NAME { … }` and `sidecar NAME { … }`: a container of the service's pod beside the
// app's own. An init container runs to completion before the app starts, in order; a
// sidecar (Kubernetes' native sidecar) starts before it and runs for the pod's life.
struct Container {
  enum class Kind { Init, Sidecar } kind = Kind::Init;
  std::string name;
  Span span;
  // What the block sets, as a service holds it: image or build (neither: the service's
  // image), context, image tools, command, user, ports, env, resources and, for a
  // sidecar, health and probes.
  std::shared_ptr<const Service> body;
  // The service's volumes, scratch and configs it mounts: name → path, sorted by name.
  std::vector<KeyValue> mounts;
};

// `metadata { pod { labels; annotations } … }`: what one object of the service carries
// beside the service's `labels` (every object) and `annotations` (the pod).
struct ObjectMetadata {
  std::vector<KeyValue> labels, annotations;  // sorted by key
};
struct Metadata {
  ObjectMetadata pod, workload, service, ingress, service_account;
};

struct PodOptions {
  // What runs before the container is stopped: a command, or a pause in milliseconds
  // (whole seconds); and the signal that stops it ("SIGQUIT"; absent: the image's).
  std::optional<Located<std::vector<std::string>>> pre_stop;
  std::optional<Located<int64_t>> pre_stop_sleep;
  std::optional<Located<std::string>> stop_signal;
  std::optional<Located<int64_t>> group, fs_group;  // runAsGroup, fsGroup
  // Linux capabilities added back after `drop: ["ALL"]`, each with the reason the source
  // gave (`capabilities { NET_BIND_SERVICE = "…" }`); sorted by name.
  std::vector<KeyValue> capabilities;
  // `env_from { config_maps; secrets }`: objects in the namespace whose every key becomes
  // a variable; in source order, each name once.
  std::vector<Located<std::string>> env_from_config_maps, env_from_secrets;
  std::vector<Container> containers;  // init containers and sidecars, in source order (the start order)
  // `depends on ready(db)`: the ports the pod waits for, before any container starts,
  // until they accept connections; by service then port, each once. `container` names the
  // init container that waits: `wait-db`, or `wait-db-PORT` when it waits for several.
  struct Wait {
    Reference ref;
    std::string container;
  };
  std::vector<Wait> waits;
  Metadata metadata;
};

struct Service {
  std::string name;
  Span span;       // the name in `service NAME`
  Span decl_span;  // the whole declaration
  FileId file = kNoFile;
  std::optional<Located<std::string>> image;  // exactly one of image and build
  std::optional<BuildRecipe> build;
  // The shells and tools the image has, as `image_tools` states them (sorted, unique; empty:
  // none); absent when unknown. A statement made before a later layer replaced `image`
  // or `build` is dropped (it was about another image), and `image_tools_dropped` marks it.
  std::optional<Located<std::vector<std::string>>> image_tools;
  Span image_tools_dropped;
  std::optional<Located<std::string>> context;  // relative to the declaring file's directory
  std::optional<Located<std::vector<std::string>>> command;
  std::optional<Located<int64_t>> user;
  std::vector<Port> ports;                   // in declaration order
  std::optional<Located<int32_t>> replicas;  // absent = 1 (or the HPA's)
  std::optional<Scale> scale;
  Resources resources;
  std::optional<Health> health;
  // `health { readiness { … } … }`: each is `health` with what its block sets; absent when
  // the block is (readiness and liveness are then `health` itself, as before). Behind a
  // pointer, null when there is none: most services have none.
  struct Probes {
    std::optional<Health> readiness, liveness, startup;
  };
  std::shared_ptr<const Probes> probes;
  std::vector<EnvEntry> env;  // in declaration order
  std::vector<Volume> volumes;
  std::vector<Scratch> scratch;      // in declaration order
  std::vector<ConfigFiles> configs;  // in declaration order
  std::optional<Ingress> ingress;
  std::vector<KeyValue> labels, annotations;  // sorted by key
  std::vector<OptOut> opt_outs;               // sorted by name, unique
  std::vector<Dependency> dependencies;       // sorted by service id
  // Milliseconds, whole seconds, between SIGTERM and SIGKILL (`termination_grace`).
  std::optional<Located<int64_t>> termination_grace;
  // Settings most services leave unset (shutdown, identity, capabilities, env_from):
  // behind a pointer, null when none is set, so that 10,000 services do not each carry
  // 250 bytes of empty fields. Read through options().
  std::shared_ptr<PodOptions> pod_options;
  const PodOptions& options() const {
    static const PodOptions kNone;
    return pod_options ? *pod_options : kNone;
  }
};

struct App {
  std::string name;  // empty when there is no `app` block
  Span span;
  std::optional<Located<std::string>> namespace_name, registry, version;
  std::vector<KeyValue> labels, annotations;  // sorted by key; of every object
  bool network_policy = true;                 // `network_policy = false` turns NetworkPolicies off
};

struct Model {
  App app;
  std::vector<Service> services;  // sorted by name; ServiceId indexes this
  std::string profile;            // the profile applied, if any
  // Dependencies before dependents, ties by name; services on cycles last.
  std::vector<ServiceId> start_order;
  Usage usage;  // for lint: the lets and templates used
};

// Every mount of a service's own, of every kind (volumes, scratch, configs): what the
// default `/tmp` scratch gives way to, and what E0506 looks at.
struct PodMount {
  std::string_view kind;  // "volume", "scratch", "config"
  std::string_view name, mount;
  Span span;
};
std::vector<PodMount> podMounts(const Service& s);

}  // namespace svcc::sema
