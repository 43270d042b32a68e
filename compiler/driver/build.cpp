#include "driver/build.h"

#include <filesystem>

#include "diagnostics/render.h"
#include "driver/build_outputs.h"
#include "driver/output_writer.h"
#include "driver/pipeline.h"
#include "ir/ir_json.h"
#include "ir/lower.h"

namespace svcc {

namespace {

// An I/O failure says which path; the input itself was fine, so the exit code is 2.
ExitCode writeDirectory(const BuildOptions& options, const ir::App& app, Compilation& c, const Output& io) {
  OutputWriter writer(options.out_dir);
  std::error_code ec;
  docker::BuildPaths paths{std::filesystem::current_path(ec),
                           std::filesystem::absolute(options.out_dir, ec).lexically_normal()};
  emitOutputs(app, paths, [&](std::string_view path, std::string_view bytes) { writer.stage(path, bytes); });
  if (!writer.commit()) {
    for (const WriteFailure& f : writer.failures()) {
      c.diags.report(Code::E0510, Span{}, "cannot write `" + f.path + "`: " + f.reason)
          .withHelp("check that the output directory is writable and the disk has space; the previous output "
                    "was left as it was");
    }
    io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
    return kExitUsage;
  }
  if (!options.quiet) {
    size_t n = writer.staged();
    io.err << "wrote " << n << (n == 1 ? " file" : " files") << " to " << options.out_dir;
    if (writer.unchanged() > 0) io.err << ", " << writer.unchanged() << " unchanged";
    io.err << "\n";
  }
  return kExitOk;
}

}  // namespace

ExitCode runBuild(const BuildOptions& options, const Output& io) {
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
  if (options.to_stdout) {
    k8s::emitStream(app, [&](std::string_view chunk) { io.out << chunk; });
    return kExitOk;
  }
  c.diags.clear();  // already printed: a write failure prints only itself
  return writeDirectory(options, app, c, io);
}

}  // namespace svcc
