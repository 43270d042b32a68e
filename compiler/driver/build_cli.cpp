#include <CLI/CLI.hpp>

#include "driver/build.h"
#include "driver/build_dir.h"

namespace svcc {

CLI::App* addBuildCommand(CLI::App& app, BuildOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "build", "Check .svc files, then write Kubernetes manifests, Dockerfiles and compose.yaml (docs/outputs.md)");
  cmd->add_option("paths", o.paths, "files, or directories searched recursively for *.svc")->required();
  CLI::Option* out = cmd->add_option("-o,--output", o.out_dir,
                                     "write the output tree below DIR with its manifest DIR/.svcc-manifest.json; "
                                     "files svcc wrote before and no longer produces are removed (docs/gitops.md)")
                         ->check([](const std::string& dir) {
                           // An empty DIR would otherwise read as no DIR at all (`--stdout`).
                           return dir.empty() ? std::string("the output directory must not be empty") : std::string();
                         });
  CLI::Option* to_stdout = cmd->add_flag("--stdout", o.to_stdout,
                                         "write the Kubernetes objects as one YAML stream for `kubectl apply -f -`");
  CLI::Option* emit = cmd->add_option("--emit", o.emit, "print an internal form instead: `ir` (JSON, docs/ir.md)")
                          ->check(CLI::IsMember({"ir"}));
  out->excludes(to_stdout)->excludes(emit);
  to_stdout->excludes(emit);
  cmd->add_option("--profile", o.sema.profile, "apply this profile of the app last");
  cmd->add_option("--stdlib", o.sema.modules.stdlib_dir,
                  "read `import std.NAME` from DIR/std/NAME.svc instead of the embedded library");
  cmd->add_flag("-q,--quiet", o.quiet, "do not print the summary line");
  addDirectoryFlags(*cmd, o, out);
  cmd->callback([out, to_stdout, emit] {
    if (out->count() + to_stdout->count() + emit->count() == 0) {
      throw CLI::RequiredError("one of -o DIR, --stdout or --emit ir");
    }
  });
  cmd->footer(
      "\nExit codes:\n"
      "  0  no errors: the output was written (warnings may have been reported)\n"
      "  1  the input has errors: nothing was written\n"
      "  2  bad usage, an input could not be read, or an output could not be written (the\n"
      "     previous output is left as it was)\n"
      "  3  internal error: a bug in svcc, please report it\n");
  return cmd;
}

}  // namespace svcc
