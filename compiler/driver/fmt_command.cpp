#include "driver/fmt_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <set>

#include "base/fs.h"
#include "diagnostics/render.h"
#include "driver/output_io.h"
#include "format/format.h"
#include "pipeline/pipeline.h"

namespace svcc {

namespace {

namespace fs = std::filesystem;

// Writes beside the file and renames over it, so a reader never sees half a file and
// an interrupted run leaves the original intact. A symbolic link is written through: the
// file it points to is replaced, beside itself, and the link stays a link. The original's
// permissions are kept. On failure `error` names the file and errno's own reason.
bool replaceFile(const std::string& path, const std::string& text, std::string& error) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) {
    error = "cannot resolve `" + path + "`: " + errnoReason(ec.value());
    return false;
  }
  fs::path temp = target;
  temp += ".svcc-fmt.tmp";
  // Named as the user named the file, unless a link led elsewhere.
  std::string shown = fs::is_symlink(path, ec) ? displayPath(target) : path;
  struct stat st {};
  mode_t mode = ::stat(target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  auto fail = [&](const std::string& what, int errno_value) {
    error = "cannot " + what + ": " + errnoReason(errno_value);
    return false;
  };
  if (int e = writeWholeFile(temp.c_str(), text)) {
    ::unlink(temp.c_str());
    return fail("write `" + shown + ".svcc-fmt.tmp`", e);
  }
  ::chmod(temp.c_str(), mode);
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    int e = errno;
    ::unlink(temp.c_str());
    return fail("replace `" + shown + "`", e);
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
        c.diags.report(Code::E0018, Span{}, error)
            .withHelp("`" + source.path + "` was left as it was; check that its folder is writable");
        write_failed = true;
      }
    }
  }
  finishDiagnostics(c);
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  if (c.input_failed || write_failed) return kExitUsage;
  if (c.diags.hasErrors() || (mode == FmtMode::Check && unformatted)) return kExitErrors;
  return kExitOk;
}

}  // namespace svcc
