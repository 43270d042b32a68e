#include "driver/build.h"

#include "backends/kubernetes/kubernetes.h"
#include "diagnostics/render.h"
#include "driver/build_dir.h"
#include "driver/pipeline.h"
#include "ir/ir_json.h"
#include "ir/lower.h"

namespace svcc {

ExitCode runBuild(const BuildOptions& options, const Output& io) {
  if (!options.out_dir.empty()) return buildDirectory(options, io);
  Compilation c;
  check(options.paths, c, options.sema);
  ir::App app;
  if (c.exitCode() == kExitOk) {
    app = ir::lower(c.model, c.sources, c.diags);
    finishDiagnostics(c);
  }
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  if (c.exitCode() != kExitOk) return c.exitCode();
  if (options.emit == "ir") {
    io.out << ir::toJson(app);
    return kExitOk;
  }
  k8s::emitStream(app, [&](std::string_view chunk) { io.out << chunk; });  // --stdout
  return kExitOk;
}

}  // namespace svcc
