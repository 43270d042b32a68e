// Phase: pipeline (a Compilation's outcome; the driver's commands return them).
// The process exit codes every command uses (documented in docs/cli.md and `--help`).
#pragma once

namespace svcc {

enum ExitCode : int {
  kExitOk = 0,        // no errors (warnings allowed)
  kExitErrors = 1,    // the input has errors
  kExitUsage = 2,     // bad command line, or an input that cannot be read
  kExitInternal = 3,  // a bug in svcc: an exception escaped a phase
};

}  // namespace svcc
