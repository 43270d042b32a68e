#include "pipeline/pipeline.h"

#include <algorithm>

#include "base/fs.h"
#include "ir/build_sources.h"
#include "ir/config_files.h"
#include "ir/lower_checks.h"
#include "lint/lint.h"
#include "parse/parse.h"
#include "pipeline/imports.h"
#include "pipeline/source_load.h"
#include "sema/context_root.h"

namespace svcc {

namespace {

void reportUnreadable(Compilation& c, const std::string& shown, const std::string& why) {
  c.input_failed = true;
  c.diags.report(Code::E0001, Span{}, "cannot read `" + shown + "`: " + why)
      .withHelp("check that the path exists and is readable");
}

// How OpenBuffers names a file: absolute, lexically normal.
std::string bufferKey(const std::filesystem::path& path) {
  return std::filesystem::absolute(path).lexically_normal().generic_string();
}

void reportTooLarge(Compilation& c, const std::string& shown, const std::string& why) {
  c.input_failed = true;
  c.diags.report(Code::E0004, Span{}, "`" + shown + "` is too large: " + why)
      .withHelp("split the application over several files; a directory is checked as one app");
}

void loadOne(const InputFile& input, Compilation& c, const OpenBuffers* open) {
  if (open) {
    auto buffer = open->find(bufferKey(input.path));
    if (buffer != open->end()) {
      if (buffer->second.size() > kMaxSourceBytes) {
        return reportTooLarge(c, input.display, "it is larger than " + std::to_string(kMaxSourceBytes >> 20) + " MiB");
      }
      c.inputs.push_back(c.sources.add(input.display, buffer->second));
      return;
    }
  }
  // The rules of docs/language.md for a file from disk: a regular `.svc` file, bounded,
  // UTF-8; a refused file is reported without its content.
  SourceLoad load = loadSourceFile(input.path, input.display, Span{}, c.diags);
  if (load.missing) return reportUnreadable(c, input.display, "no such file or directory");
  if (load.refused) c.input_failed = true;
  if (!load.text) return;
  c.inputs.push_back(c.sources.add(input.display, std::move(*load.text)));
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
  // The buffer is an open buffer for the file of its name, which joins the inputs (kept
  // sorted by path) when the paths do not name it.
  InputFile stand_in{buffer.name, displayPath(buffer.name)};
  std::vector<InputFile>& files = expanded.files;
  auto at = std::lower_bound(files.begin(), files.end(), stand_in.display,
                             [](const InputFile& f, const std::string& shown) { return f.display < shown; });
  if (at == files.end() || at->display != stand_in.display) files.insert(at, stand_in);
  OpenBuffers open{{bufferKey(buffer.name), buffer.text}};
  for (const InputFile& input : files) loadOne(input, c, &open);
}

void loadFile(const std::string& path, Compilation& c) { loadOne(InputFile{path, displayPath(path)}, c, nullptr); }

void parseInputs(Compilation& c) {
  c.asts.reserve(c.inputs.size());
  for (FileId id : c.inputs) c.asts.push_back(parseFile(c.sources.file(id), c.diags));
}

void checkLoaded(Compilation& c, const sema::SemaOptions& options) {
  parseInputs(c);
  // Checking a tree the parser had to patch up would mostly report the patches.
  if (c.diags.hasErrors()) return;
  c.program = loadProgram(std::move(c.asts), options.modules, c.sources, c.diags);
  c.asts.clear();
  std::vector<std::filesystem::path> files;
  for (FileId id : c.inputs) files.emplace_back(c.sources.file(id).path);
  sema::AppRoot root(files);
  sema::SemaOptions with_files = options;
  // The files of `config` blocks, read into the model for the backends (E0540–E0543), and
  // their templates' references checked with the rest (ir/config_files.h).
  with_files.read_files = [&](sema::Model& model, sema::References& refs) {
    if (!c.diags.hasErrors()) ir::loadConfigFiles(model, c.sources, root, refs, c.diags);
  };
  c.model = sema::check(c.program, with_files, c.sources, c.diags);
  // What lowering would refuse is reported here, so that `check`, `lint` and the editor
  // find every error `build` finds (a label value, a recipe without `user`, a line
  // break in `run`). Lowering itself trusts a model that passed these.
  if (!c.diags.hasErrors()) ir::checkLoweredNames(c.model, c.diags);
  // A build context or `copy` source missing on disk (E0520, a warning: manifests-only
  // CI builds from a checkout without the service sources).
  if (!c.diags.hasErrors()) ir::checkBuildSources(c.model, c.sources, c.inputs, c.diags);
  if (!c.diags.hasErrors()) sema::checkContextsInsideRoot(c.model, c.sources, root, c.diags);
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

std::optional<std::vector<std::string>> allowedCodes(const std::vector<std::string>& given, std::ostream& err) {
  std::vector<std::string> out;
  for (const std::string& code : given) {
    std::optional<Code> found = findCode(code);
    if (!found) {
      err << "error: unknown diagnostic code `" << code << "` in `--allow`\n"
          << "  = help: codes look like `W1001`; docs/diagnostics.md lists them all\n";
      return std::nullopt;
    }
    const CodeInfo& info = codeInfo(*found);
    if (info.severity != Severity::Warning) {
      err << "error: `" << info.id << "` is an error and cannot be allowed\n"
          << "  = help: `--allow` takes warnings, such as the lints W1001 to W1010\n";
      return std::nullopt;
    }
    out.emplace_back(info.id);
  }
  return out;
}

void finishDiagnostics(Compilation& c) {
  c.diags.sort(c.sources);
  c.diags.dedupe();
}

}  // namespace svcc
