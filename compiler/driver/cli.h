// Phase: driver.
// Takes the command line; hands out the exit code after running the chosen subcommand.
#pragma once

#include <ostream>

#include "pipeline/exit_code.h"

namespace svcc {

// `stderr_is_terminal` decides colour under `--color=auto`.
ExitCode runCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool stderr_is_terminal);

}  // namespace svcc
