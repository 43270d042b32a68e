// Phase: sema (what it checks).
// A Program: every parsed file of the app and of what it imports, grouped into name
// scopes. The pipeline's import loader builds it (pipeline/imports.h); sema reads no file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace svcc::sema {

// A name scope: files whose names are used directly by each other. Unit 0 is the app
// (the input files and the files they import by path); every `std.NAME` is a unit of
// its own whose names are used qualified (`runtime.python`).
struct Unit {
  std::string module;           // "" for the app, "runtime" for std.runtime
  std::vector<uint32_t> files;  // indexes into Program::files, in load order
  struct Import {
    std::string qualifier;  // "runtime"
    uint32_t unit;
  };
  std::vector<Import> imports;  // module imports of any of its files, sorted by qualifier
};

struct Program {
  std::vector<ast::File> files;
  std::vector<uint32_t> unit_of_file;  // parallel to files
  std::vector<Unit> units;             // units[0] is the app
};

// Read by the import loader, not by sema; carried in SemaOptions so that every command
// and the language server pass `--stdlib` along with the other checking options.
struct ModuleOptions {
  // Replaces the embedded standard library: `import std.NAME` reads DIR/std/NAME.svc.
  std::optional<std::string> stdlib_dir;
};

}  // namespace svcc::sema
