#include "driver/cli.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "driver/build.h"
#include "driver/build_dir.h"
#include "driver/commands.h"
#include "driver/fmt_command.h"
#include "driver/graph_command.h"
#include "lsp/server.h"

namespace svcc {

namespace {

constexpr const char* kExitCodesHelp =
    "\nExit codes:\n"
    "  0  no errors (warnings may have been reported)\n"
    "  1  the input has errors\n"
    "  2  bad usage, or an input could not be read\n"
    "  3  internal error: a bug in svcc, please report it\n";

constexpr const char* kLintHelp =
    "\nEditors: `--stdin --stdin-filename NAME` lints the buffer read from standard input as\n"
    "the file NAME (diagnostics name it NAME; its relative imports are found beside it).\n"
    "With FILES or DIRS too, the buffer replaces NAME's content on disk among them, so one\n"
    "unsaved file of a directory app is linted with the rest; without, only the buffer and\n"
    "its imports are linted.\n"
    "\n"
    "Lint rules run only when checking found no errors. `--allow W1001` (repeatable) drops\n"
    "one warning code's findings; an unknown code, or an error code, is a usage error.\n"
    "`svcc explain W1001` explains a rule; docs/diagnostics.md lists them all.\n"
    "\n"
    "Exit codes:\n"
    "  0  no errors (warnings may have been reported)\n"
    "  1  the input has errors, or warnings with `--Werror`\n"
    "  2  bad usage, or an input could not be read\n"
    "  3  internal error: a bug in svcc, please report it\n";

struct Settings {
  std::string format = "text";
  std::string color = "auto";
  std::vector<std::string> paths;
  std::string file;
  std::string code;
  sema::SemaOptions sema;
  BuildOptions build;
};

void addFormat(CLI::App& cmd, Settings& s, const std::vector<std::string>& formats, const std::string& help) {
  cmd.add_option("--format", s.format, help)->check(CLI::IsMember(formats))->capture_default_str();
}

void addColor(CLI::App& cmd, Settings& s) {
  cmd.add_option("--color", s.color, "colour text diagnostics: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

bool useColor(const Settings& s, bool stderr_is_terminal) {
  if (s.color == "always") return true;
  if (s.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return stderr_is_terminal && (no_color == nullptr || *no_color == '\0');
}

}  // namespace

ExitCode runCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool stderr_is_terminal) {
  Settings s;
  CLI::App app("svcc compiles .svc service descriptions into Dockerfiles and Kubernetes manifests.", "svcc");
  app.set_version_flag("--version", std::string("svcc ") + SVCC_VERSION);
  app.require_subcommand(1);
  app.footer(kExitCodesHelp);
  // Our house style for messages (lower-case start), not CLI11's.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    std::string message = e.what();
    if (message.size() > 1 && std::islower(static_cast<unsigned char>(message[1]))) {
      message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return "error: " + message + "\n  = help: run `svcc --help` for usage\n";
  });

  CLI::App* check = app.add_subcommand("check", "Parse and check .svc files and report every problem found");
  check->add_option("paths", s.paths, "files, or directories searched recursively for *.svc")->required();
  check->add_option("--profile", s.sema.profile, "apply this profile of the app last");
  check->add_option("--stdlib", s.sema.modules.stdlib_dir,
                    "read `import std.NAME` from DIR/std/NAME.svc instead of the embedded library");
  addFormat(*check, s, {"text", "json", "sarif"},
            "text for people; json or sarif for tools (docs/diagnostics-json.md)");
  addColor(*check, s);
  check->footer(kExitCodesHelp);

  LintCommand lint_command;
  CLI::App* lint = app.add_subcommand("lint", "Check .svc files and run the lint rules (W1xxx) on them");
  lint->add_option("paths", lint_command.paths, "files, or directories searched recursively for *.svc");
  lint->add_option("--profile", lint_command.sema.profile, "apply this profile of the app last");
  lint->add_option("--stdlib", lint_command.sema.modules.stdlib_dir,
                   "read `import std.NAME` from DIR/std/NAME.svc instead of the embedded library");
  addFormat(*lint, s, {"text", "json", "sarif"}, "text for people; json or sarif for tools (docs/diagnostics-json.md)");
  addColor(*lint, s);
  lint->add_flag("--Werror", lint_command.warnings_as_errors, "report every warning as an error (exit 1)");
  lint->add_option("--allow", lint_command.allow, "drop the findings of this warning code; repeatable")
      ->type_name("CODE")
      ->allow_extra_args(false);
  CLI::Option* stdin_name =
      lint->add_option("--stdin-filename", lint_command.stdin_filename, "the file the standard-input buffer stands for")
          ->type_name("NAME");
  CLI::Option* use_stdin =
      lint->add_flag("--stdin", lint_command.use_stdin, "read the buffer of one file from standard input");
  use_stdin->needs(stdin_name);
  stdin_name->needs(use_stdin);
  lint->footer(kLintHelp);

  CLI::App* build = addBuildCommand(app, s.build);
  addColor(*build, s);
  build->footer(kBuildExitCodesHelp);

  GraphOptions graph_options;
  CLI::App* graph = addGraphCommand(app, graph_options);
  addColor(*graph, s);
  graph->footer(kExitCodesHelp);

  CLI::App* dump = app.add_subcommand("dump", "Print an internal form of the input (for tests and debugging)");
  dump->require_subcommand(1);
  CLI::App* dump_ast = dump->add_subcommand("ast", "Print the syntax tree of one file");
  dump_ast->add_option("file", s.file, "the .svc file")->required();
  addFormat(*dump_ast, s, {"text", "json"}, "the tree as indented text or as JSON");
  addColor(*dump_ast, s);
  dump_ast->footer(kExitCodesHelp);

  CLI::App* fmt = app.add_subcommand("fmt", "Rewrite .svc files in the canonical layout (docs/fmt.md)");
  fmt->add_option("paths", s.paths, "files, or directories searched recursively for *.svc")->required();
  bool fmt_write = false;
  bool fmt_check = false;
  fmt->add_flag("--check", fmt_check, "only list the files that would change; exit 1 if any")
      ->excludes(fmt->add_flag("-w,--write", fmt_write, "rewrite files in place instead of printing one"));
  addColor(*fmt, s);

  CLI::App* explain = app.add_subcommand("explain", "Explain a diagnostic code, e.g. `svcc explain E0304`");
  explain->add_option("code", s.code, "the code, e.g. E0304")->required();
  explain->footer(kExitCodesHelp);

  CLI::App* lsp = app.add_subcommand("lsp", "Run the language server: LSP over stdin and stdout (docs/editors.md)");
  lsp::ServerOptions lsp_options;
  lsp->add_option("--stdlib", lsp_options.stdlib_dir,
                  "read `import std.NAME` from DIR/std/NAME.svc instead of the embedded library");
  std::vector<std::string> lsp_allow;
  lsp->add_option("--allow", lsp_allow, "as `svcc lint --allow`: drop the findings of this warning code; repeatable")
      ->type_name("CODE")
      ->allow_extra_args(false);
  lsp->add_flag("--Werror", lsp_options.lint.warnings_as_errors, "as `svcc lint --Werror`: report warnings as errors");
  // The transport arguments the LSP specification names for servers ("Implementation
  // considerations"); clients such as vscode-languageclient add one to the command line.
  // stdio is the only transport svcc speaks, so the others are refused by name.
  bool lsp_stdio = false;
  lsp->add_flag("--stdio", lsp_stdio, "speak LSP over stdin and stdout (the default, and the only transport)");
  std::string lsp_pipe, lsp_socket;
  bool lsp_node_ipc = false;
  lsp->add_option("--pipe", lsp_pipe, "not supported: svcc speaks stdio only")->type_name("NAME");
  lsp->add_option("--socket,--port", lsp_socket, "not supported: svcc speaks stdio only")->type_name("PORT");
  lsp->add_flag("--node-ipc", lsp_node_ipc, "not supported: svcc speaks stdio only");
  int64_t lsp_client_pid = 0;
  lsp->add_option("--clientProcessId", lsp_client_pid, "the editor's process id; accepted and not used")
      ->type_name("PID");
  lsp->footer(
      "\nExit codes:\n  0  `exit` after `shutdown`\n  1  `exit` without `shutdown`, the input ended first, or it is "
      "not LSP framing\n  2  usage error\n");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? kExitOk : kExitUsage;
  }

