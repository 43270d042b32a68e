#include "driver/build_dir.h"

#include <filesystem>
#include <optional>
#include <set>

#include "base/line_diff.h"
#include "base/teardown.h"
#include "diagnostics/render.h"
#include "driver/build_outputs.h"
#include "driver/output_dir.h"
#include "driver/output_leftovers.h"
#include "driver/output_lock.h"
#include "ir/lower.h"
#include "pipeline/pipeline.h"

namespace svcc {

namespace fs = std::filesystem;

namespace {

// Where `--all-profiles` puts the output without a profile.
constexpr char kNoProfileFolder[] = "base";

// Every profile declared in the inputs, sorted, each once; parse errors are left for
// the real builds to report. A profile named `base` would land on the output without a
// profile (DIR/base/): that is E0017, rendered here, and `clash` is set.
std::vector<std::string> declaredProfiles(const std::vector<std::string>& paths, const Output& io, bool& clash) {
  Compilation c;
  loadInputs(paths, c);
  parseInputs(c);
  clash = false;
  std::set<std::string> names;
  for (const ast::File& file : c.asts) {
    for (const ast::Decl& decl : file.decls) {
      const auto* profile = std::get_if<ast::Profile>(&decl);
      if (!profile) continue;
      names.insert(profile->name.text);
      if (profile->name.text != kNoProfileFolder) continue;
      clash = true;
      c.diags
          .report(Code::E0017, profile->name.span, "profile `base` would be written over the output without a profile")
          .label("`--all-profiles` writes the output without a profile to DIR/base/")
          .withHelp("rename the profile, or build it alone with `--profile base -o DIR`");
    }
  }
  if (clash) {
    c.diags.removeIf([](const Diagnostic& d) { return d.code != Code::E0017; });
    finishDiagnostics(c);
    io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  }
  return {names.begin(), names.end()};
}

// True for `/` however written (`//`, `/..`, a link to it): a directory svcc cannot own.
bool isFileSystemRoot(const std::string& dir) {
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec).lexically_normal();
  if (!ec && absolute == absolute.root_path()) return true;
  fs::path real = fs::weakly_canonical(dir, ec);
  return !ec && real == real.root_path();
}

// Takes DIR for this build (output_lock.h), then clears what killed builds left in it;
// false, with the diagnostic reported, when DIR is not ours to write.
bool lockDirectory(const std::string& dir, std::optional<OutputLock>& lock, Compilation& c, const Output& io) {
  lock.emplace(dir, [&] {
    io.err << "waiting for another svcc build to finish writing " << dir << " (it holds " << dir << "/" << kLockName
           << ")\n"
           << std::flush;
  });
  switch (lock->status()) {
    case OutputLock::Status::Held:
      removeStagingLeftovers(dir);
      return true;
    case OutputLock::Status::Link:
      c.diags.report(Code::E0015, Span{}, "`" + dir + "/" + kLockName + "` is a symbolic link")
          .withHelp("svcc never follows a link inside its output directory; remove the link");
      return false;
    case OutputLock::Status::Failed:
      break;
  }
  c.diags.report(Code::E0510, Span{}, "cannot write `" + dir + "`: " + lock->reason())
      .withHelp(
          "check that the output directory is writable and the disk has space; the previous output was left as "
          "it was");
  return false;
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
  if (isFileSystemRoot(options.out_dir)) {
    Compilation c;
    c.diags
        .report(Code::E0016, Span{},
                "`" + options.out_dir + "` is the root of the file system, not an output directory")
        .withHelp(
            "svcc removes the files it wrote before and may replace DIR as a whole; name a directory of its own, "
            "such as `-o out`");
    io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
    return kExitUsage;
  }
  OutputFiles files;
  if (options.all_profiles) {
    bool clash = false;
    std::vector<std::string> profiles = declaredProfiles(options.paths, io, clash);
    if (clash) return kExitUsage;
    sema::SemaOptions sema = options.sema;
    sema.profile.reset();
    if (ExitCode code = collect(options, sema, std::string(kNoProfileFolder) + "/", files, io); code != kExitOk) {
      return code;
    }
    for (const std::string& name : profiles) {
      sema.profile = name;
      if (ExitCode code = collect(options, sema, name + "/", files, io); code != kExitOk) return code;
    }
  } else if (ExitCode code = collect(options, options.sema, "", files, io); code != kExitOk) {
    return code;
  }
  files = withManifest(std::move(files));

  const std::string& dir = options.out_dir;
  Compilation c;                   // for its diagnostics sink: these problems have no source span
  std::optional<OutputLock> lock;  // held until the build returns
  if (!options.check && !lockDirectory(dir, lock, c, io)) {
    io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
    bury(std::move(files));
    return kExitUsage;
  }
  OutputPlan plan = planOutput(dir, files);
  for (const std::string& link : plan.symlinks) {
    c.diags.report(Code::E0015, Span{}, "`" + dir + "/" + link + "` is a symbolic link")
        .withHelp(
            "svcc never writes or deletes through a link inside its output directory; remove the link (DIR "
            "itself may be one)");
  }
  if (!plan.manifest_error.empty()) {
    c.diags.report(Code::E0011, Span{}, "cannot read `" + dir + "/" + kManifestName + "`: " + plan.manifest_error)
        .withHelp(
            "svcc keeps this file to know which files it wrote; restore it, or delete it and build with "
            "`--force` to take every generated path over");
  }
  if (!options.force && !options.check) {
    for (const std::string& path : plan.collisions) {
      c.diags.report(Code::E0010, Span{}, "`" + dir + "/" + path + "` was not written by svcc")
          .withHelp(
              "svcc would overwrite it with a generated file; move it away, or build with `--force` to "
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
          .withHelp(
              "check that the output directory is writable and the disk has space; the previous output "
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
