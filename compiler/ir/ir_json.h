// Phase: ir (the `svcc build --emit ir` view).
// Takes an ir::App; hands out its JSON text, schema in docs/ir.md.
#pragma once

#include <string>

#include "ir/ir.h"

namespace svcc::ir {

// Bumped whenever a field is renamed, removed or changes meaning.
inline constexpr int kJsonSchemaVersion = 1;

// Pretty-printed (2 spaces), keys in a fixed order, ending in a newline.
std::string toJson(const App& app);

}  // namespace svcc::ir
