#include <gtest/gtest.h>

#include "sema_ast_builders.h"

namespace svcc::sema::testing {
namespace {

ast::App app(std::vector<ast::Stmt> stmts) {
  ast::App a;
  a.name = id("shop");
  a.body = body(std::move(stmts));
  return a;
}

TEST(SemaInterpolation, LetsParamsAndAppFields) {
  Checked c({app({assign("version", str("1.4.2"))}), let("level", str("info")),
             templ("t", {param("port", "Port", num("8080"))},
                   {block("env", {assign("WHERE", str("${level}:${port}:${app.version}"))})}),
             service("a", {base("t")}, {assign("image", str("ghcr.io/acme/a:${app.version}"))})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  EXPECT_EQ(c.svc("a").image->value, "ghcr.io/acme/a:1.4.2");
  ASSERT_EQ(c.svc("a").env.size(), 1u);
  EXPECT_EQ(c.svc("a").env[0].value, "info:8080:1.4.2");
}

TEST(SemaInterpolation, ServiceReferencesResolveAndAddEdges) {
  Checked c({service("cart", {}, {assign("image", str("cart:1")), port("grpc", "7070")}),
             service("web", {},
                     {assign("image", str("web:1")), port("http", "80", "8080"),
                      block("env", {assign("CART", str("grpc://${cart.grpc.address}")),
                                    assign("DIRECT", ref("cart.grpc.port")), assign("SELF", ref("web.http.url"))})})});
  ASSERT_FALSE(c.diags.hasErrors()) << c.messages();
  const Service& web = c.svc("web");
  ASSERT_EQ(web.env.size(), 3u);
  EXPECT_EQ(web.env[0].value, "grpc://cart:7070");
  EXPECT_EQ(web.env[1].kind, EnvEntry::Kind::Reference);
  EXPECT_EQ(web.env[1].value, "7070");
  EXPECT_EQ(web.env[2].value, "http://web:80");
  ASSERT_EQ(web.dependencies.size(), 1u);  // none to itself
  EXPECT_EQ(c.model.services[web.dependencies[0].service].name, "cart");
  EXPECT_EQ(c.model.start_order, (std::vector<ServiceId>{0, 1}));
}

TEST(SemaInterpolation, UnknownNamesAndListsAreReported) {
  Checked c({let("level", str("info")), let("many", list({str("a")})),
             service("a", {},
                     {assign("image", str("a:1")),
                      block("env", {assign("X", str("${levle}")), assign("Y", str("${many}"))})})});
  EXPECT_TRUE(c.has(Code::E0201)) << c.messages();
  EXPECT_TRUE(c.has(Code::E0319)) << c.messages();
}

TEST(SemaInterpolation, UrlOnlyOnHttpAndCyclesFound) {
  Checked c(
      {service("a", {},
               {assign("image", str("a:1")), port("grpc", "7070"), block("env", {assign("B", ref("b.http.url"))})}),
       service("b", {},
               {assign("image", str("b:1")), port("http", "80"), block("env", {assign("A", ref("a.grpc.url"))})})});
  EXPECT_TRUE(c.has(Code::E0316)) << c.messages();
  Checked cyc(
      {service("a", {}, {assign("image", str("a:1")), port("tcp", "1"), block("env", {assign("B", ref("b"))})}),
       service("b", {}, {assign("image", str("b:1")), port("tcp", "1"), block("env", {assign("A", ref("a"))})})});
  EXPECT_TRUE(cyc.has(Code::E0405)) << cyc.messages();
}

}  // namespace
}  // namespace svcc::sema::testing
