// Phase: lower (a guard run by check, lint, build and svcc lsp, like lower_checks.h).
// Takes the checked model, the sources and the user's input files; reports, as the
// warning E0520, a build `context` or a `copy` source that is not on disk, because
// Docker's build would fail on it. A warning, not an error: a pipeline may build the
// manifests from a checkout that lacks the service sources (manifests-only CI).
#pragma once

#include <vector>

#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/model.h"

namespace svcc::ir {

// Paths are resolved as lowering resolves them: `context` against the directory of the
// service's .svc file, `copy` sources against the context. Only paths inside the app
// root (the deepest directory holding every input) are looked at, and only whether they
// exist: nothing is read, and nothing outside the app is touched. A source with a
// wildcard (`*.jar`), a leading `..` out of the context or a service whose .svc file is
// not on disk (an unsaved editor buffer) is not checked.
void checkBuildSources(const sema::Model& model, const SourceManager& sources, const std::vector<FileId>& inputs,
                       Diagnostics& diags);

}  // namespace svcc::ir
