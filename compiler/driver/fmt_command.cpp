#include "driver/fmt_command.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "diagnostics/render.h"
#include "driver/pipeline.h"
#include "format/format.h"

namespace svcc {

namespace {

namespace fs = std::filesystem;

// Writes beside the file and renames over it, so a reader never sees half a file and
// an interrupted run leaves the original intact. The original's permissions are kept.
bool replaceFile(const std::string& path, const std::string& text, std::string& error) {
  fs::path target(path);
  fs::path temp = target;
  temp += ".svcc-fmt.tmp";
  std::error_code ec;
  fs::perms perms = fs::status(target, ec).permissions();
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      error = "cannot write `" + temp.generic_string() + "`";
      return false;
    }
  }
  if (!ec) fs::permissions(temp, perms, ec);
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    error = "cannot replace `" + path + "`: " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

ExitCode runFmt(const std::vector<std::string>& paths, FmtMode mode, const Output& io) {
  Compilation c;
  loadInputs(paths, c);
  if (mode == FmtMode::Print && c.inputs.size() > 1) {
    io.err << "error: `svcc fmt` prints one file, but " << c.inputs.size() << " were given\n"
           << "  = help: use `-w` to rewrite files in place, or `--check` to list the files that would change\n";
    return kExitUsage;
  }
  parseInputs(c);
  finishDiagnostics(c);
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});

  // A file with syntax errors is never formatted: its tree may be missing pieces.
  std::set<FileId> broken;
  for (const Diagnostic& d : c.diags.all()) {
    if (d.severity == Severity::Error) broken.insert(d.primary.span.file);
  }
  bool unformatted = false;
  bool write_failed = false;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    const SourceFile& source = c.sources.file(c.inputs[i]);
    if (broken.count(source.id)) continue;
    std::string formatted = formatFile(c.asts[i], source);
    if (mode == FmtMode::Print) {
      io.out << formatted;
    } else if (formatted != source.text) {
      unformatted = true;
      std::string error;
      if (mode == FmtMode::Check) {
        io.out << source.path << "\n";
      } else if (!replaceFile(source.path, formatted, error)) {
        io.err << "error: " << error << "\n";
        write_failed = true;
      }
    }
  }
  if (c.input_failed || write_failed) return kExitUsage;
  if (c.diags.hasErrors() || (mode == FmtMode::Check && unformatted)) return kExitErrors;
  return kExitOk;
}

}  // namespace svcc
