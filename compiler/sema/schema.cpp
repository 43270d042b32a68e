#include "sema/schema.h"

#include <algorithm>
#include <array>
#include <string>

namespace svcc::sema {
namespace {

constexpr size_t kBlockCount = static_cast<size_t>(BlockId::None);

struct Registry {
  std::vector<FieldSpec> fields;                           // registry order, index = FieldId
  std::array<std::vector<FieldSpec>, kBlockCount> blocks;  // each block's fields, sorted by name
  std::array<FieldSpec, kBlockCount> as_parent{};          // a block as the parent of its fields
  std::vector<std::string> keys;                           // index = FieldId

  Registry() {
#define SVCC_FIELD(id_, parent_, name_, shape_, child_, type_, merge_, read_, ir_, docs_) \
  fields.push_back(FieldSpec{FieldId::id_,                                                \
                             BlockId::parent_,                                            \
                             name_,                                                       \
                             FieldShape::shape_,                                          \
                             BlockId::child_,                                             \
                             type_,                                                       \
                             Merge::merge_,                                               \
                             read_,                                                       \
                             ir_,                                                         \
                             docs_,                                                       \
                             {}});
#include "sema/fields.def"
    for (const FieldSpec& f : fields) blocks[static_cast<size_t>(f.parent)].push_back(f);
#define SVCC_ALSO(block_, id_) \
  blocks[static_cast<size_t>(BlockId::block_)].push_back(fields[static_cast<size_t>(FieldId::id_)]);
#include "sema/fields.def"
    for (auto& b : blocks)
      std::sort(b.begin(), b.end(), [](const FieldSpec& x, const FieldSpec& y) { return x.name < y.name; });
    for (size_t b = 0; b < kBlockCount; ++b) {
      as_parent[b] = FieldSpec{FieldId{},
                               BlockId::Service,
                               blockName(static_cast<BlockId>(b)),
                               FieldShape::Block,
                               static_cast<BlockId>(b),
                               Type(),
                               Merge::Replace,
                               "",
                               "",
                               "",
                               blocks[b]};
    }
    // Children are wired once every block's list is final (the spans point into them).
    auto wire = [&](std::vector<FieldSpec>& list) {
      for (FieldSpec& f : list)
        if (f.child != BlockId::None) f.children = blocks[static_cast<size_t>(f.child)];
    };
    wire(fields);
    for (auto& b : blocks) wire(b);
    for (const FieldSpec& f : fields) {
      std::string key(f.name);
      // A nested block's fields are keyed under the service field that holds the block;
      // named blocks (`volume NAME`), port bodies and `app` are stored apart from the
      // draft's fields.
      // (`health.readiness.path`: as deep as the blocks nest).
      for (BlockId block = f.parent; block != BlockId::Service;) {
        const FieldSpec* holder = nullptr;
        for (const FieldSpec& h : fields)
          if (h.child == block && h.shape == FieldShape::Block) holder = &h;
        if (!holder) break;
        key = std::string(holder->name) + "." + key;
        block = holder->parent;
      }
      keys.push_back(std::move(key));
    }
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

}  // namespace

const FieldSpec& field(FieldId id) { return registry().fields[static_cast<size_t>(id)]; }
std::span<const FieldSpec> allFields() { return registry().fields; }
std::string_view draftKey(FieldId id) { return registry().keys[static_cast<size_t>(id)]; }

std::string_view blockName(BlockId id) {
  switch (id) {
#define SVCC_BLOCK(id_, name_) \
  case BlockId::id_:           \
    return name_;
#include "sema/fields.def"
    case BlockId::None:
      break;
  }
  return "";
}

std::span<const FieldSpec> fieldsOf(const FieldSpec* parent) {
  return parent ? parent->children : std::span<const FieldSpec>(registry().blocks[0]);
}

const FieldSpec* findField(const FieldSpec* parent, std::string_view name) {
  std::span<const FieldSpec> fields = fieldsOf(parent);
  auto it = std::lower_bound(fields.begin(), fields.end(), name,
                             [](const FieldSpec& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::string_view> fieldNames(const FieldSpec* parent) {
  std::vector<std::string_view> out;
  for (const FieldSpec& f : fieldsOf(parent)) {
    if (f.shape != FieldShape::DependsOn) out.push_back(f.name);
  }
  return out;
}

std::span<const std::string_view> optOutNames() {
  static const std::string_view kNames[] = {
      "allow_privilege_escalation", "drop_capabilities", "network_policy",
      "read_only_root_filesystem",  "run_as_non_root",   "seccomp",
      "service_account_token",
  };
  return kNames;
}

std::span<const std::string_view> declarationKinds() {
  static const std::string_view kKinds[] = {"service"};
  return kKinds;
}

std::span<const std::string_view> imageToolNames() {
  static const std::string_view kNames[] = {"bash", "curl", "nc", "sh", "wget"};
  return kNames;
}

std::span<const std::string_view> podFieldNames() {
  static const std::string_view kNames[] = {"host_ip", "ip", "name", "namespace", "node", "service_account", "uid"};
  return kNames;
}

std::span<const std::string_view> stopSignalNames() {
  static const std::string_view kNames[] = {"SIGHUP",  "SIGINT",  "SIGKILL", "SIGQUIT",
                                            "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGWINCH"};
  return kNames;
}

std::span<const std::string_view> capabilityNames() {
  // capabilities(7), Linux 6.x.
  static const std::string_view kNames[] = {
      "AUDIT_CONTROL",   "AUDIT_READ",   "AUDIT_WRITE",
      "BLOCK_SUSPEND",   "BPF",          "CHECKPOINT_RESTORE",
      "CHOWN",           "DAC_OVERRIDE", "DAC_READ_SEARCH",
      "FOWNER",          "FSETID",       "IPC_LOCK",
      "IPC_OWNER",       "KILL",         "LEASE",
      "LINUX_IMMUTABLE", "MAC_ADMIN",    "MAC_OVERRIDE",
      "MKNOD",           "NET_ADMIN",    "NET_BIND_SERVICE",
      "NET_BROADCAST",   "NET_RAW",      "PERFMON",
      "SETFCAP",         "SETGID",       "SETPCAP",
      "SETUID",          "SYSLOG",       "SYS_ADMIN",
      "SYS_BOOT",        "SYS_CHROOT",   "SYS_MODULE",
      "SYS_NICE",        "SYS_PACCT",    "SYS_PTRACE",
      "SYS_RAWIO",       "SYS_RESOURCE", "SYS_TIME",
      "SYS_TTY_CONFIG",  "WAKE_ALARM",
  };
  return kNames;
}

bool baselineAllowsCapability(std::string_view name) {
  // Pod Security Standards, "baseline": the capabilities a container may add.
  static const std::string_view kBaseline[] = {"AUDIT_WRITE", "CHOWN",  "DAC_OVERRIDE",     "FOWNER",  "FSETID",
                                               "KILL",        "MKNOD",  "NET_BIND_SERVICE", "SETFCAP", "SETGID",
                                               "SETPCAP",     "SETUID", "SYS_CHROOT"};
  return std::find(std::begin(kBaseline), std::end(kBaseline), name) != std::end(kBaseline);
}

bool isBareImage(std::string_view image) {
  std::string_view repository = image.substr(0, image.find_first_of("@"));
  if (size_t slash = repository.rfind('/'), colon = repository.rfind(':');
      colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    // Distroless' `debug` tags (`:debug`, `:debug-nonroot`) add busybox's shell.
    if (repository.substr(colon).find("debug") != std::string_view::npos) return false;
    repository = repository.substr(0, colon);
  }
  return repository == "scratch" || repository.find("/distroless/") != std::string_view::npos ||
         repository.ends_with("chainguard/static");
}

const FieldSpec& volumeSpec() { return registry().as_parent[static_cast<size_t>(BlockId::Volume)]; }
const FieldSpec& portBodySpec() { return registry().as_parent[static_cast<size_t>(BlockId::PortBody)]; }
const FieldSpec& appSpec() { return registry().as_parent[static_cast<size_t>(BlockId::App)]; }

}  // namespace svcc::sema
