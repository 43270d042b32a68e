#include "backends/docker/docker.h"

#include <nlohmann/json.hpp>

#include "backends/docker/dockerfile.h"

namespace svcc::docker {

namespace {

// Every image svcc builds: a service's, and its init and sidecar containers' own
// (named `<service>-<container>`), in the order of the services.
std::vector<const ir::Service*> builtImages(const ir::App& app) {
  std::vector<const ir::Service*> out;
  for (const ir::Service& s : app.services) {
    if (s.build) out.push_back(&s);
    for (const ir::Container& c : s.options().containers)
      if (c.body->build) out.push_back(c.body.get());
  }
  return out;
}

}  // namespace

std::string renderBakeFile(const ir::App& app, const BuildPaths& paths) {
  // nlohmann::json keeps keys sorted, which is the deterministic order wanted here.
  nlohmann::json targets = nlohmann::json::object();
  nlohmann::json names = nlohmann::json::array();
  for (const ir::Service* built : builtImages(app)) {
    const ir::Service& s = *built;
    names.push_back(s.name);
    targets[s.name] = {{"context", contextFrom(paths, *s.build, "docker")},
                       {"dockerfile", dockerfileFromContext(paths, s)},
                       {"tags", nlohmann::json::array({s.image})}};
  }
  nlohmann::json bake = {{"group", {{"default", {{"targets", names}}}}}, {"target", targets}};
  return bake.dump(2, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
}

OutputSet emitDocker(const ir::App& app, const BuildPaths& paths) {
  OutputSet out;
  bool any = false;
  for (const ir::Service* built : builtImages(app)) {
    const ir::Service& s = *built;
    any = true;
    std::string dir = "docker/" + s.name + "/";
    std::string ignore = renderDockerignore(s, outInsideContext(paths, *s.build));
    out.emplace(dir + "Dockerfile", renderDockerfile(s));
    out.emplace(dir + "Dockerfile.dockerignore", ignore);
    out.emplace(dir + ".dockerignore", std::move(ignore));
  }
  if (any) out.emplace("docker/docker-bake.json", renderBakeFile(app, paths));
  return out;
}

}  // namespace svcc::docker
