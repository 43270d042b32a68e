// Phase: emit (Docker backend).
// Takes an ir::App and where sources and OUT are; hands out the docker/ tree of
// docs/outputs.md: Dockerfiles, ignore files and the Bake file.
#pragma once

#include <string>

#include "backends/docker/build_paths.h"
#include "backends/output_set.h"
#include "ir/ir.h"

namespace svcc::docker {

// For each service with a build recipe: docker/<service>/Dockerfile, .dockerignore
// and Dockerfile.dockerignore (the name BuildKit reads beside a Dockerfile that lies
// outside its context); and docker/docker-bake.json when any service builds.
// Throws std::logic_error for IR lowering must not produce (see renderDockerfile).
OutputSet emitDocker(const ir::App& app, const BuildPaths& paths);

// docker/docker-bake.json: a `default` group of every target and one target per built
// image, named like the service, with its context relative to OUT/docker (run
// `docker buildx bake` from there), the Dockerfile relative to the context, and the
// image name the Kubernetes manifests use as its tag.
std::string renderBakeFile(const ir::App& app, const BuildPaths& paths);

}  // namespace svcc::docker
