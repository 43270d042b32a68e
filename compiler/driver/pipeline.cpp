#include "driver/pipeline.h"

#include <algorithm>

#include "base/fs.h"
#include "lint/lint.h"
#include "parse/parse.h"

namespace svcc {

namespace {

void reportUnreadable(Compilation& c, const std::string& shown, const std::string& why) {
  c.input_failed = true;
  c.diags.report(Code::E0001, Span{}, "cannot read `" + shown + "`: " + why)
      .withHelp("check that the path exists and is readable");
}

void loadOne(const InputFile& input, Compilation& c, const OpenBuffers* open) {
  if (open) {
    auto buffer = open->find(std::filesystem::absolute(input.path).lexically_normal().generic_string());
    if (buffer != open->end()) {
      c.inputs.push_back(c.sources.add(input.display, buffer->second));
      return;
    }
  }
  ReadResult read = readFile(input.path, kMaxSourceBytes);
  if (read.too_large) {
    c.input_failed = true;
    c.diags.report(Code::E0004, Span{}, "`" + input.display + "` is too large: " + read.error)
        .withHelp("split the application over several files; a directory is checked as one app");
    return;
  }
  if (!read.ok) return reportUnreadable(c, input.display, read.error);
  c.inputs.push_back(c.sources.add(input.display, std::move(read.text)));
}

void reportMissing(const ExpandedInputs& expanded, Compilation& c) {
  for (const std::string& missing : expanded.missing) {
    reportUnreadable(c, displayPath(missing), "no such file or directory");
  }
}

}  // namespace

void loadInputs(const std::vector<std::string>& paths, Compilation& c, const OpenBuffers* open) {
  ExpandedInputs expanded = expandInputs(paths);
  reportMissing(expanded, c);
  for (const InputFile& input : expanded.files) loadOne(input, c, open);
  if (expanded.files.empty() && expanded.missing.empty()) {
    std::string where;
    for (const std::string& dir : expanded.empty_dirs) where += (where.empty() ? "`" : ", `") + displayPath(dir) + "`";
    c.input_failed = true;
    c.diags.report(Code::E0006, Span{}, "no `.svc` files found in " + where)
        .withHelp("name `.svc` files or directories that contain them; directories are searched recursively");
  }
}

void loadInputs(const std::vector<std::string>& paths, const Buffer& buffer, Compilation& c) {
  ExpandedInputs expanded = paths.empty() ? ExpandedInputs{} : expandInputs(paths);
  reportMissing(expanded, c);
  std::string shown = displayPath(buffer.name);
  bool placed = false;
  // The inputs stay sorted by path, the buffer among them.
  auto place = [&] {
    placed = true;
    if (buffer.text.size() > kMaxSourceBytes) {
      c.input_failed = true;
      c.diags.report(Code::E0004, Span{}, "`" + shown + "` (standard input) is too large")
          .withHelp("split the application over several files; a directory is checked as one app");
      return;
    }
    c.inputs.push_back(c.sources.add(shown, buffer.text));
  };
  for (const InputFile& input : expanded.files) {
    if (!placed && shown <= input.display) place();
    if (input.display != shown) loadOne(input, c, nullptr);
  }
  if (!placed) place();
}

void loadFile(const std::string& path, Compilation& c) {
  loadOne(InputFile{path, displayPath(path)}, c, nullptr);
}

void parseInputs(Compilation& c) {
  c.asts.reserve(c.inputs.size());
  for (FileId id : c.inputs) c.asts.push_back(parseFile(c.sources.file(id), c.diags));
}

void checkLoaded(Compilation& c, const sema::SemaOptions& options) {
  parseInputs(c);
  // Checking a tree the parser had to patch up would mostly report the patches.
  if (c.diags.hasErrors()) return;
  c.program = sema::loadProgram(std::move(c.asts), options.modules, c.sources, c.diags);
  c.asts.clear();
  c.model = sema::check(c.program, options, c.sources, c.diags);
}

void check(const std::vector<std::string>& paths, Compilation& c, const sema::SemaOptions& options) {
  loadInputs(paths, c);
  checkLoaded(c, options);
  finishDiagnostics(c);
}

void lintLoaded(Compilation& c, const sema::SemaOptions& sema, const LintOptions& options) {
  checkLoaded(c, sema);
  // Lint findings on a program with errors would mostly echo them.
  if (!c.diags.hasErrors() && !c.input_failed) lint::lint(c.program, c.model, c.sources, c.diags);
  c.diags.removeIf([&](const Diagnostic& d) {
    return d.severity == Severity::Warning &&
           std::find(options.allow.begin(), options.allow.end(), codeInfo(d.code).id) != options.allow.end();
  });
  if (options.warnings_as_errors) c.diags.warningsToErrors();
  finishDiagnostics(c);
}

void finishDiagnostics(Compilation& c) {
  c.diags.sort(c.sources);
  c.diags.dedupe();
}

}  // namespace svcc
