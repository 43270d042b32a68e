// Benchmarks (not part of the tests).
// The process's CPU seconds so far and its peak resident memory, as the benches print them.
#pragma once

#include <sys/resource.h>

#include <ctime>

namespace svcc::bench {

inline double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

inline long peakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace svcc::bench
