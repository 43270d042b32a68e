// Lowering the real examples: every IR field the backends read, from checked sources.
#include <gtest/gtest.h>

#include <filesystem>

#include "ir/lower.h"
#include "pipeline/pipeline.h"

namespace svcc::ir {
namespace {

std::string dir(const char* example) {
  return (std::filesystem::path(SVCC_SOURCE_DIR) / "examples" / example).string();
}

App lowered(const char* example, std::optional<std::string> profile = std::nullopt) {
  Compilation c;
  sema::SemaOptions options;
  options.profile = std::move(profile);
  check({dir(example)}, c, options);
  EXPECT_FALSE(c.diags.hasErrors());
  App app = lower(c.model, c.sources, c.diags);
  EXPECT_TRUE(c.diags.all().empty());
  return app;
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

const Service& find(const App& app, std::string_view name) {
  const Service* s = app.findService(name);
  if (!s) throw std::runtime_error("no service " + std::string(name));
  return *s;
}

TEST(LowerExamples, SeedIsTheDesignsService) {
  App app = lowered("seed");
  ASSERT_EQ(app.services.size(), 1u);
  const Service& s = app.services[0];
  EXPECT_EQ(s.name, "my-service");
  EXPECT_EQ(s.image, "my-service:dev");  // no app: no registry, the fallback tag
  ASSERT_TRUE(s.build.has_value());
  ASSERT_EQ(s.build->stages.size(), 1u);
  const BuildStage& stage = s.build->stages[0];
  EXPECT_EQ(stage.from, "python:3.7");
  std::vector<std::string> steps;
  for (const BuildStep& step : stage.steps)
    steps.push_back(step.value.empty() ? step.src + " " + step.dst : step.value);
  EXPECT_EQ(steps, (std::vector<std::string>{"/app", "requirements.txt .", "pip install -r requirements.txt", ". .",
                                             "10001"}));
  EXPECT_EQ(s.build->user, 10001);
  EXPECT_TRUE(endsWith(s.build->context, "examples/seed")) << s.build->context;
  EXPECT_EQ(s.user, 10001);
  EXPECT_EQ(s.command, (std::vector<std::string>{"python", "app.py"}));
  EXPECT_EQ(s.replicas, 3u);
  ASSERT_EQ(s.ports.size(), 1u);
  EXPECT_EQ(s.ports[0].name, "http");
  EXPECT_EQ(s.ports[0].protocol, Protocol::Http);
  EXPECT_EQ(s.ports[0].service_port, 80u);
  EXPECT_EQ(s.ports[0].container_port, 8080u);
  EXPECT_EQ(s.labels, (StringMap{{"app", "my-service"}}));
  EXPECT_TRUE(endsWith(s.source.path, "examples/seed/my-service.svc")) << s.source.path;
  EXPECT_EQ(s.source.line, 2u);
  // Without an `app`, the app's source is its first service's file.
  EXPECT_EQ(app.name, "");
  EXPECT_EQ(app.source.path, s.source.path);
  EXPECT_EQ(app.start_order, (std::vector<std::string>{"my-service"}));
}

TEST(LowerExamples, ShopAppAndImages) {
  App app = lowered("shop");
  EXPECT_EQ(app.name, "shop");
  EXPECT_EQ(app.namespace_name, "shop");
  EXPECT_EQ(app.registry, "ghcr.io/acme");
  EXPECT_EQ(app.version, "1.4.2");
  EXPECT_EQ(app.labels, (StringMap{{"team", "commerce"}}));
  EXPECT_TRUE(app.network_policies);
  EXPECT_EQ(app.source.line, 5u);
  EXPECT_EQ(app.start_order, (std::vector<std::string>{"postgres", "catalog", "redis", "cart", "frontend"}));
  EXPECT_EQ(find(app, "frontend").image, "ghcr.io/acme/frontend:1.4.2");
  EXPECT_EQ(find(app, "catalog").image, "ghcr.io/acme/catalog:1.4.2");
  EXPECT_EQ(find(app, "cart").image, "ghcr.io/acme/cart:1.4.2");
  EXPECT_FALSE(find(app, "cart").build.has_value());
  EXPECT_TRUE(endsWith(find(app, "frontend").build->context, "examples/shop/frontend"));
  // The go recipe is multi-stage: an earlier named stage, then the final image.
  const BuildRecipe& go = *find(app, "catalog").build;
  ASSERT_GE(go.stages.size(), 2u);
  EXPECT_FALSE(go.stages.front().name.empty());
  EXPECT_TRUE(go.stages.back().name.empty());
  EXPECT_TRUE(go.user.has_value());
}

TEST(LowerExamples, ShopEnvironmentAndGraph) {
  App app = lowered("shop");
  const Service& frontend = find(app, "frontend");
  ASSERT_EQ(frontend.env.size(), 4u);
  const EnvVar& cart_addr = frontend.env[0];
  EXPECT_EQ(cart_addr.name, "CART_ADDR");
  ASSERT_EQ(cart_addr.kind, EnvVar::Kind::Reference);
  EXPECT_EQ(cart_addr.reference.service, "cart");
  EXPECT_EQ(cart_addr.reference.port, "grpc");
  EXPECT_EQ(cart_addr.reference.attribute, RefAttribute::Address);
  EXPECT_EQ(cart_addr.reference.protocol, Protocol::Grpc);
  const EnvVar& catalog_url = frontend.env[1];
  EXPECT_EQ(catalog_url.reference.attribute, RefAttribute::Url);
  EXPECT_EQ(catalog_url.reference.service_port, 80u);
  EXPECT_EQ(catalog_url.reference.container_port, 9090u);
  EXPECT_EQ(referenceValue(catalog_url.reference, catalog_url.reference.service_port), "http://catalog:80");
  EXPECT_EQ(frontend.env[2].kind, EnvVar::Kind::Literal);
  EXPECT_EQ(frontend.env[2].literal, "info");
  const EnvVar& session = frontend.env[3];
  ASSERT_EQ(session.kind, EnvVar::Kind::Secret);
  EXPECT_EQ(session.secret.name, "frontend-secrets");
  EXPECT_EQ(session.secret.key, "session-key");
  EXPECT_TRUE(session.literal.empty());

  auto edges = [](const Service& s) {
    std::vector<std::string> out;
    for (const Dependency& d : s.dependencies)
      out.push_back(d.service + "." + d.port + "/" + std::string(protocolName(d.protocol)));
    return out;
  };
  EXPECT_EQ(edges(frontend), (std::vector<std::string>{"cart.grpc/grpc", "catalog.http/http"}));
  EXPECT_EQ(edges(find(app, "cart")), (std::vector<std::string>{"redis.tcp/tcp"}));
  EXPECT_EQ(edges(find(app, "catalog")), (std::vector<std::string>{"postgres.tcp/tcp"}));
}

TEST(LowerExamples, ShopServiceFields) {
  App app = lowered("shop");
  const Service& frontend = find(app, "frontend");
  ASSERT_TRUE(frontend.scale.has_value());
  EXPECT_EQ(frontend.scale->min, 2u);
  EXPECT_EQ(frontend.scale->max, 10u);
  EXPECT_EQ(frontend.scale->cpu_percent, 70u);
  ASSERT_TRUE(frontend.ingress.has_value());
  EXPECT_EQ(frontend.ingress->host, "shop.example.com");
  EXPECT_EQ(frontend.ingress->port, "http");
  EXPECT_EQ(frontend.ingress->path, "/");
  ASSERT_TRUE(frontend.health.has_value());
  EXPECT_EQ(frontend.health->kind, Health::Kind::Http);
  EXPECT_EQ(frontend.health->path, "/healthz");
  EXPECT_EQ(frontend.health->port, "http");
  EXPECT_EQ(frontend.health->period_ms, 10000);
  EXPECT_EQ(frontend.resources.cpu_request_millis, 100);
  EXPECT_EQ(frontend.resources.cpu_limit_millis, 500);
  EXPECT_EQ(frontend.resources.memory_request_bytes, 128 << 20);
  EXPECT_EQ(frontend.resources.memory_limit_bytes, 256 << 20);
  const Service& cart = find(app, "cart");
  EXPECT_EQ(cart.replicas, 3u);
  EXPECT_EQ(cart.health->kind, Health::Kind::Grpc);
  EXPECT_EQ(cart.health->port, "grpc");
  const Service& redis = find(app, "redis");
  ASSERT_EQ(redis.volumes.size(), 1u);
  EXPECT_EQ(redis.volumes[0].name, "data");
  EXPECT_EQ(redis.volumes[0].size_bytes, int64_t{1} << 30);
  EXPECT_EQ(redis.volumes[0].mount, "/data");
  EXPECT_TRUE(redis.user.has_value());
}

TEST(LowerExamples, ShopProdProfileReachesTheIr) {
  App app = lowered("shop", "prod");
  EXPECT_EQ(find(app, "frontend").scale->max, 30u);
  EXPECT_EQ(find(app, "catalog").replicas, 5u);
  EXPECT_EQ(find(app, "cart").resources.memory_limit_bytes, int64_t{1} << 30);
}

}  // namespace
}  // namespace svcc::ir
