#include <cstdio>

#include "driver/embedded_stdlib.h"

int main() {
  std::printf("svcc %s (%zu stdlib files)\n", SVCC_VERSION, svcc::embeddedStdlib().size());
  return 0;
}
