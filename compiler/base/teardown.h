// Phase: base (process teardown, used by the driver's commands).
// Takes the big structures a command is done with (the compilation, the IR, the output
// set); frees them as usual, or, in the `svcc` executable, leaves them to the kernel.
#pragma once

#include <type_traits>
#include <utility>

namespace svcc {

// Called once by the `svcc` executable's main(): the process exits as soon as the command
// returns, so freeing 10,000 services' worth of small allocations one by one only costs
// time (a fifth of a large build; clang's -disable-free exists for the same reason).
// Library users (the tests) never call it and get ordinary destruction. The commands that
// bury run once per process; a long-lived command in the executable (`svcc lsp`) must
// not call them per request, or every compilation's memory would stay.
void skipTeardown();
bool teardownSkipped();

// Keeps `object` reachable from a static list and never frees it.
void buryPointer(void* object);

// When teardown is skipped, moves `value` to the heap and never destroys it, leaving a
// cheap empty shell behind; otherwise does nothing and `value` is destroyed as usual.
template <class T>
void bury(T&& value) {
  if (teardownSkipped()) buryPointer(new std::decay_t<T>(std::forward<T>(value)));
}

}  // namespace svcc
