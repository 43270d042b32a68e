#include "driver/commands.h"

#include "ast/dump.h"
#include "base/teardown.h"
#include "diagnostics/render.h"
#include "pipeline/pipeline.h"

namespace svcc {

namespace {

// Text diagnostics go to stderr so that stdout stays the command's result; a JSON or
// SARIF document is the result when it is asked for.
void emitDiagnostics(const Compilation& c, OutputFormat format, const Output& io) {
  switch (format) {
    case OutputFormat::Json:
      io.out << renderJson(c.diags, c.sources);
      break;
    case OutputFormat::Sarif:
      io.out << renderSarif(c.diags, c.sources);
      break;
    case OutputFormat::Text:
      io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
      break;
  }
}

std::string readAll(std::istream& in, size_t max_bytes) {
  std::string text;
  char buffer[1 << 16];
  while (text.size() <= max_bytes && in.read(buffer, sizeof buffer).gcount() > 0) text.append(buffer, in.gcount());
  return text;
}

}  // namespace

ExitCode runCheck(const std::vector<std::string>& paths, const sema::SemaOptions& options, OutputFormat format,
                  const Output& io) {
  Compilation c;
  check(paths, c, options);
  emitDiagnostics(c, format, io);
  ExitCode code = c.exitCode();
  bury(std::move(c));
  return code;
}

ExitCode runLint(const LintCommand& command, OutputFormat format, std::istream& in, const Output& io) {
  std::optional<std::vector<std::string>> allow = allowedCodes(command.allow, io.err);
  if (!allow) return kExitUsage;
  Compilation c;
  if (command.use_stdin) {
    loadInputs(command.paths, Buffer{command.stdin_filename, readAll(in, kMaxSourceBytes)}, c);
  } else {
    loadInputs(command.paths, c);
  }
  lintLoaded(c, command.sema, LintOptions{*allow, command.warnings_as_errors});
  emitDiagnostics(c, format, io);
  return c.exitCode();
}

ExitCode runDumpAst(const std::string& path, OutputFormat format, const Output& io) {
  Compilation c;
  loadFile(path, c);
  parseInputs(c);
  finishDiagnostics(c);
  for (const ast::File& file : c.asts) {
    io.out << ast::dump(file, c.sources, format == OutputFormat::Json ? ast::DumpFormat::Json : ast::DumpFormat::Text);
  }
  emitDiagnostics(c, OutputFormat::Text, io);
  return c.exitCode();
}

ExitCode runExplain(const std::string& code, const Output& io) {
  std::optional<Code> found = findCode(code);
  if (!found) {
    io.err << "error: unknown diagnostic code `" << code << "`\n"
           << "  = help: codes look like `E0101` or `W1001`; docs/diagnostics.md lists them all\n";
    return kExitUsage;
  }
  const CodeInfo& info = codeInfo(*found);
  io.out << info.id << " (" << severityName(info.severity) << "): " << info.summary << "\n\n"
         << info.explanation << "\n";
  return kExitOk;
}

}  // namespace svcc
