#include "base/heap.h"

#include <cstdint>
#include <cstdlib>  // defines __GLIBC__ when it is glibc

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace svcc {

#if defined(__linux__) && defined(__GLIBC__)

void useHugePageHeap() {
  constexpr size_t kReserve = size_t{1} << 30;  // virtual: only touched pages count
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  // The heap then grows in steps of kReserve and is never trimmed; allocations up to
  // 32 MiB (glibc's largest threshold) come from it rather than from separate mappings.
  if (mallopt(M_TOP_PAD, static_cast<int>(kReserve)) == 0 || mallopt(M_TRIM_THRESHOLD, INT32_MAX) == 0 ||
      mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0) {
    return;
  }
  auto* before = static_cast<char*>(sbrk(0));
  // Larger than the top of the heap so far: the heap has to grow, by kReserve more.
  // (volatile: a malloc freed unused may be dropped by the compiler.)
  void* volatile probe = std::malloc(size_t{1} << 20);
  std::free(probe);
  auto* after = static_cast<char*>(sbrk(0));
  uintptr_t begin = (reinterpret_cast<uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
  uintptr_t end = reinterpret_cast<uintptr_t>(after) & ~(kHugePage - 1);
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the rounded address is the point; it is only advice
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

#else

void useHugePageHeap() {}

#endif

}  // namespace svcc
