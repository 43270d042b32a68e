// Tests: hand-built IR for the backends' tests, before lowering exists.
// Takes nothing; hands out the shop and seed examples of language.md as ir::App.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/ir.h"

namespace svcc::testing {

inline ir::Port port(std::string name, ir::Protocol protocol, uint32_t service_port, uint32_t container_port) {
  return {std::move(name), protocol, service_port, container_port};
}

inline ir::EnvVar literalEnv(std::string name, std::string value) {
  ir::EnvVar v;
  v.name = std::move(name);
  v.kind = ir::EnvVar::Kind::Literal;
  v.literal = std::move(value);
  return v;
}

inline ir::EnvVar secretEnv(std::string name, std::string secret, std::string key) {
  ir::EnvVar v;
  v.name = std::move(name);
  v.kind = ir::EnvVar::Kind::Secret;
  v.secret = {std::move(secret), std::move(key)};
  return v;
}

// `name = service.port.attribute`, resolved against `target`'s port as lowering would.
inline ir::EnvVar referenceEnv(std::string name, const ir::Service& target, const std::string& port,
                               ir::RefAttribute attribute) {
  const ir::Port* p = target.findPort(port);
  ir::EnvVar v;
  v.name = std::move(name);
  v.kind = ir::EnvVar::Kind::Reference;
  v.reference = {target.name, port, attribute, p->protocol, p->service_port, p->container_port};
  return v;
}

inline ir::BuildStep step(ir::BuildStep::Kind kind, std::string value) {
  ir::BuildStep s;
  s.kind = kind;
  s.value = std::move(value);
  return s;
}

inline ir::BuildStep copyStep(std::string src, std::string dst, std::string stage = {}) {
  ir::BuildStep s;
  s.kind = stage.empty() ? ir::BuildStep::Kind::Copy : ir::BuildStep::Kind::CopyFrom;
  s.stage = std::move(stage);
  s.src = std::move(src);
  s.dst = std::move(dst);
  return s;
}

inline ir::Resources resources(int64_t cpu_request, int64_t cpu_limit, int64_t mem_request_mi, int64_t mem_limit_mi) {
  return {cpu_request, cpu_limit, mem_request_mi << 20, mem_limit_mi << 20};
}

// What lowering adds beside a read-only root filesystem: the default `/tmp` scratch.
inline void withDefaultScratch(ir::App& app) {
  for (ir::Service& s : app.services) {
    if (!s.optedOut(ir::OptOut::ReadOnlyRootFilesystem)) s.scratch.push_back({"tmp", "/tmp", 0, false});
  }
}

// examples/seed/my-service.svc: no `app` declaration.
inline ir::App seedApp() {
  using K = ir::BuildStep::Kind;
  ir::App app;
  app.source = {"my-service.svc", 2};
  ir::Service s;
  s.name = "my-service";
  s.image = "my-service:1.0.0";
  s.build =
      ir::BuildRecipe{".",
                      {{"",
                        "python:3.7",
                        {step(K::Workdir, "/app"), copyStep("requirements.txt", "."),
                         step(K::Run, "pip install -r requirements.txt"), copyStep(".", "."), step(K::User, "10001")}}},
                      10001};
  s.command = {"python", "app.py"};
  s.user = 10001;
  s.replicas = 3;
  s.ports = {port("http", ir::Protocol::Http, 80, 8080)};
  s.labels = {{"app", "my-service"}};
  s.source = {"my-service.svc", 2};
  app.services.push_back(std::move(s));
  withDefaultScratch(app);
  ir::canonicalize(app);
  return app;
}

// examples/shop/shop.svc with its templates and stdlib modules applied by hand.
inline ir::App shopApp() {
  using K = ir::BuildStep::Kind;
  using P = ir::Protocol;
  using A = ir::RefAttribute;
  ir::App app;
  app.name = "shop";
  app.namespace_name = "shop";
  app.registry = "ghcr.io/acme";
  app.version = "1.4.2";
  app.labels = {{"team", "commerce"}};
  app.source = {"shop.svc", 5};

  auto web = [](ir::Service& s, uint32_t container_port) {
    s.ports.push_back(port("http", P::Http, 80, container_port));
    s.health = ir::Health{ir::Health::Kind::Http, "/healthz", "http", 0, 10000, {}, {}, {}, false, {}, {}, {}};
    s.resources = resources(100, 500, 128, 256);
  };

  ir::Service redis;
  redis.name = "redis";
  redis.image = "redis:7.2";
  redis.image_tools = std::vector<std::string>{"bash", "sh"};
  redis.user = 999;
  redis.ports = {port("tcp", P::Tcp, 6379, 6379)};
  redis.health = ir::Health{ir::Health::Kind::Tcp, "", "tcp", 5000, 10000, {}, {}, {}, false, {}, {}, {}};
  redis.resources = resources(100, 500, 128, 256);
  redis.volumes = {{"data", int64_t{1} << 30, "/data"}};
  redis.source = {"shop.svc", 58};

  ir::Service postgres;
  postgres.name = "postgres";
  postgres.image = "postgres:16";
  postgres.image_tools = std::vector<std::string>{"bash", "sh"};
  postgres.user = 999;
  postgres.ports = {port("tcp", P::Tcp, 5432, 5432)};
  postgres.health = ir::Health{ir::Health::Kind::Tcp, "", "tcp", 5000, 10000, {}, {}, {}, false, {}, {}, {}};
  postgres.volumes = {{"data", int64_t{10} << 30, "/var/lib/postgresql/data"}};
  postgres.env = {literalEnv("PGDATA", "/var/lib/postgresql/data/pgdata")};
  postgres.source = {"shop.svc", 62};

  ir::Service cart;
  cart.name = "cart";
  cart.image = "ghcr.io/acme/cart:1.4.2";
  cart.image_tools = std::vector<std::string>{"nc", "sh"};
  cart.user = 65532;
  cart.ports = {port("grpc", P::Grpc, 7070, 7070)};
  cart.replicas = 3;
  cart.dependencies = {{"redis", "tcp", P::Tcp}};
  cart.env = {referenceEnv("REDIS_ADDR", redis, "tcp", A::Address)};
  cart.resources = resources(200, 1000, 256, 512);
  cart.health = ir::Health{ir::Health::Kind::Grpc, "", "grpc", 0, 10000, {}, {}, {}, false, {}, {}, {}};
  cart.source = {"shop.svc", 41};

  ir::Service catalog;
  catalog.name = "catalog";
  catalog.image = "ghcr.io/acme/catalog:1.4.2";
  catalog.image_tools = std::vector<std::string>{};
  catalog.build = ir::BuildRecipe{"catalog",
                                  {{"compile",
                                    "golang:1.22",
                                    {step(K::Workdir, "/src"), copyStep(".", "."),
                                     step(K::Run, "CGO_ENABLED=0 go build -o /out/server ./cmd/server")}},
                                   {"",
                                    "gcr.io/distroless/static-debian12:nonroot",
                                    {copyStep("/out/server", "/server", "compile"), step(K::User, "65532")}}},
                                  65532};
  catalog.command = {"/server"};
  catalog.user = 65532;
  web(catalog, 9090);
  catalog.replicas = 2;
  catalog.dependencies = {{"postgres", "tcp", P::Tcp}};
  catalog.env = {referenceEnv("DB_HOST", postgres, "tcp", A::Host), secretEnv("DB_PASSWORD", "catalog-db", "password")};
  catalog.source = {"shop.svc", 50};

  ir::Service frontend;
  frontend.name = "frontend";
  frontend.image = "ghcr.io/acme/frontend:1.4.2";
  frontend.image_tools = std::vector<std::string>{"bash", "sh"};
  frontend.build = ir::BuildRecipe{
      "frontend",
      {{"",
        "python:3.12-slim",
        {step(K::Workdir, "/app"), copyStep("requirements.txt", "."),
         step(K::Run, "pip install --no-cache-dir -r requirements.txt"), copyStep(".", "."), step(K::User, "10001")}}},
      10001};
  frontend.command = {"gunicorn", "-b", "0.0.0.0:8080", "app:app"};
  frontend.user = 10001;
  web(frontend, 8080);
  frontend.scale = ir::Scale{2, 10, 70, std::nullopt};
  frontend.ingress = ir::Ingress{"shop.example.com", "http", "/"};
  frontend.dependencies = {{"cart", "grpc", P::Grpc}, {"catalog", "http", P::Http}};
  frontend.env = {referenceEnv("CART_ADDR", cart, "grpc", A::Address),
                  referenceEnv("CATALOG_URL", catalog, "http", A::Url), literalEnv("LOG_LEVEL", "info"),
                  secretEnv("SESSION_KEY", "frontend-secrets", "session-key")};
  frontend.source = {"shop.svc", 29};

  for (ir::Service* s : {&frontend, &cart, &catalog, &redis, &postgres}) app.services.push_back(std::move(*s));
  app.start_order = {"postgres", "redis", "cart", "catalog", "frontend"};
  withDefaultScratch(app);
  ir::canonicalize(app);
  return app;
}

// Corners the examples do not reach: UDP, a port-less dependency, memory-only
// autoscaling of a StatefulSet, values YAML would misread, annotations, no namespace.
inline ir::App edgeApp() {
  using P = ir::Protocol;
  ir::App app;
  app.name = "edge";
  app.version = "2.0";
  app.labels = {{"tier", "yes"}, {"cost-center", "0755"}};
  app.source = {"edge/app.svc", 1};

  ir::Service worker;
  worker.name = "worker";
  worker.image = "ghcr.io/acme/worker:2.0";
  worker.user = 1000;
  worker.command = {"run", "--flag=on", "- dash", "a: b", "#hash", "multi\nline", "", "null"};
  worker.source = {"edge/worker.svc", 3};

  ir::Service dns;
  dns.name = "dns";
  dns.image = "ghcr.io/acme/dns:2.0";
  dns.image_tools = std::vector<std::string>{"bash"};
  dns.user = 1000;
  dns.ports = {port("dns", P::Udp, 53, 5353), port("metrics", P::Http, 9100, 9100)};
  dns.health = ir::Health{ir::Health::Kind::Http, "/metrics", "metrics", 1500, 2500, {}, {}, {}, false, {}, {}, {}};
  dns.resources.cpu_request_millis = 1500;
  dns.resources.memory_limit_bytes = int64_t{3} << 29;
  dns.scale = ir::Scale{1, 4, std::nullopt, 80};
  dns.volumes = {{"cache", 123456789, "/var/cache/dns"}, {"zones", int64_t{2} << 30, "/zones"}};
  dns.dependencies = {{"worker", "", P::Tcp}};
  dns.env = {literalEnv("ENABLED", "on"), literalEnv("RATIO", "1e3"), literalEnv("EMPTY", ""),
             literalEnv("GREETING", "h\u00e9llo w\u00f6rld"), literalEnv("DATE", "2001-12-14")};
  dns.labels = {{"app", "edge-dns"}, {"app.kubernetes.io/name", "ignored"}};
  dns.annotations = {{"prometheus.io/scrape", "true"}, {"note", "line one\nline two"}};
  dns.source = {"edge/dns.svc", 7};

  app.services.push_back(std::move(worker));
  app.services.push_back(std::move(dns));
  withDefaultScratch(app);
  ir::canonicalize(app);
  return app;
}

}  // namespace svcc::testing
