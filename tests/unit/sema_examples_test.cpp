// Every example checks clean, and the model holds what the design's comments promise.
#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/pipeline.h"

namespace svcc::sema {
namespace {

const Service* find(const Model& m, const std::string& name) {
  for (const Service& s : m.services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string dir(const char* example) {
  return (std::filesystem::path(SVCC_SOURCE_DIR) / "examples" / example).string();
}

TEST(SemaExamples, ShopChecksCleanAndResolves) {
  Compilation c;
  check({dir("shop")}, c);
  ASSERT_TRUE(c.diags.all().empty()) << c.diags.all().front().message;
  const Model& m = c.model;
  ASSERT_EQ(m.services.size(), 5u);
  const Service* frontend = find(m, "frontend");
  ASSERT_NE(frontend, nullptr);
  ASSERT_TRUE(frontend->build.has_value());
  std::vector<std::string> env;
  for (const EnvEntry& e : frontend->env) env.push_back(e.name + "=" + e.value);
  EXPECT_EQ(env, (std::vector<std::string>{"CART_ADDR=cart:7070", "CATALOG_URL=http://catalog:80", "LOG_LEVEL=info",
                                           "SESSION_KEY="}));
  EXPECT_EQ(frontend->env[3].kind, EnvEntry::Kind::Secret);
  EXPECT_EQ(frontend->ports[0].container_port, 8080);
  EXPECT_EQ(find(m, "catalog")->ports[0].container_port, 9090);
  EXPECT_EQ(find(m, "cart")->ports[0].protocol, Protocol::Grpc);
  EXPECT_EQ(find(m, "redis")->volumes.size(), 1u);
  std::vector<std::string> order;
  for (ServiceId id : m.start_order) order.push_back(m.services[id].name);
  EXPECT_EQ(order, (std::vector<std::string>{"postgres", "catalog", "redis", "cart", "frontend"}));
}

TEST(SemaExamples, ShopProdProfile) {
  Compilation c;
  SemaOptions options;
  options.profile = "prod";
  check({dir("shop")}, c, options);
  ASSERT_TRUE(c.diags.all().empty());
  EXPECT_EQ(find(c.model, "frontend")->scale->max, 30);
  EXPECT_EQ(find(c.model, "catalog")->replicas->value, 5);
  EXPECT_EQ(find(c.model, "cart")->resources.memory_limit->value, int64_t{1} << 30);
}

TEST(SemaExamples, SeedChecksClean) {
  Compilation c;
  check({dir("seed")}, c);
  ASSERT_TRUE(c.diags.all().empty());
  const Service* s = find(c.model, "my-service");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->replicas->value, 3);
  EXPECT_EQ(s->ports[0].service_port, 80);
  EXPECT_EQ(s->ports[0].container_port, 8080);
  EXPECT_EQ(s->build->user, 10001);
}

}  // namespace
}  // namespace svcc::sema
