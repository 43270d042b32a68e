#include "ir/build_sources.h"

#include <filesystem>
#include <string>
#include <system_error>

#include "base/fs.h"

namespace svcc::ir {

namespace fs = std::filesystem;

namespace {

// `path` is `root` or below it, lexically and once symbolic links are followed: a link
// inside the app to elsewhere is not followed out of it.
bool inside(const fs::path& path, const fs::path& root, const fs::path& real_root) {
  auto below = [](const fs::path& p, const fs::path& r) {
    fs::path rel = p.lexically_relative(r);
    return !rel.empty() && *rel.begin() != "..";
  };
  if (!below(path, root)) return false;
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  return !ec && below(real, real_root);
}

bool hasWildcard(std::string_view src) { return src.find_first_of("*?[") != std::string_view::npos; }

class SourceChecker {
 public:
  SourceChecker(const SourceManager& sources, fs::path root, Diagnostics& diags)
      : sources_(sources), root_(std::move(root)), diags_(diags) {
    std::error_code ec;
    real_root_ = fs::weakly_canonical(root_, ec);
    if (ec) real_root_ = root_;
  }

  void service(const sema::Service& s) {
    if (!s.build || s.file == kNoFile) return;
    const SourceFile& file = sources_.file(s.file);
    std::error_code ec;
    fs::path svc = fs::absolute(fs::path(file.path), ec).lexically_normal();
    if (ec || file.is_stdlib || !fs::is_regular_file(svc, ec)) return;
    fs::path dir = svc.parent_path();
    fs::path context = (s.context ? dir / s.context->value : dir).lexically_normal();
    if (!inside(context, root_, real_root_)) return;  // outside the app: not ours to look at
    Span where = s.context ? s.context->span : s.span;
    if (!fs::is_directory(context, ec)) {
      diags_.report(Code::E0520, where, "build context `" + displayPath(context) + "` does not exist")
          .label(s.context ? "no such directory, relative to this file" : "the directory of this file")
          .note("Docker's build of `" + s.name + "` fails without it; the manifests do not need it")
          .withHelp("create the directory with the service's sources, or correct `context`");
      return;
    }
    copies(s, s.build->steps, context, where);
  }

 private:
  void copies(const sema::Service& s, const std::vector<sema::BuildStep>& steps, const fs::path& context, Span where) {
    for (const sema::BuildStep& step : steps) {
      if (step.kind == sema::StepKind::Stage) copies(s, step.steps, context, where);
      if (step.kind != sema::StepKind::Copy || step.args.empty()) continue;
      std::string_view src = step.args[0];
      if (hasWildcard(src)) continue;
      // Docker reads a COPY source below the context even when it starts with '/'.
      while (!src.empty() && src.front() == '/') src.remove_prefix(1);
      fs::path path = (context / fs::path(src)).lexically_normal();
      std::error_code ec;
      if (!inside(path, context, fs::weakly_canonical(context, ec)) || fs::exists(path, ec)) continue;
      // A step from a template of another file (std.runtime) is reported at the service's
      // context, which the user wrote, with the step beside it.
      bool own = step.span.file == s.file;
      auto& d = diags_
                    .report(Code::E0520, own ? step.span : where,
                            "`copy` source `" + std::string(step.args[0]) + "` is not in the build context `" +
                                displayPath(context) + "`")
                    .label(own ? "no such file or directory in the context" : "the context the recipe copies from");
      if (!own) d.secondaryLabel(step.span, "copied here");
      d.note("Docker's build of `" + s.name + "` fails without it; the manifests do not need it")
          .withHelp("add `" + std::string(step.args[0]) + "` to the context, or correct the `copy` step");
    }
  }

  const SourceManager& sources_;
  fs::path root_, real_root_;
  Diagnostics& diags_;
};

}  // namespace

void checkBuildSources(const sema::Model& model, const SourceManager& sources, const std::vector<FileId>& inputs,
                       Diagnostics& diags) {
  std::vector<fs::path> files;
  files.reserve(inputs.size());
  for (FileId id : inputs) files.emplace_back(sources.file(id).path);
  if (files.empty()) return;
  SourceChecker checker(sources, commonDirectory(files), diags);
  for (const sema::Service& s : model.services) {
    checker.service(s);
    for (const sema::Container& c : s.options().containers)
      if (c.body->build) checker.service(*c.body);  // an image of its own
  }
}

}  // namespace svcc::ir
