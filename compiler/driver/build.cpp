#include "driver/build.h"

#include "backends/kubernetes/kubernetes.h"
#include "base/fs.h"
#include "base/teardown.h"
#include "diagnostics/render.h"
#include "driver/build_dir.h"
#include "ir/ir_json.h"
#include "ir/lower.h"
#include "pipeline/pipeline.h"

namespace svcc {

ExitCode compileToIr(const std::vector<std::string>& paths, const sema::SemaOptions& sema, ir::App& app,
                     std::filesystem::path& root, const Output& io, bool free_compilation) {
  Compilation c;
  check(paths, c, sema);
  if (c.exitCode() == kExitOk) {
    std::vector<std::filesystem::path> files;
    for (FileId id : c.inputs) files.emplace_back(c.sources.file(id).path);
    root = commonDirectory(files);
    app = ir::lower(c.model, c.sources, c.diags, root);
    finishDiagnostics(c);
  }
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  ExitCode code = c.exitCode();
  if (!free_compilation) bury(std::move(c));
  return code;
}

ExitCode runBuild(const BuildOptions& options, const Output& io) {
  if (!options.out_dir.empty()) return buildDirectory(options, io);
  ir::App app;
  std::filesystem::path root;
  if (ExitCode code = compileToIr(options.paths, options.sema, app, root, io); code != kExitOk) return code;
  if (options.emit == "ir") {
    io.out << ir::toJson(app);
  } else {
    k8s::emitStream(app, [&](std::string_view chunk) { io.out << chunk; });  // --stdout
  }
  bury(std::move(app));
  return kExitOk;
}

}  // namespace svcc
