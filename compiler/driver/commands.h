// Phase: driver.
// One function per `svcc` subcommand: options in, output written to the given streams,
// an exit code out. cli.cpp parses the command line and calls these.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/exit_code.h"
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

struct LintCommand {
  std::vector<std::string> paths;
  sema::SemaOptions sema;
  std::vector<std::string> allow;  // codes as given: `w1001` or `W1001`
  bool warnings_as_errors = false;
  bool use_stdin = false;  // `--stdin`: the buffer read from `in` stands for `stdin_filename`
  std::string stdin_filename;
};
// `svcc lint`: checking plus the lint rules (docs/cli.md). Reads `in` only with `--stdin`.
ExitCode runLint(const LintCommand& command, OutputFormat format, std::istream& in, const Output& io);

ExitCode runDumpAst(const std::string& path, OutputFormat format, const Output& io);
ExitCode runExplain(const std::string& code, const Output& io);

}  // namespace svcc
