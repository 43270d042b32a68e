// Tests: hand-built IR for the Docker and compose backends' tests, before lowering exists.
// Takes nothing; hands out one service per std.runtime recipe, translated by hand.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "backends/docker/build_paths.h"
#include "ir_examples.h"

namespace svcc::testing {

inline ir::BuildStep envStep(std::string name, std::string value) {
  ir::BuildStep s;
  s.kind = ir::BuildStep::Kind::Env;
  s.name = std::move(name);
  s.value = std::move(value);
  return s;
}

// A built service of the app `runtimes` on port 8080 with an HTTP health check.
inline ir::Service builtService(const std::string& name, std::vector<ir::BuildStage> stages, int64_t user,
                                std::vector<std::string> command) {
  ir::Service s;
  s.name = name;
  s.image = "ghcr.io/acme/" + name + ":0.1.0";
  s.build = ir::BuildRecipe{name, std::move(stages), user};
  s.command = std::move(command);
  s.user = user;
  s.ports = {port("http", ir::Protocol::Http, 80, 8080)};
  s.health = ir::Health{ir::Health::Kind::Http, "/healthz", "http", 0, 10000, {}, {}, {}, false, {}, {}, {}};
  s.source = {"runtimes.svc", 1};
  return s;
}

// stdlib/std/runtime.svc with each template's default parameters.
inline ir::App runtimesApp() {
  using K = ir::BuildStep::Kind;
  ir::App app;
  app.name = "runtimes";
  app.registry = "ghcr.io/acme";
  app.version = "0.1.0";
  app.source = {"runtimes.svc", 1};

  app.services.push_back(builtService(
      "python",
      {{"",
        "python:3.12-slim",
        {envStep("PYTHONDONTWRITEBYTECODE", "1"), envStep("PYTHONUNBUFFERED", "1"),
         envStep("PIP_DISABLE_PIP_VERSION_CHECK", "1"), step(K::Workdir, "/app"), copyStep("requirements.txt", "."),
         step(K::Run, "pip install --no-cache-dir -r requirements.txt"), copyStep(".", "."), step(K::User, "10001")}}},
      10001, {"gunicorn", "-b", "0.0.0.0:8080", "app:app"}));
  app.services.push_back(builtService("node",
                                      {{"compile",
                                        "node:22-slim",
                                        {step(K::Workdir, "/app"), copyStep("package.json", "."),
                                         copyStep("package-lock.json", "."), step(K::Run, "npm ci"), copyStep(".", "."),
                                         step(K::Run, "npm run build --if-present && npm prune --omit=dev")}},
                                       {"",
                                        "node:22-slim",
                                        {envStep("NODE_ENV", "production"), step(K::Workdir, "/app"),
                                         copyStep("/app", ".", "compile"), step(K::User, "1000")}}},
                                      1000, {"node", "server.js"}));
  app.services.push_back(
      builtService("go",
                   {{"compile",
                     "golang:1.22",
                     {step(K::Workdir, "/src"), copyStep(".", "."),
                      step(K::Run, "CGO_ENABLED=0 go build -trimpath -ldflags=-s -o /out/server ./cmd/server")}},
                    {"",
                     "gcr.io/distroless/static-debian12:nonroot",
                     {copyStep("/out/server", "/server", "compile"), step(K::User, "65532")}}},
                   65532, {"/server"}));
  app.services.push_back(
      builtService("java",
                   {{"compile",
                     "maven:3.9-eclipse-temurin-21",
                     {step(K::Workdir, "/src"), copyStep("pom.xml", "."),
                      step(K::Run, "mvn -B -q dependency:go-offline"), copyStep(".", "."),
                      step(K::Run, "mvn -B -q -DskipTests package && mkdir -p /out && cp target/*.jar /out/app.jar")}},
                    {"",
                     "eclipse-temurin:21-jre",
                     {envStep("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"), step(K::Workdir, "/app"),
                      copyStep("/out/app.jar", "/app/app.jar", "compile"), step(K::User, "10001")}}},
                   10001, {"java", "-jar", "/app/app.jar"}));
  app.services.push_back(builtService(
      "static",
      {{"", "nginxinc/nginx-unprivileged:1.27-alpine", {copyStep(".", "/usr/share/nginx/html"), step(K::User, "101")}}},
      101, {"nginx", "-g", "daemon off;"}));
  // Each recipe's `image_tools`: bash on the Debian and Ubuntu images, BusyBox on Alpine,
  // nothing on distroless.
  for (ir::Service& s : app.services) {
    if (s.name == "go") s.image_tools = std::vector<std::string>{};
    else if (s.name == "static") s.image_tools = std::vector<std::string>{"nc", "sh", "wget"};
    else s.image_tools = std::vector<std::string>{"bash", "sh"};
  }
  ir::canonicalize(app);
  return app;
}

// Where the tests pretend the sources and OUT are: OUT beside the examples.
inline docker::BuildPaths examplePaths(const std::string& example) {
  return {"/repo/examples/" + example, "/repo/out/" + example};
}

}  // namespace svcc::testing
