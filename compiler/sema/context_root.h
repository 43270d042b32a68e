// Phase: sema (after checking; run by the driver's pipeline like lowering's guards).
// Takes the checked model and the app root; reports each service `context` that resolves
// outside the root (W0011): Docker sends the whole context to the builder.
#pragma once

#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/app_root.h"
#include "sema/model.h"

namespace svcc::sema {

void checkContextsInsideRoot(const Model& model, const SourceManager& sources, const AppRoot& root, Diagnostics& diags);

}  // namespace svcc::sema
