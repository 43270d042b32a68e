#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <random>

#include "backends/kubernetes/kubernetes.h"
#include "ir_examples.h"

namespace svcc {
namespace {

// Values a user may write that YAML would misread if they were not quoted.
const std::vector<std::string> kValues = {"yes",       "off",          "~",          "",     "1.0",   "0755",
                                          "1e3",       " padded ",     "a: b",       "x #y", "-dash", "multi\nline",
                                          "tab\there", "h\xc3\xa9llo", "2001-12-14", "<<",   "plain", "null",
                                          "'q'"};

ir::App randomApp(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
  };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  ir::App app = testing::shopApp();
  app.labels.push_back({"team-note", pick(kValues)});
  if (chance(30)) app.namespace_name.clear();
  app.network_policies = chance(80);
  for (ir::Service& s : app.services) {
    s.env.push_back(testing::literalEnv("USER_VALUE", pick(kValues)));
    s.annotations.push_back({"example.com/note", pick(kValues)});
    if (chance(30)) s.command = {pick(kValues), pick(kValues)};
    if (chance(20)) s.scale = ir::Scale{1, 3, std::nullopt, 60};
    if (chance(20)) s.opt_outs = {ir::OptOut::ReadOnlyRootFilesystem};
  }
  ir::canonicalize(app);
  return app;
}

std::string teamNote(const ir::App& app) {
  for (const auto& [key, value] : app.labels)
    if (key == "team-note") return value;
  return {};
}

// Every emitted file parses, and user values come back exactly as they went in.
TEST(K8sProperty, RandomAppsEmitReadableYaml) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    ir::App app = randomApp(rng);
    OutputSet files = k8s::emitManifests(app);
    for (const auto& [path, bytes] : files) {
      YAML::Node doc;
      ASSERT_NO_THROW(doc = YAML::Load(bytes)) << path << "\n" << bytes;
      if (path.ends_with("/deployment.yaml") || path.ends_with("/statefulset.yaml")) {
        const ir::Service* s = app.findService(path.substr(4, path.find('/', 4) - 4));
        ASSERT_NE(s, nullptr) << path;
        YAML::Node tpl = doc["spec"]["template"];
        EXPECT_EQ(tpl["metadata"]["annotations"]["example.com/note"].as<std::string>(), s->annotations.front().second);
        EXPECT_EQ(tpl["metadata"]["labels"]["team-note"].as<std::string>(), teamNote(app));
        const ir::EnvVar* expected = nullptr;
        for (const ir::EnvVar& v : s->env)
          if (v.name == "USER_VALUE") expected = &v;
        ASSERT_NE(expected, nullptr);
        bool found = false;
        for (const auto& env : tpl["spec"]["containers"][0]["env"]) {
          if (env["name"].as<std::string>() != "USER_VALUE") continue;
          EXPECT_EQ(env["value"].as<std::string>(), expected->literal);
          found = true;
        }
        EXPECT_TRUE(found) << path;
      }
    }
    EXPECT_EQ(YAML::LoadAll(k8s::emitStream(app)).size(), files.size() - 1);
  }
}

}  // namespace
}  // namespace svcc
