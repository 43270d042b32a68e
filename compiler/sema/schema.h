// Phase: sema (the service schema).
// Every field a service, template, profile or app may set, with its type and the blocks
// nested in it, built from the field registry (sema/fields.def). Checking a statement is
// a lookup here; code names a field by its FieldId, never by its text.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sema/values.h"

namespace svcc::sema {

enum class FieldShape : uint8_t {
  Value,  // `replicas = 3`
  Block,  // `health { … }`: fixed children
  Map,    // `env { NAME = … }`, `labels { … }`: any key, one value type
  Port,   // `port NAME = …`
  Named,  // `KIND NAME { … }` (`volume data { … }`): its fields are the Child block's; one applier (sema/apply.cpp), read by kind in the finisher
  Build,  // `build { … }`
  DependsOn,  // `depends on …`
};

// How a later layer (template, service body, profile) combines with an earlier one.
enum class Merge : uint8_t { Replace, PerKey, PerName, Append, Whole };

enum class BlockId : uint8_t {
#define SVCC_BLOCK(id, name) id,
#include "sema/fields.def"
  None,
};

enum class FieldId : uint16_t {
#define SVCC_FIELD(id, parent, name, shape, child, type, merge, read, ir, docs) id,
#include "sema/fields.def"
};

inline constexpr size_t kFieldCount = 0
// NOLINTNEXTLINE(bugprone-macro-parentheses): `+1` per row is the sum being built, not an operand
#define SVCC_FIELD(id, parent, name, shape, child, type, merge, read, ir, docs) +1
#include "sema/fields.def"
    ;

struct FieldSpec {
  FieldId id;
  BlockId parent;
  std::string_view name;
  FieldShape shape = FieldShape::Value;
  BlockId child = BlockId::None;  // Block: the block it holds
  Type type;                      // Value, and Map's values
  Merge merge = Merge::Replace;
  std::string_view read;                // the model member it is read into (docs/adding-a-field.md)
  std::string_view ir;                  // where `--emit ir` shows it: a JSON pointer into a service or `/app/…`
  std::string_view docs;                // its docs/language.md line
  std::span<const FieldSpec> children;  // Block: the child block's fields, sorted by name
};

const FieldSpec& field(FieldId id);
std::span<const FieldSpec> allFields();  // in registry order
std::string_view blockName(BlockId id);

// The key a draft stores a value field under: "replicas", "scale.min"; a Map field's
// entries are under its key, a `.`, and the entry's name ("env.LOG_LEVEL").
std::string_view draftKey(FieldId id);

// The fields of a service (parent == nullptr) or of a block, sorted by name.
std::span<const FieldSpec> fieldsOf(const FieldSpec* parent);
const FieldSpec* findField(const FieldSpec* parent, std::string_view name);
std::vector<std::string_view> fieldNames(const FieldSpec* parent);  // sorted

// The blocks of `volume NAME { … }`, a port's `{ … }` and `app { … }`, as a parent.
const FieldSpec& volumeSpec();
const FieldSpec& portBodySpec();
const FieldSpec& appSpec();

// The kinds of `KIND NAME [: bases] [{ … }]` declarations: `service` today, and the kinds to
// come (jobs, external dependencies). The parsers take any word; sema checks it here.
std::span<const std::string_view> declarationKinds();

// The secure defaults a service may give up (`opt_out = [...]`), sorted.
std::span<const std::string_view> optOutNames();

// The shells and tools `image_tools = [...]` may name: what compose health checks can run
// inside a container (docs/language.md, "Image tools"), sorted.
std::span<const std::string_view> imageToolNames();

// The fields of the pod itself an env value may take, `pod("ip")` (the Downward API), sorted.
std::span<const std::string_view> podFieldNames();

// The signals `stop_signal` may name, sorted: those a process is asked to stop with.
std::span<const std::string_view> stopSignalNames();

// The Linux capabilities `capabilities { … }` may add back, without `CAP_`, sorted; and
// those Pod Security's "baseline" level allows (all others need "privileged"; only
// NET_BIND_SERVICE is allowed under "restricted").
std::span<const std::string_view> capabilityNames();
bool baselineAllowsCapability(std::string_view name);

// An image known to hold no shell or tool: `scratch`, or a distroless or Chainguard
// static image, whatever its registry, except distroless' `debug` tags (busybox).
bool isBareImage(std::string_view image);

}  // namespace svcc::sema
