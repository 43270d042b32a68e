// Phase: pipeline (load, the imports).
// Takes the parsed input files; follows `import std.NAME` and `import "./x.svc"`, loading
// and parsing each file once, and hands out the sema::Program that sema checks: files
// grouped into name scopes. Reports what cannot be imported (E0014, E0208, E0210) and
// import cycles (E0209); sema itself never reads a file.
#pragma once

#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/modules.h"

namespace svcc {

sema::Program loadProgram(std::vector<ast::File> inputs, const sema::ModuleOptions& options, SourceManager& sources,
                          Diagnostics& diags);

}  // namespace svcc
