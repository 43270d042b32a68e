// `svcc build -o` phase by phase, on the app bench/gen_services.py writes: the time of
// load, parse, check, lower, emit, plan, write, each once, as the real command runs them.
// Prints wall and CPU seconds per phase and the peak RSS (docs/performance.md).
//
//   python3 bench/gen_services.py /tmp/bench10k 10000
//   ninja -C build svcc_build_bench && build/bench/svcc_build_bench /tmp/bench10k /tmp/bench-out
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "base/heap.h"
#include "driver/build_outputs.h"
#include "driver/output_dir.h"
#include "ir/lower.h"
#include "measure.h"
#include "pipeline/imports.h"
#include "pipeline/pipeline.h"

namespace {

using svcc::bench::cpuSeconds;
using svcc::bench::peakMegabytes;

double wallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Clock {
  double wall = wallSeconds(), cpu = cpuSeconds();
  double total_wall = 0, total_cpu = 0;
  void lap(const char* phase) {
    double w = wallSeconds(), c = cpuSeconds();
    std::printf("%-14s wall %6.3f s  cpu %6.3f s  peak RSS %4ld MB\n", phase, w - wall, c - cpu, peakMegabytes());
    total_wall += w - wall;
    total_cpu += c - cpu;
    wall = w;
    cpu = c;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: svcc_build_bench INPUT_DIR OUTPUT_DIR\n");
    return 2;
  }
  svcc::useHugePageHeap();  // as the `svcc` executable does
  svcc::Compilation c;
  Clock clock;
  svcc::loadInputs({argv[1]}, c);
  clock.lap("load");
  svcc::parseInputs(c);
  clock.lap("parse");
  c.program = svcc::loadProgram(std::move(c.asts), {}, c.sources, c.diags);
  c.model = svcc::sema::check(c.program, {}, c.sources, c.diags);
  clock.lap("check");
  svcc::ir::App app = svcc::ir::lower(c.model, c.sources, c.diags);
  clock.lap("lower");
  std::filesystem::path out = std::filesystem::absolute(argv[2]).lexically_normal();
  svcc::docker::BuildPaths paths{std::filesystem::current_path(), out};
  size_t emitted = 0;
  svcc::emitOutputs(app, paths, [&](std::string_view, std::string_view b) { emitted += b.size(); });
  clock.lap("emit only");
  svcc::OutputFiles files;
  svcc::emitOutputs(app, paths, [&](std::string_view path, std::string_view bytes) {
    files.insert_or_assign(std::string(path), std::string(bytes));
  });
  files = svcc::withManifest(std::move(files));
  clock.lap("emit + hash");
  svcc::OutputPlan plan = svcc::planOutput(out, files);
  clock.lap("plan");
  std::vector<svcc::OutputFailure> failures = svcc::writeOutput(out, argv[2], files, plan);
  clock.lap("stage + rename");
  std::printf("%-14s wall %6.3f s  cpu %6.3f s\n", "total", clock.total_wall, clock.total_cpu);
  std::printf("%zu bytes emitted\n", emitted);
  std::printf("%zu services, %zu files written, %zu unchanged, %zu diagnostics, peak RSS %ld MB%s\n",
              app.services.size(), plan.added.size() + plan.changed.size(),
              files.size() - plan.added.size() - plan.changed.size(), c.diags.all().size(), peakMegabytes(),
              failures.empty() ? "" : ", WRITE FAILED");
  return failures.empty() && !c.diags.hasErrors() ? 0 : 1;
}
