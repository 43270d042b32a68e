// Phase: pipeline (below the language server and the driver, which both run it).
// Takes the paths named on the command line; runs the phases in order (load → parse →
// imports → check → lowering's checks → lint) and hands out a Compilation: the sources,
// every phase's product and all diagnostics. Each phase reads only what the ones before
// produced; the driver lowers and emits from there.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "base/fs.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "pipeline/exit_code.h"
#include "sema/sema.h"

namespace svcc {

struct Compilation {
  SourceManager sources;
  Diagnostics diags;
  std::vector<FileId> inputs;   // the user's files, sorted by path
  std::vector<ast::File> asts;  // parallel to `inputs`; moved into `program` by checking
  sema::Program program;        // the inputs and every file they import (kept for lint and lsp)
  sema::Model model;            // what `check` found
  bool input_failed = false;    // an input could not be read (exit 2, not 1)

  ExitCode exitCode() const { return input_failed ? kExitUsage : diags.hasErrors() ? kExitErrors : kExitOk; }
};

// Editor buffers by absolute, lexically normal path: `svcc lsp` checks the text the user
// sees, not the text last saved.
using OpenBuffers = std::unordered_map<std::string, std::string>;

// Load: files as given, directories expanded to every `*.svc` below them, each file
// once; a file that is an open buffer is taken from there (whatever its name). Unreadable paths are E0001,
// too large files E0004, no file at all E0006.
void loadInputs(const std::vector<std::string>& paths, Compilation& c, const OpenBuffers* open = nullptr);
// An editor's unsaved buffer standing for the file `name` (`svcc lint --stdin`).
struct Buffer {
  std::string name;
  std::string text;
};
// loadInputs, with `buffer` taken instead of the file of its name: in place of that file
// when the paths name it, beside them when they do not, alone when there are no paths.
void loadInputs(const std::vector<std::string>& paths, const Buffer& buffer, Compilation& c);
// Load exactly one file (`svcc dump ast FILE`), by the rules of pipeline/source_load.h.
void loadFile(const std::string& path, Compilation& c);
// Parse: every loaded input into `asts`.
void parseInputs(Compilation& c);
// Everything `svcc check` runs, up to and including the checks; then orders the
// diagnostics by position and drops duplicates.
void check(const std::vector<std::string>& paths, Compilation& c, const sema::SemaOptions& options = {});
// Parses and checks sources already in `c.sources` and `c.inputs` (`svcc lsp` adds the
// open documents itself); no finishDiagnostics.
void checkLoaded(Compilation& c, const sema::SemaOptions& options);

// What `svcc lint` adds to checking (docs/diagnostics.md, W1xxx).
struct LintOptions {
  std::vector<std::string> allow;   // `--allow CODE`: findings with these codes are dropped
  bool warnings_as_errors = false;  // `--Werror`
};
// `--allow` codes in their registry spelling; nullopt, reported on `err`, for an unknown
// code or an error, which cannot be allowed (`svcc lint`, `svcc lsp`).
std::optional<std::vector<std::string>> allowedCodes(const std::vector<std::string>& given, std::ostream& err);
// Everything `svcc lint` and `svcc lsp` run on loaded sources: checkLoaded, then the lint
// rules when checking found no errors, then the allow/Werror policy and finishDiagnostics.
void lintLoaded(Compilation& c, const sema::SemaOptions& sema, const LintOptions& options);

// Puts diagnostics in their final order; every command calls it before rendering.
void finishDiagnostics(Compilation& c);

}  // namespace svcc
