// Phase: driver (`svcc build`).
// Takes the build options; runs load → parse → check → lower → emit and hands the
// outputs to a directory, to stdout as one stream, or prints the IR; out comes the exit code.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "driver/commands.h"

namespace CLI {
class App;
}

namespace svcc {

struct BuildOptions {
  std::vector<std::string> paths;
  sema::SemaOptions sema;
  std::string out_dir;        // `-o DIR`
  bool to_stdout = false;     // `--stdout`: the Kubernetes objects as one stream
  std::string emit;           // `--emit ir`: the IR as JSON on stdout
  bool quiet = false;         // no summary line
  bool check = false;         // `--check`: compare with DIR, write nothing (driver/build_dir.h)
  bool force = false;         // `--force`: replace files svcc did not write
  bool all_profiles = false;  // `--all-profiles`: DIR/base/ and DIR/<profile>/
};

// Registers `svcc build` and its options on the command line.
CLI::App* addBuildCommand(CLI::App& app, BuildOptions& options);

namespace ir {
struct App;
}

// Runs load → parse → check → lower into `app` and prints the diagnostics on stderr, as
// `svcc check` would; returns kExitOk only when there is something to emit. `root` is
// set to the app root (the deepest directory holding every input file): the IR's paths
// are relative to it. The compilation is left to the process exit (base/teardown.h),
// unless `free_compilation`: a caller that goes on to hold the whole output set in
// memory reuses its memory.
ExitCode compileToIr(const std::vector<std::string>& paths, const sema::SemaOptions& sema, ir::App& app,
                     std::filesystem::path& root, const Output& io, bool free_compilation = false);

// Nothing is written when the input has errors (exit 1) or when a file cannot be
// written (exit 2, and the previous output stays as it was).
ExitCode runBuild(const BuildOptions& options, const Output& io);

}  // namespace svcc
