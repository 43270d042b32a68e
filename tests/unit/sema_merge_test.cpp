#include <gtest/gtest.h>

#include "sema_ast_builders.h"

namespace svcc::sema::testing {
namespace {

ast::Stmt image() { return assign("image", str("ghcr.io/acme/x:1")); }

TEST(SemaMerge, BodyOverridesTemplateFieldByField) {
  Checked c({templ("web", {},
                   {block("resources", {assign("cpu", range(qty("100", "m"), qty("500", "m"))),
                                        assign("memory", range(qty("128", "Mi"), qty("256", "Mi")))})}),
             service("a", {base("web")}, {image(), block("resources", {assign("cpu", num("1"))})})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  const Service& a = c.svc("a");
  EXPECT_EQ(a.resources.cpu_request->value, 1000);
  EXPECT_EQ(a.resources.cpu_limit->value, 1000);
  EXPECT_EQ(a.resources.memory_request->value, 128 << 20);
  EXPECT_EQ(a.resources.memory_limit->value, 256 << 20);
}

TEST(SemaMerge, BasesApplyLeftToRightThenTheBody) {
  Checked c({templ("one", {}, {assign("replicas", num("1")), assign("user", num("10"))}),
             templ("two", {}, {assign("replicas", num("2")), assign("command", list({str("x")}))}),
             service("a", {base("one"), base("two")}, {image()}),
             service("b", {base("one"), base("two")}, {image(), assign("replicas", num("5"))})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  EXPECT_EQ(c.svc("a").replicas->value, 2);
  EXPECT_EQ(c.svc("a").user->value, 10);
  EXPECT_EQ(c.svc("b").replicas->value, 5);
}

TEST(SemaMerge, ListsAreReplacedWhole) {
  Checked c({templ("t", {}, {assign("command", list({str("a"), str("b")}))}),
             service("a", {base("t")}, {image(), assign("command", list({str("c")}))})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  EXPECT_EQ(c.svc("a").command->value, std::vector<std::string>{"c"});
}

TEST(SemaMerge, TemplateParametersAndDefaults) {
  Checked c({templ("web", {param("port", "Port", num("8080"))}, {port("http", "80", "port")}),
             service("a", {base("web")}, {image()}), service("b", {base("web", {arg(num("9090"), "port")})}, {image()}),
             service("c", {base("web", {arg(num("7000"))})}, {image()})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  EXPECT_EQ(c.svc("a").ports[0].container_port, 8080);
  EXPECT_EQ(c.svc("b").ports[0].container_port, 9090);
  EXPECT_EQ(c.svc("c").ports[0].container_port, 7000);
  EXPECT_EQ(c.svc("c").ports[0].service_port, 80);
  EXPECT_EQ(c.svc("c").ports[0].protocol, Protocol::Http);
}

TEST(SemaMerge, ArgumentProblemsAreReported) {
  Checked c({templ("web", {param("port", "Port")}, {port("http", "80", "port")}),
             service("a", {base("web")}, {image()}), service("b", {base("web", {arg(num("1"), "prot")})}, {image()}),
             service("c", {base("web", {arg(num("1")), arg(num("2"))})}, {image()}),
             service("d", {base("web", {arg(str("x"))})}, {image()})});
  EXPECT_TRUE(c.has(Code::E0217)) << c.messages();
  EXPECT_TRUE(c.has(Code::E0216)) << c.messages();
  EXPECT_TRUE(c.has(Code::E0219)) << c.messages();
  EXPECT_TRUE(c.has(Code::E0301)) << c.messages();
}

TEST(SemaMerge, EnvDuplicateInOneBlockButOverrideAcrossLayers) {
  Checked c({templ("t", {}, {block("env", {assign("A", str("1"))})}),
             service("a", {base("t")}, {image(), block("env", {assign("A", str("2")), assign("B", str("3"))})})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  ASSERT_EQ(c.svc("a").env.size(), 2u);
  EXPECT_EQ(c.svc("a").env[0].name, "A");
  EXPECT_EQ(c.svc("a").env[0].value, "2");

  Checked dup({service("a", {}, {image(), block("env", {assign("A", str("1")), assign("A", str("2"))})})});
  EXPECT_TRUE(dup.has(Code::E0206)) << dup.messages();
}

// Past a dozen keys a draft indexes its fields by hash instead of scanning them: the
// order of first definition, overrides and duplicates must not change with the size.
TEST(SemaMerge, ManyEnvEntriesKeepOrderOverridesAndDuplicates) {
  std::vector<ast::Stmt> from_template, from_body;
  for (int i = 0; i < 40; ++i) from_template.push_back(assign("T" + std::to_string(i), str("t")));
  for (int i = 0; i < 40; i += 3) from_body.push_back(assign("T" + std::to_string(i), str("b")));
  for (int i = 0; i < 10; ++i) from_body.push_back(assign("B" + std::to_string(i), str("b")));
  Checked c(
      {templ("t", {}, {block("env", from_template)}), service("a", {base("t")}, {image(), block("env", from_body)})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  const std::vector<EnvEntry>& env = c.svc("a").env;
  ASSERT_EQ(env.size(), 50u);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(env[i].name, "T" + std::to_string(i));
    EXPECT_EQ(env[i].value, i % 3 == 0 ? "b" : "t") << env[i].name;
  }
  EXPECT_EQ(env[40].name, "B0");
  EXPECT_EQ(env[49].name, "B9");

  from_template.push_back(assign("T33", str("again")));
  Checked dup({service("a", {}, {image(), block("env", from_template)})});
  EXPECT_TRUE(dup.has(Code::E0206)) << dup.messages();
}

TEST(SemaMerge, ProfileAppliesLast) {
  ast::Profile prod;
  prod.name = id("prod");
  prod.body = body({assign("a.replicas", num("7")), assign("a.resources.memory", qty("1", "Gi"))});
  std::vector<ast::Decl> decls = {service("a", {}, {image(), assign("replicas", num("2"))}), prod};
  SemaOptions with;
  with.profile = "prod";
  Checked c(decls, with);
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  EXPECT_EQ(c.svc("a").replicas->value, 7);
  EXPECT_EQ(c.svc("a").resources.memory_limit->value, int64_t{1} << 30);
  Checked without(decls);
  EXPECT_EQ(without.svc("a").replicas->value, 2);

  SemaOptions unknown;
  unknown.profile = "prd";
  Checked bad(decls, unknown);
  EXPECT_TRUE(bad.has(Code::E0212)) << bad.messages();
}

TEST(SemaMerge, RecursiveTemplatesAreReportedOnce) {
  Checked c({templ("a", {}, {}, {base("b")}), templ("b", {}, {}, {base("a")}), service("s", {base("a")}, {image()})});
  size_t count = 0;
  for (const Diagnostic& d : c.diags.all()) count += d.code == Code::E0213;
  EXPECT_EQ(count, 1u) << c.messages();
}

TEST(SemaMerge, UnitsTakeTheirMeaningFromTheField) {
  Checked c({service("a", {},
                     {image(), block("resources", {assign("cpu", qty("128", "Mi"))}),
                      block("health", {assign("period", qty("5", "m"))}), port("http", "8080")})});
  EXPECT_TRUE(c.has(Code::E0304)) << c.messages();
  Checked ok({service("a", {},
                      {image(), block("resources", {assign("cpu", qty("5", "m"))}),
                       block("health", {assign("period", qty("5", "m"))}), port("http", "8080")})});
  ASSERT_FALSE(ok.diags.hasErrors()) << ok.messages();
  EXPECT_EQ(ok.svc("a").resources.cpu_request->value, 5);
  EXPECT_EQ(*ok.svc("a").health->period_ms, 300000);
}

}  // namespace
}  // namespace svcc::sema::testing

namespace svcc::sema::testing {
namespace {

TEST(SemaMerge, OptOutsFromBothSpellingsAreSortedAndUnique) {
  Checked c({templ("db", {}, {block("security", {assign("read_only_root_filesystem", expr(ast::ExprKind::Bool))})}),
             service("a", {base("db")},
                     {assign("image", str("postgres:16")),
                      assign("opt_out", list({str("seccomp"), str("read_only_root_filesystem")}))})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  const std::vector<OptOut>& o = c.svc("a").opt_outs;
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].name, "read_only_root_filesystem");
  EXPECT_EQ(o[1].name, "seccomp");
}

}  // namespace
}  // namespace svcc::sema::testing
