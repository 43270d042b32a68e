// Phase: sema (the service schema).
// A table of every field a service, template or profile may set, with its type and the
// blocks nested in it. Checking a statement is a lookup here, so adding a field is one row.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "sema/values.h"

namespace svcc::sema {

enum class FieldShape {
  Value,      // `replicas = 3`
  Block,      // `health { … }`: fixed children
  Map,        // `env { NAME = … }`, `labels { … }`: any key, one value type
  Port,       // `port NAME = …`
  Volume,     // `volume NAME { … }`
  Build,      // `build { … }`
  DependsOn,  // `depends on …`
};

struct FieldSpec {
  std::string_view name;
  FieldShape shape = FieldShape::Value;
  Type type;                            // Value, and Map's values
  std::span<const FieldSpec> children;  // Block
};

// The fields of a service (parent == nullptr) or of a block.
std::span<const FieldSpec> fieldsOf(const FieldSpec* parent);
const FieldSpec* findField(const FieldSpec* parent, std::string_view name);
std::vector<std::string_view> fieldNames(const FieldSpec* parent);  // sorted

// The fields of `volume NAME { … }`, a port's `{ … }` and `app { … }`.
const FieldSpec& volumeSpec();
const FieldSpec& portBodySpec();
const FieldSpec& appSpec();

// The secure defaults a service may give up (`opt_out = [...]`), sorted.
std::span<const std::string_view> optOutNames();

// The shells and tools `image_tools = [...]` may name: what compose health checks can run
// inside a container (docs/language.md, "Image tools"), sorted.
std::span<const std::string_view> imageToolNames();

}  // namespace svcc::sema