  Output io{out, err, useColor(s, stderr_is_terminal)};
  OutputFormat format = s.format == "json"    ? OutputFormat::Json
                        : s.format == "sarif" ? OutputFormat::Sarif
                                              : OutputFormat::Text;
  if (check->parsed()) return runCheck(s.paths, s.sema, format, io);
  if (lint->parsed()) {
    if (lint_command.paths.empty() && !lint_command.use_stdin) {
      err << "error: `svcc lint` needs FILES or DIRS, or `--stdin --stdin-filename NAME`\n"
          << "  = help: run `svcc lint --help` for usage\n";
      return kExitUsage;
    }
    return runLint(lint_command, format, std::cin, io);
  }
  if (build->parsed()) return runBuild(s.build, io);
  if (graph->parsed()) return runGraph(graph_options, io);
  if (dump_ast->parsed()) return runDumpAst(s.file, format, io);
  if (lsp->parsed()) {
    const char* other_transport = !lsp_pipe.empty()     ? "--pipe"
                                  : !lsp_socket.empty() ? "--socket"
                                  : lsp_node_ipc        ? "--node-ipc"
                                                        : nullptr;
    if (other_transport) {
      err << "error: `svcc lsp " << other_transport
          << "` is not supported: svcc speaks LSP over stdin and stdout only\n"
          << "  = help: configure the editor's client for the stdio transport (`svcc lsp --stdio`)\n";
      return kExitUsage;
    }
    std::optional<std::vector<std::string>> allow = allowedCodes(lsp_allow, err);
    if (!allow) return kExitUsage;
    lsp_options.lint.allow = std::move(*allow);
    return static_cast<ExitCode>(lsp::runServer(std::cin, out, err, lsp_options));
  }
  if (fmt->parsed())
    return runFmt(s.paths, fmt_write ? FmtMode::Write : fmt_check ? FmtMode::Check : FmtMode::Print, io);
  return runExplain(s.code, io);
}

}  // namespace svcc
