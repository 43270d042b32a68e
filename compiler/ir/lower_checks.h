// Phase: lower (the last guard before anything is written).
// Takes the checked model; reports, as E05xx, names that only become invalid once
// lowering assembles them (an image name from registry, service and version; labels
// and annotations as Kubernetes reads them), and pods and ingresses that clash with what
// the backends add or with each other (svcc's `/tmp` scratch, two ingresses on one
// route). The checker cannot see these whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "sema/model.h"

namespace svcc::ir {

// Each returns std::nullopt when valid, else a lower-case reason for a label.
std::optional<std::string> checkLabelKey(std::string_view key);      // [prefix/]name, also annotation keys
std::optional<std::string> checkLabelValue(std::string_view value);  // <= 63, may be empty
std::optional<std::string> checkImageTag(std::string_view tag);      // [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}

void checkLoweredNames(const sema::Model& model, Diagnostics& diags);

}  // namespace svcc::ir
