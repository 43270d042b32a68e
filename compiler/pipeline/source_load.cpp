#include "pipeline/source_load.h"

#include <fmt/format.h>

#include "base/fs.h"

namespace svcc {

bool hasSourceExtension(const std::filesystem::path& path) { return path.extension() == ".svc"; }

namespace {

Diagnostic& reportAt(Diagnostics& diags, Code code, Span at, std::string message) {
  Diagnostic& d = diags.report(code, at, std::move(message));
  if (at.valid()) d.label("imported here");
  return d;
}

}  // namespace

SourceLoad loadSourceFile(const std::filesystem::path& path, const std::string& shown, Span at, Diagnostics& diags) {
  SourceLoad out;
  // The name first: a file of another name is not opened at all.
  if (!hasSourceExtension(path)) {
    out.refused = true;
    reportAt(diags, Code::E0013, at, "`" + shown + "` is not a `.svc` file")
        .withHelp("svcc reads only `.svc` source files; its content is not shown");
    return out;
  }
  ReadResult read = readFile(path, kMaxSourceBytes);
  if (read.missing) {
    out.missing = true;
    return out;
  }
  if (!read.ok) {
    out.refused = true;
    if (read.not_regular) {
      reportAt(diags, Code::E0012, at, "`" + shown + "` is not a regular file: " + read.error)
          .withHelp(at.valid() ? "an import names one `.svc` file"
                               : "name `.svc` files, or directories that hold them");
    } else if (read.too_large) {
      reportAt(diags, Code::E0004, at, "`" + shown + "` is too large: " + read.error)
          .withHelp("split the application over several files; a directory is checked as one app");
    } else {
      reportAt(diags, Code::E0001, at, "cannot read `" + shown + "`: " + read.error)
          .withHelp("check that the path exists and is readable");
    }
    return out;
  }
  if (std::optional<EncodingError> bad = firstEncodingError(read.text)) {
    // Reported by position alone: the line would show whatever the file holds.
    std::string where = fmt::format("line {}, column {}", bad->line, bad->column);
    if (bad->nul) {
      reportAt(diags, Code::E0003, at, "`" + shown + "` holds a NUL byte at " + where)
          .withHelp("the file is probably binary or UTF-16; save it as UTF-8 text (its content is not shown)");
    } else {
      reportAt(diags, Code::E0002, at, fmt::format("`{}` is not UTF-8: byte 0x{:02X} at {}", shown, bad->byte, where))
          .withHelp("save the file as UTF-8 (its content is not shown)");
    }
    return out;
  }
  out.text = std::move(read.text);
  return out;
}

}  // namespace svcc
