// Phase: lower (sema::Model → ir::App).
// Takes the checked model and the sources (for the paths and lines named in headers);
// hands out the canonical ir::App every backend reads. Never looks at the syntax tree.
#pragma once

#include <filesystem>

#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "ir/ir.h"
#include "sema/model.h"

namespace svcc::ir {

// Tag of a built service's image when the app declares no `version` (docs/ir.md).
inline constexpr const char* kFallbackImageTag = "dev";

// Fills every field of docs/ir.md. What the checker cannot have caught (an image name
// or label assembled from several values) is reported as E05xx before lowering, by
// checkLoweredNames (lower_checks.h); `diags` receives nothing today and stays so that
// lowering can report without a change to every caller. The App is always whole.
// Source paths and build contexts are made relative to `root` (absolute; empty = the
// working directory): the driver passes the app root, so output does not depend on
// where svcc runs from.
App lower(const sema::Model& model, const SourceManager& sources, Diagnostics& diags,
          const std::filesystem::path& root = {});

}  // namespace svcc::ir
