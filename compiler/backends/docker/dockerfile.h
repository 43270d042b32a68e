// Phase: emit (Docker backend).
// Takes one ir::Service with a build recipe; hands out its Dockerfile and .dockerignore text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ir/ir.h"

namespace svcc::docker {

// Why the image built from `service`'s recipe would run as root, or as a user other
// than the pod's `runAsUser`, without the service opting out (`run_as_non_root`);
// nullopt when it is fine. Lowering can report it as a diagnostic; the backend treats
// it as a broken IR.
std::optional<std::string> userProblem(const ir::Service& service);

// The Dockerfile: the generated-file comment, each stage's FROM and steps in order,
// then in the final stage the recipe's USER (written before EXPOSE when the recipe
// set the user through the IR only), EXPOSE for the container ports and CMD in JSON
// form. Throws std::logic_error for IR that cannot be written (no recipe, a
// userProblem, a line break in a step, a copy from a
// stage that does not come earlier): lowering must not hand those out.
std::string renderDockerfile(const ir::Service& service);

// The ignore file: version control, editor and OS litter, local secrets (`.env`),
// the generated files, the language's caches and build outputs (from the base images'
// names), and `out_inside_context` (OUT, when it lies inside the context).
std::string renderDockerignore(const ir::Service& service, std::string_view out_inside_context);

}  // namespace svcc::docker
