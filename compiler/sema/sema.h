// Phase: sema (entry point).
// Takes the Program (the parsed files; pipeline/imports.h loaded the imports); applies
// templates and the selected profile, checks names, types, units and the dependency
// graph, and hands out the Model. Every problem becomes a diagnostic; checking goes on
// after errors.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/model.h"
#include "sema/modules.h"

namespace svcc::sema {

class NameIndex;

class References;

struct SemaOptions {
  std::optional<std::string> profile;  // `--profile NAME`
  ModuleOptions modules;               // `--stdlib DIR` (for the import loader)
  NameIndex* index = nullptr;          // `svcc lsp`: record every resolved name (sema/index.h)
  // Run once every service is finished and before the graph is checked: reads the files
  // of `config` blocks (ir/config_files.h), whose templates add references, and so edges.
  std::function<void(Model&, References&)> read_files;
};

// Checks a loaded program.
Model check(const Program& program, const SemaOptions& options, const SourceManager& sources, Diagnostics& diags);

}  // namespace svcc::sema
