// Phase: driver.
// The `svcc` executable: the command line in, an exit code out. An exception reaching
// this point is a compiler bug, never bad input, and gets its own exit code.
#include <unistd.h>

#include <exception>
#include <iostream>

#include "base/heap.h"
#include "base/teardown.h"
#include "driver/cli.h"

int main(int argc, char** argv) {
  svcc::useHugePageHeap();
  std::ios::sync_with_stdio(false);
  // The process ends when the command returns: exit() still flushes the streams, and the
  // kernel takes the memory back faster than the destructors would (base/teardown.h).
  svcc::skipTeardown();
  try {
    return svcc::runCli(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "internal error: " << e.what() << "\n"
              << "  = note: this is a bug in svcc; please report it with the input that caused it\n";
    return svcc::kExitInternal;
  }
}
