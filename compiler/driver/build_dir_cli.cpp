#include <CLI/CLI.hpp>

#include "driver/build_dir.h"

namespace svcc {

const char* const kBuildExitCodesHelp =
    "Exit codes:\n"
    "  0  written; with --check: DIR is what the sources produce\n"
    "  1  the input has errors (nothing written); with --check: DIR differs (listed on stdout)\n"
    "  2  bad usage, an unreadable input, or DIR cannot be written (E0510), holds a file svcc\n"
    "     did not write where a generated file goes (E0010), has a broken manifest (E0011) or a\n"
    "     symbolic link on a generated path (E0015); `-o /` (E0016); a profile `base` (E0017);\n"
    "     DIR is then exactly as it was before\n"
    "  3  internal error (a bug in svcc; please report it)\n"
    "Details: docs/cli.md and docs/gitops.md";

void addDirectoryFlags(CLI::App& cmd, BuildOptions& o, CLI::Option* out) {
  cmd.add_flag("--check", o.check,
               "write nothing; exit 1 and list added, changed and removed files (with diffs) when DIR is not "
               "what the sources produce")
      ->needs(out);
  cmd.add_flag("--force", o.force, "replace files in DIR that svcc did not write (they join the manifest)")->needs(out);
  cmd.add_flag("--all-profiles", o.all_profiles,
               "build DIR/base/ (no profile) and DIR/<profile>/ for every profile declared, in one run")
      ->needs(out)
      ->excludes("--profile");
}

}  // namespace svcc
