// Phase: emit (compose backend).
// Takes one ir::Service; hands out the `test` command of its compose healthcheck, which
// runs inside the container and so can only use what the image ships.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace svcc::compose {

// The tools the image the service runs is assumed to have, from its name: distroless
// and scratch images have no shell, Alpine images have BusyBox, everything else
// (Debian and Ubuntu based official images) has bash.
enum class ImageTools { None, Busybox, Bash };
ImageTools imageToolsOf(const ir::Service& service);

// `["CMD", ...]` probing the service's `health` on its container port from inside the
// container; empty when there is no `health`, it names a UDP port, or the image has
// no tools. gRPC is checked as a TCP connect: no image ships a gRPC health client.
// Strings are raw: the caller escapes `$` for compose interpolation.
std::vector<std::string> healthTest(const ir::Service& service);

}  // namespace svcc::compose
