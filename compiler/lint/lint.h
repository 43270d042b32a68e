// Phase: lint (after sema, only when checking found no errors).
// Takes the checked Program (the syntax trees) and Model; reports the W1xxx findings of
// docs/diagnostics.md in the user's files, never in the standard library's.
#pragma once

#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/model.h"
#include "sema/modules.h"

namespace svcc::lint {

void lint(const sema::Program& program, const sema::Model& model, const SourceManager& sources, Diagnostics& diags);

}  // namespace svcc::lint
