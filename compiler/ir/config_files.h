// Phase: lower (a step run by check, lint, build and svcc lsp after checking).
// Takes the checked model, the sources and the app root; fills each `config` block's
// entries from disk, and reports what Kubernetes or the reader of the output could not
// take: a source outside the app (E0540), missing or of the wrong kind (E0541), not text
// (E0541), more than a ConfigMap holds (E0542), a file name that is no ConfigMap key
// (E0543).
#pragma once

#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/app_root.h"
#include "sema/dependencies.h"
#include "sema/model.h"

namespace svcc::ir {

// The API server refuses a ConfigMap whose keys and values add up to more than 1 MiB.
inline constexpr size_t kMaxConfigMapBytes = size_t{1} << 20;

// `file` and `dir` are resolved against the directory of the file that wrote them (a
// template's config against the template's file). Only regular files inside the app root
// are read, never followed out of it by a symbolic link; a `dir` gives its regular files,
// not its subdirectories, sorted by name.
//
// A template's files (`template = true`) are added to `sources`, so that a diagnostic can
// point into them, and their `${REF}` resolved through `refs`: each is a reference of the
// service, and an edge of the graph (`$${` is a literal `${`). Runs inside sema::check
// (SemaOptions::read_files), before the graph is checked.
void loadConfigFiles(sema::Model& model, SourceManager& sources, const sema::AppRoot& root, sema::References& refs,
                     Diagnostics& diags);

}  // namespace svcc::ir
