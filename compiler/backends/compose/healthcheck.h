// Phase: emit (compose backend).
// Takes one ir::Service; hands out the `test` command of its compose healthcheck, which
// runs inside the container and so can only use what the image ships.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace svcc::compose {

// `["CMD", ...]` probing the service's `health` on its container port from inside the
// container, with a tool the image is known to have (`image_tools`, ir/health_tools.h);
// empty when there is no `health`, it names a UDP port, or no known tool can run it.
// Nothing is guessed from the image's name: a check that needs a missing tool never
// passes, and every service waiting for it would never start. gRPC is checked as a TCP
// connect: no image ships a gRPC health client.
// Strings are raw: the caller escapes `$` for compose interpolation.
std::vector<std::string> healthTest(const ir::Service& service);

}  // namespace svcc::compose
