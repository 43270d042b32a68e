#include "driver/build_dir.h"

#include <filesystem>
#include <set>

#include "base/line_diff.h"
#include "base/teardown.h"
#include "diagnostics/render.h"
#include "driver/build_outputs.h"
#include "driver/output_dir.h"
#include "driver/pipeline.h"
#include "ir/lower.h"

namespace svcc {

namespace fs = std::filesystem;

namespace {

// Every profile declared in the inputs, sorted, each once; parse errors are left for
// the real builds to report.
std::vector<std::string> declaredProfiles(const std::vector<std::string>& paths) {
  Compilation c;
  loadInputs(paths, c);
  parseInputs(c);
  std::set<std::string> names;
  for (const ast::File& file : c.asts) {
    for (const ast::Decl& decl : file.decls) {
      if (const auto* profile = std::get_if<ast::Profile>(&decl)) names.insert(profile->name.text);
    }
  }
  return {names.begin(), names.end()};
}

// Builds one environment into `files` below `prefix` ("" or "base/", "prod/" …).
ExitCode collect(const BuildOptions& options, const sema::SemaOptions& sema, const std::string& prefix,
                 OutputFiles& files, const Output& io) {
  ir::App app;
  fs::path root;
  if (ExitCode code = compileToIr(options.paths, sema, app, root, io, true); code != kExitOk) return code;
  std::error_code ec;
  docker::BuildPaths paths{root, fs::absolute(fs::path(options.out_dir) / prefix, ec).lexically_normal()};
  emitOutputs(app, paths, [&](std::string_view path, std::string_view bytes) {
    files.insert_or_assign(prefix + std::string(path), std::string(bytes));
  });
  bury(std::move(app));
  return kExitOk;
}

// The drift report of `--check`, on stdout: one line per file, a diff per change.
void printDrift(const BuildOptions& options, const OutputFiles& files, const OutputPlan& plan, const Output& io) {
  const std::string& dir = options.out_dir;
  std::set<std::string> by_hand(plan.hand_edited.begin(), plan.hand_edited.end());
  auto note = [&](const std::string& path) {
    return by_hand.count(path) ? " (changed by hand since svcc wrote it)" : "";
  };
  for (const std::string& path : plan.added) io.out << "added: " << dir << "/" << path << "\n";
  for (const std::string& path : plan.changed) {
    io.out << "changed: " << dir << "/" << path << note(path) << "\n";
    auto disk = plan.on_disk.find(path);
    if (disk == plan.on_disk.end()) continue;
    io.out << unifiedDiff(disk->second, files.at(path), dir + "/" + path, dir + "/" + path + " (from the sources)");
  }
  for (const std::string& path : plan.removed) io.out << "removed: " << dir << "/" << path << note(path) << "\n";
  if (plan.current()) {
    io.err << dir << " is current\n";
  } else {
    io.err << dir << " is not current: " << plan.added.size() << " added, " << plan.changed.size() << " changed, "
           << plan.removed.size() << " removed (run `svcc build` to update it)\n";
  }
}

}  // namespace

ExitCode buildDirectory(const BuildOptions& options, const Output& io) {
  OutputFiles files;
  if (options.all_profiles) {
    sema::SemaOptions sema = options.sema;
    sema.profile.reset();
    if (ExitCode code = collect(options, sema, "base/", files, io); code != kExitOk) return code;
    for (const std::string& name : declaredProfiles(options.paths)) {
      sema.profile = name;
      if (ExitCode code = collect(options, sema, name + "/", files, io); code != kExitOk) return code;
    }
  } else if (ExitCode code = collect(options, options.sema, "", files, io); code != kExitOk) {
    return code;
  }
  files = withManifest(std::move(files));

  const std::string& dir = options.out_dir;
  OutputPlan plan = planOutput(dir, files);
  Compilation c;  // for its diagnostics sink: these problems have no source span
  if (!plan.manifest_error.empty()) {
    c.diags.report(Code::E0011, Span{}, "cannot read `" + dir + "/" + kManifestName + "`: " + plan.manifest_error)
        .withHelp("svcc keeps this file to know which files it wrote; restore it, or delete it and build with "
                  "`--force` to take every generated path over");
  }
  if (!options.force && !options.check) {
    for (const std::string& path : plan.collisions) {
      c.diags.report(Code::E0010, Span{}, "`" + dir + "/" + path + "` was not written by svcc")
          .withHelp("svcc would overwrite it with a generated file; move it away, or build with `--force` to "
                    "replace it");
    }
  }
  for (const std::string& path : plan.hand_edited) {
    c.diags.report(Code::W0010, Span{}, "`" + dir + "/" + path + "` was changed by hand since svcc wrote it")
        .withHelp(options.check ? "the next `svcc build` replaces it with what the sources produce"
                                : "replaced with what the sources produce; change the .svc files instead");
  }
  bool blocked = c.diags.hasErrors();
  if (!blocked && !options.check) {
    for (const OutputFailure& f : writeOutput(dir, dir, files, plan)) {
      c.diags.report(Code::E0510, Span{}, "cannot write `" + f.path + "`: " + f.reason)
          .withHelp("check that the output directory is writable and the disk has space; the previous output "
                    "was left as it was");
    }
  }
  finishDiagnostics(c);
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  // The output set and the plan are done with on every way out (base/teardown.h).
  auto done = [&](ExitCode code) {
    bury(std::move(files));
    bury(std::move(plan));
    return code;
  };
  if (c.diags.hasErrors()) return done(kExitUsage);
  if (options.check) {
    printDrift(options, files, plan, io);
    return done(plan.current() ? kExitOk : kExitErrors);
  }
  if (!options.quiet) {
    size_t written = plan.added.size() + plan.changed.size();
    io.err << "wrote " << written << (written == 1 ? " file" : " files") << " to " << dir;
    if (written < files.size()) io.err << ", " << files.size() - written << " unchanged";
    if (!plan.removed.empty()) io.err << ", removed " << plan.removed.size();
    io.err << "\n";
  }
  return done(kExitOk);
}

}  // namespace svcc
