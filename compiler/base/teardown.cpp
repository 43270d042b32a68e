#include "base/teardown.h"

#include <vector>

namespace svcc {

namespace {

bool skipped = false;

}  // namespace

void skipTeardown() { skipped = true; }

bool teardownSkipped() { return skipped; }

void buryPointer(void* object) {
  // Never destroyed itself: a static vector would free its buffer at exit and leave the
  // buried objects unreachable.
  static auto* graveyard = new std::vector<void*>;
  graveyard->push_back(object);
}

}  // namespace svcc
