// Phase: emit (shared by the Docker and compose backends).
// Takes where the sources and the output directory are; hands out the relative paths
// between a build context, OUT/docker/ and OUT that the Bake and compose files need.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "ir/ir.h"

namespace svcc::docker {

// Where things are on disk, as the driver knows them. Both absolute and lexically
// normal; only the relation between them reaches the output (never the paths
// themselves), so moving the sources and OUT together changes nothing.
struct BuildPaths {
  // The directory ir::BuildRecipe::context (like ir::SourceRef::path) is relative to:
  // the app root, the deepest directory holding every input file.
  std::filesystem::path base_dir;
  // The output directory, OUT of `svcc build -o OUT`.
  std::filesystem::path out_dir;
};

// The build context of `recipe`, relative to `from` (a directory relative to OUT, e.g.
// "docker" for the Bake file, "" for compose.yaml); '/'-separated, "." for the same.
std::string contextFrom(const BuildPaths& paths, const ir::BuildRecipe& recipe, std::string_view from);
// OUT/docker/<service>/Dockerfile relative to the build context: Bake and compose both
// resolve `dockerfile` against the context.
std::string dockerfileFromContext(const BuildPaths& paths, const ir::Service& service);
// OUT relative to the build context of `recipe`, when OUT lies inside it (so that the
// .dockerignore can keep the output out of the context); empty otherwise.
std::string outInsideContext(const BuildPaths& paths, const ir::BuildRecipe& recipe);

}  // namespace svcc::docker
