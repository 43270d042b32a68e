// Lowering small inputs: defaults, opt-outs, edges, user, stages, paths, E05xx guards.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ir/lower.h"
#include "ir/lower_checks.h"
#include "pipeline/pipeline.h"

namespace svcc::ir {
namespace {

namespace fs = std::filesystem;

struct Lowered {
  App app;
  Diagnostics diags;
  std::string codes() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) out += std::string(codeInfo(d.code).id) + " ";
    return out;
  }
};

// Checks `text` as one file named by an absolute path, so lowering must make it relative.
Lowered lowerText(const std::string& text) {
  fs::path file = fs::temp_directory_path() / ("svcc_lower_test_" + std::to_string(::getpid()) + ".svc");
  std::ofstream(file) << text;
  Compilation c;
  check({file.string()}, c);
  fs::remove(file);
  Lowered out;
  // `check` runs lowering's guards (E05xx) too; nothing else may fail here.
  for (const Diagnostic& d : c.diags.all()) {
    std::string_view id = codeInfo(d.code).id;
    EXPECT_TRUE(id.starts_with("E05")) << d.message;
    out.diags.report(d.code, d.primary.span, d.message);
  }
  out.app = lower(c.model, c.sources, out.diags);
  return out;
}

TEST(LowerModel, DefaultsAndRelativeSource) {
  Lowered l = lowerText(
      "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  port http = 8080\n"
      "  health { path = \"/\"; port = http }\n}\n");
  ASSERT_EQ(l.app.services.size(), 1u);
  const Service& a = l.app.services[0];
  EXPECT_EQ(a.image, "nginx:1.27");
  EXPECT_EQ(a.replicas, 1u);
  EXPECT_FALSE(a.scale.has_value());
  EXPECT_FALSE(a.resources.cpu_request_millis.has_value());
  EXPECT_EQ(a.health->period_ms, 10000);
  EXPECT_EQ(a.health->initial_delay_ms, 0);
  EXPECT_EQ(a.ports[0].service_port, 8080u);
  EXPECT_FALSE(a.source.path.empty());
  EXPECT_NE(a.source.path.front(), '/') << a.source.path;
  EXPECT_EQ(a.source.line, 1u);
}

TEST(LowerModel, OptOutsAndNetworkPolicySwitch) {
  Lowered l = lowerText(
      "app x { network_policy = false }\n"
      "service a {\n  image = \"nginx:1.27\"\n  user = 101\n"
      "  opt_out = [\"seccomp\", \"read_only_root_filesystem\"]\n}\n");
  EXPECT_FALSE(l.app.network_policies);
  const Service& a = l.app.services[0];
  EXPECT_EQ(a.opt_outs, (std::vector<OptOut>{OptOut::ReadOnlyRootFilesystem, OptOut::Seccomp}));
}

TEST(LowerModel, OneEdgePerPortAndTheImageUser) {
  Lowered l = lowerText(
      "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  depends on b.http, b.metrics\n"
      "  env { B = b.http.address }\n}\n"
      "service b {\n  build {\n    from \"python:3.12-slim\"\n    user 10001\n  }\n"
      "  port http = 80 -> 8080\n  port metrics = 9090\n}\n");
  ASSERT_TRUE(l.diags.all().empty()) << l.codes();
  const Service& a = *l.app.findService("a");
  ASSERT_EQ(a.dependencies.size(), 2u);  // the env reference repeats an edge: deduplicated
  EXPECT_EQ(a.dependencies[0].port, "http");
  EXPECT_EQ(a.dependencies[0].protocol, Protocol::Http);
  EXPECT_EQ(a.dependencies[1].port, "metrics");
  EXPECT_EQ(a.dependencies[1].protocol, Protocol::Tcp);
  const Service& b = *l.app.findService("b");
  EXPECT_EQ(b.user, 10001);
  EXPECT_EQ(b.build->user, 10001);
  EXPECT_EQ(b.image, "b:dev");
}

