#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ir/ir_json.h"
#include "ir_examples.h"

namespace svcc {
namespace {

TEST(IrJson, CarriesTheSchemaVersionAndEveryService) {
  nlohmann::json j = nlohmann::json::parse(ir::toJson(testing::shopApp()));
  EXPECT_EQ(j["svcc_ir_version"], ir::kJsonSchemaVersion);
  EXPECT_EQ(j["app"]["namespace"], "shop");
  EXPECT_EQ(j["app"]["start_order"].size(), 5u);
  ASSERT_EQ(j["services"].size(), 5u);
  EXPECT_EQ(j["services"][0]["name"], "cart");
}

TEST(IrJson, EnvironmentShowsKindsAndResolvedReferences) {
  nlohmann::json j = nlohmann::json::parse(ir::toJson(testing::shopApp()));
  const nlohmann::json* frontend = nullptr;
  for (const auto& s : j["services"])
    if (s["name"] == "frontend") frontend = &s;
  ASSERT_NE(frontend, nullptr);
  const nlohmann::json& env = (*frontend)["env"];
  EXPECT_EQ(env[0]["name"], "CART_ADDR");
  EXPECT_EQ(env[0]["kind"], "reference");
  EXPECT_EQ(env[0]["value"], "cart:7070");
  EXPECT_EQ(env[1]["value"], "http://catalog:80");
  EXPECT_EQ(env[3]["kind"], "secret");
  EXPECT_FALSE(env[3].contains("value")) << "a secret has no value in any output";
  EXPECT_EQ((*frontend)["scale"]["cpu_percent"], 70);
  EXPECT_TRUE((*frontend)["scale"]["memory_percent"].is_null());
  EXPECT_EQ((*frontend)["build"]["stages"][0]["steps"][1]["kind"], "copy");
  EXPECT_EQ((*frontend)["source"]["path"], "shop.svc");
}

TEST(IrJson, IsDeterministicAndEndsInANewline) {
  std::string a = ir::toJson(testing::shopApp());
  EXPECT_EQ(a, ir::toJson(testing::shopApp()));
  EXPECT_EQ(a.back(), '\n');
}

TEST(Ir, OptOutNamesRoundTrip) {
  for (ir::OptOut o : ir::allOptOuts()) EXPECT_EQ(ir::findOptOut(ir::optOutName(o)), o);
  EXPECT_FALSE(ir::findOptOut("read_only_rootfs"));
}

TEST(Ir, CanonicalizeSortsAndDeduplicates) {
  ir::App app = testing::shopApp();
  ir::Service& cart = app.services[0];
  cart.dependencies.push_back(cart.dependencies.front());
  cart.opt_outs = {ir::OptOut::Seccomp, ir::OptOut::DropCapabilities, ir::OptOut::Seccomp};
  std::swap(app.services[0], app.services[4]);
  ir::canonicalize(app);
  EXPECT_EQ(app.services[0].name, "cart");
  EXPECT_EQ(app.services[0].dependencies.size(), 1u);
  EXPECT_EQ(app.services[0].opt_outs, (std::vector<ir::OptOut>{ir::OptOut::DropCapabilities, ir::OptOut::Seccomp}));
  EXPECT_NE(app.findService("redis"), nullptr);
  EXPECT_EQ(app.findService("nope"), nullptr);
}

TEST(Ir, ReferenceValues) {
  ir::EnvReference r{"catalog", "http", ir::RefAttribute::Url, ir::Protocol::Http, 80, 9090};
  EXPECT_EQ(ir::referenceValue(r, r.service_port), "http://catalog:80");
  EXPECT_EQ(ir::referenceValue(r, r.container_port), "http://catalog:9090");
  r.attribute = ir::RefAttribute::Host;
  EXPECT_EQ(ir::referenceValue(r, 80), "catalog");
  r.attribute = ir::RefAttribute::Port;
  EXPECT_EQ(ir::referenceValue(r, 80), "80");
}

}  // namespace
}  // namespace svcc
