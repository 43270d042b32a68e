// Env values and args mean what the source says (issue 11 item 5): Kubernetes expands
// `$(NAME)` and reads `$$` as `$` in them, so the backend escapes exactly what that
// expansion would read. The expansion below is written from Kubernetes' own rules
// (third_party/forked/golang/expansion), independently of the backend.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <random>
#include <string>

#include "backends/kubernetes/kubernetes.h"
#include "backends/kubernetes/objects.h"
#include "ir_examples.h"

namespace svcc {
namespace {

// Every `$(NAME)` becomes `<NAME>`, as if every variable were defined: any expansion at
// all shows in the result.
std::string kubernetesExpand(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$' || i + 1 == in.size()) {
      out += in[i];
      continue;
    }
    char next = in[i + 1];
    if (next == '$') {  // `$$` is an escaped `$`
      out += '$';
      ++i;
    } else if (next == '(') {
      size_t close = in.find(')', i + 2);
      if (close == std::string::npos) {  // an unclosed `$(` stays as written
        out += "$(";
        ++i;
      } else {
        out += "<" + in.substr(i + 2, close - i - 2) + ">";
        i = close;
      }
    } else {  // any other `$` stays, with the character after it
      out += '$';
      out += next;
      ++i;
    }
  }
  return out;
}

TEST(K8sExpansion, TheOracleExpandsLikeKubernetes) {
  EXPECT_EQ(kubernetesExpand("$(A)-$$(B)-$$-$x-$"), "<A>-$(B)-$-$x-$");
  EXPECT_EQ(kubernetesExpand("$(unclosed"), "$(unclosed");
}

// Every string of up to 6 characters over `$`, `(`, `)`, `A` and a space.
TEST(K8sExpansion, EscapedTextExpandsToItselfExhaustively) {
  const std::string alphabet = "$()A ";
  std::vector<std::string> level = {""};
  size_t checked = 0;
  for (int length = 0; length <= 6; ++length) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      ASSERT_EQ(kubernetesExpand(k8s::literalForExpansion(s)), s) << "source text: " << s;
      ++checked;
      for (char c : alphabet) next.push_back(s + c);
    }
    level = std::move(next);
  }
  EXPECT_GT(checked, 19000u);
}

TEST(K8sExpansion, EscapedTextExpandsToItselfOnRandomLongStrings) {
  std::mt19937 rng(11);
  const std::string alphabet = "$$$(()){}AZ_ 9\\\"'";
  for (int n = 0; n < 5000; ++n) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    ASSERT_EQ(kubernetesExpand(k8s::literalForExpansion(s)), s) << "source text: " << s;
  }
}

TEST(K8sExpansion, TextWithoutExpansionIsWrittenAsIs) {
  for (const char* s : {"$HOME", "price: $5", "${X}", "a$", "plain"}) EXPECT_EQ(k8s::literalForExpansion(s), s);
}

// The manifest itself: env values (literal and reference) and args of a plain image.
TEST(K8sExpansion, ManifestsCarryTheEscapedText) {
  ir::App app = testing::seedApp();
  ir::Service& s = app.services.front();
  s.build.reset();
  s.image = "example/web:1.0";
  s.command = {"sh", "-c", "echo $(date) $$"};
  ir::EnvVar var;
  var.name = "URL";
  var.literal = "http://$(HOST)/";
  s.env.push_back(var);
  OutputSet files = k8s::emitManifests(app);
  auto it = files.find("k8s/" + s.name + "/deployment.yaml");
  ASSERT_NE(it, files.end());
  YAML::Node container = YAML::Load(it->second)["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(container["args"][2].as<std::string>(), "echo $$(date) $$$");
  bool found = false;
  for (const auto& e : container["env"]) {
    if (e["name"].as<std::string>() != "URL") continue;
    found = true;
    EXPECT_EQ(kubernetesExpand(e["value"].as<std::string>()), "http://$(HOST)/");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace svcc
