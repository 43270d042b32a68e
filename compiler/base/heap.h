// Phase: base (process setup, used by the `svcc` executable's main()).
// Takes nothing; asks the kernel to back the heap with transparent huge pages, so that a
// large compilation touches its memory in 2 MiB faults instead of 4 KiB ones.
#pragma once

namespace svcc {

// Reserves the heap in one large step and marks it for huge pages (Linux with glibc;
// elsewhere it does nothing). Only the executable calls it: a page fault costs ~14 µs on
// the build VM, and a 10,000-service build touched 58,000 pages (docs/performance.md).
// Untouched reserved memory stays virtual; resident memory grows in 2 MiB steps, and the
// heap is not trimmed, so a long-lived process keeps its peak until it exits.
void useHugePageHeap();

}  // namespace svcc
