// Phase: driver.
// One function per `svcc` subcommand: options in, output written to the given streams,
// an exit code out. cli.cpp parses the command line and calls these.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "driver/exit_code.h"
#include "sema/sema.h"

namespace svcc {

enum class OutputFormat { Text, Json, Sarif };

struct Output {
  std::ostream& out;   // results: JSON diagnostics, dumps, explanations
  std::ostream& err;   // text diagnostics
  bool color = false;  // ANSI colour in text diagnostics
};

ExitCode runCheck(const std::vector<std::string>& paths, const sema::SemaOptions& options, OutputFormat format,
                  const Output& io);
ExitCode runDumpAst(const std::string& path, OutputFormat format, const Output& io);
ExitCode runExplain(const std::string& code, const Output& io);

}  // namespace svcc
