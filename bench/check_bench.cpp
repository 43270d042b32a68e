// sema::check alone, run several times on one parsed program (the input of
// bench/gen_services.py): CPU seconds and the memory each run adds, for profiling the
// checker without the parser around it (docs/performance.md).
//
//   ninja -C build svcc_check_bench && build/bench/svcc_check_bench /tmp/bench10k 5
#include <cstdio>
#include <cstdlib>

#include "base/heap.h"
#include "measure.h"
#include "pipeline/imports.h"
#include "pipeline/pipeline.h"

using svcc::bench::cpuSeconds;
using svcc::bench::peakMegabytes;

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: svcc_check_bench INPUT_DIR [RUNS]\n");
    return 2;
  }
  svcc::useHugePageHeap();  // as the `svcc` executable does
  int runs = argc == 3 ? std::atoi(argv[2]) : 5;
  svcc::Compilation c;
  svcc::loadInputs({argv[1]}, c);
  svcc::parseInputs(c);
  c.program = svcc::loadProgram(std::move(c.asts), {}, c.sources, c.diags);
  std::printf("parsed: peak RSS %ld MB\n", peakMegabytes());
  for (int i = 0; i < runs; ++i) {
    double start = cpuSeconds();
    svcc::sema::Model model = svcc::sema::check(c.program, {}, c.sources, c.diags);
    double checked = cpuSeconds();
    long peak = peakMegabytes();
    size_t services = model.services.size();
    model = {};
    std::printf("check %d: cpu %.3f s (free %.3f s), %zu services, peak RSS %ld MB\n", i + 1, checked - start,
                cpuSeconds() - checked, services, peak);
  }
  return c.diags.hasErrors() ? 1 : 0;
}