TEST(LowerModel, BareReferenceIsTheAddressOrTheHost) {
  Lowered l = lowerText(
      "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  env { B = b; W = w }\n}\n"
      "service b {\n  image = \"redis:7.2\"\n  user = 999\n  port tcp = 6379\n}\n"
      "service w {\n  image = \"busybox:1.36\"\n  user = 65534\n}\n");
  ASSERT_TRUE(l.diags.all().empty()) << l.codes();
  const Service& a = *l.app.findService("a");
  ASSERT_EQ(a.env.size(), 2u);
  EXPECT_EQ(a.env[0].reference.attribute, RefAttribute::Address);
  EXPECT_EQ(referenceValue(a.env[0].reference, a.env[0].reference.service_port), "b:6379");
  EXPECT_EQ(a.env[1].reference.attribute, RefAttribute::Host);
  EXPECT_EQ(referenceValue(a.env[1].reference, 0), "w");
}

TEST(LowerModel, ImageFromRegistryAndVersion) {
  Lowered l = lowerText(
      "app x { registry = \"localhost:5000/team\"; version = \"0.3.0-rc.1\" }\n"
      "service b {\n  build {\n    from \"python:3.12-slim\"\n    user 10001\n  }\n}\n");
  ASSERT_TRUE(l.diags.all().empty()) << l.codes();
  EXPECT_EQ(l.app.services[0].image, "localhost:5000/team/b:0.3.0-rc.1");
}

TEST(LowerModel, InvalidVersionAndLabelsAreE05xx) {
  Lowered l = lowerText(
      "app x { registry = \"ghcr.io/acme\"; version = \"1+2\"; labels { team = \"a b\" } }\n"
      "service b {\n  build {\n    from \"python:3.12-slim\"\n    user 10001\n  }\n"
      "  annotations { note = \"any text at all\" }\n}\n");
  EXPECT_EQ(l.codes(), "E0501 E0502 ");
  EXPECT_EQ(l.app.services.size(), 1u);  // the App is still whole
}

TEST(LowerModel, ImageUserMustBeNonRootAndAgree) {
  auto codes = [](const std::string& build_body, const std::string& rest) {
    return lowerText("service b {\n  build {\n    from \"python:3.12-slim\"\n" + build_body + "  }\n" + rest + "}\n")
        .codes();
  };
  EXPECT_EQ(codes("", ""), "E0503 ");
  EXPECT_EQ(codes("    user 0\n", ""), "E0503 ");
  EXPECT_EQ(codes("    user 10001\n", "  user = 10002\n"), "E0503 ");
  EXPECT_EQ(codes("    user 10001\n", "  user = 10001\n"), "");
  EXPECT_EQ(codes("", "  opt_out = [\"run_as_non_root\"]\n"), "");
}

TEST(LowerChecks, LabelKeysValuesAndTags) {
  EXPECT_FALSE(checkLabelKey("app"));
  EXPECT_FALSE(checkLabelKey("app.kubernetes.io/name"));
  EXPECT_FALSE(checkLabelKey("Team_1.x"));
  EXPECT_TRUE(checkLabelKey(""));
  EXPECT_TRUE(checkLabelKey("/name"));
  EXPECT_TRUE(checkLabelKey("example.com/"));
  EXPECT_TRUE(checkLabelKey("Example.com/name"));
  EXPECT_TRUE(checkLabelKey("-name"));
  EXPECT_TRUE(checkLabelKey(std::string(64, 'a')));
  EXPECT_FALSE(checkLabelKey(std::string(63, 'a')));
  EXPECT_FALSE(checkLabelValue(""));
  EXPECT_FALSE(checkLabelValue("1.4.2"));
  EXPECT_TRUE(checkLabelValue("1.4.2+build"));
  EXPECT_TRUE(checkLabelValue("v1-"));
  EXPECT_FALSE(checkImageTag("1.4.2"));
  EXPECT_FALSE(checkImageTag("_x"));
  EXPECT_TRUE(checkImageTag(".x"));
  EXPECT_TRUE(checkImageTag("1+2"));
  EXPECT_TRUE(checkImageTag(std::string(129, 'a')));
}

}  // namespace
}  // namespace svcc::ir
