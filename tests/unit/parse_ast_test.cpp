// The AST builder: spans are byte ranges, strings are decoded, keywords are names.
#include <gtest/gtest.h>

#include "parse/parse_stats.h"
#include "parse_test_util.h"

namespace svcc::testing {
namespace {

const ast::Stmt& firstStmt(const Parsed& p) { return std::get<ast::Service>(p.file.decls.at(0)).body.stmts.at(0); }

TEST(ParseAst, SpansAreByteRangesAfterNonAsciiText) {
  Parsed q = parseText("let a = \"é✓\"\nlet b = 1\n");
  EXPECT_EQ(q.errors(), "");
  const auto& a = std::get<ast::Let>(q.file.decls.at(0));
  EXPECT_EQ(q.sources.text(a.value.span), "\"é✓\"");
  EXPECT_EQ(a.value.span.begin, 8u);
  EXPECT_EQ(a.value.span.end, 15u);
  const auto& b = std::get<ast::Let>(q.file.decls.at(1));
  EXPECT_EQ(q.sources.text(b.name.span), "b");
}

TEST(ParseAst, StringPartsAndEscapes) {
  Parsed p = parseText("let s = \"a\\n${app.version}\\u{41}\\$x\"\n");
  EXPECT_EQ(p.errors(), "");
  const ast::Expr& s = std::get<ast::Let>(p.file.decls.at(0)).value;
  ASSERT_EQ(s.parts.size(), 3u);
  EXPECT_EQ(s.parts[0].text, "a\n");
  EXPECT_TRUE(s.parts[1].is_interpolation);
  EXPECT_EQ(ast::pathText(s.parts[1].ref), "app.version");
  EXPECT_EQ(p.sources.text(s.parts[1].span), "${app.version}");
  EXPECT_EQ(p.sources.text(s.parts[1].ref[1].span), "version");
  EXPECT_EQ(s.parts[2].text, "A$x");
}

TEST(ParseAst, QuantitiesRangesAndNegatives) {
  Parsed p = parseText("service a {\n  cpu = 100m..500m\n  replicas = -1\n  memory = 1.5Gi\n  r = 1..2\n}\n");
  EXPECT_EQ(p.errors(), "");
  const auto& stmts = std::get<ast::Service>(p.file.decls.at(0)).body.stmts;
  EXPECT_EQ(stmts[0].value.kind, ast::ExprKind::Range);
  EXPECT_EQ(*stmts[0].value.items[1].unit, "m");
  EXPECT_EQ(stmts[1].value.kind, ast::ExprKind::Int);
  EXPECT_EQ(stmts[1].value.text, "-1");
  EXPECT_EQ(stmts[2].value.text, "1.5");
  EXPECT_EQ(*stmts[2].value.unit, "Gi");
  EXPECT_EQ(stmts[3].value.items[0].kind, ast::ExprKind::Int);
}

TEST(ParseAst, KeywordsAreNames) {
  Parsed p = parseText("template web(port: Port = 8080) {\n  health { port = http }\n  env { user = \"x\" }\n}\n");
  EXPECT_EQ(p.errors(), "");
  const auto& t = std::get<ast::Template>(p.file.decls.at(0));
  EXPECT_EQ(t.params.at(0).name.text, "port");
  EXPECT_EQ(t.body.stmts.at(1).body.stmts.at(0).path.at(0).text, "user");
}

TEST(ParseAst, NamesWithDashes) {
  Parsed p = parseText("service a {\n  env { X = redis-cart.tcp.address }\n  port web = 80->8080\n}\n");
  EXPECT_EQ(p.errors(), "");
  const auto& stmts = std::get<ast::Service>(p.file.decls.at(0)).body.stmts;
  EXPECT_EQ(ast::pathText(stmts[0].body.stmts[0].value.path), "redis-cart.tcp.address");
  EXPECT_EQ(stmts[1].target->text, "8080");
}

TEST(ParseAst, PortAndDependsShapes) {
  Parsed p = parseText("service a {\n  port grpc = 7070 { protocol = grpc }\n  depends on redis, postgres.tcp\n}\n");
  EXPECT_EQ(p.errors(), "");
  const auto& stmts = std::get<ast::Service>(p.file.decls.at(0)).body.stmts;
  EXPECT_EQ(stmts[0].kind, ast::StmtKind::Port);
  EXPECT_TRUE(stmts[0].body.present);
  EXPECT_FALSE(stmts[0].target.has_value());
  EXPECT_EQ(stmts[1].refs->size(), 2u);
  EXPECT_EQ(p.sources.text(stmts[1].keyword->span), "depends");
}

TEST(ParseAst, BuildSteps) {
  Parsed p = parseText(
      "service a {\n  build {\n    stage c { from \"g\" }\n    copy from c \"/o\" \"/s\"\n    env A = \"1\"\n    user "
      "1\n  }\n}\n");
  EXPECT_EQ(p.errors(), "");
  const auto& steps = *firstStmt(p).steps;
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].kind, ast::StepKind::Stage);
  EXPECT_EQ(steps[0].steps.at(0).kind, ast::StepKind::From);
  EXPECT_EQ(steps[1].kind, ast::StepKind::CopyFrom);
  EXPECT_EQ(steps[1].name->text, "c");
  EXPECT_EQ(steps[2].kind, ast::StepKind::Env);
  EXPECT_EQ(steps[3].kind, ast::StepKind::User);
}

TEST(ParseAst, ServiceWithoutBody) {
  Parsed p = parseText("service postgres : backing.postgres(version = \"16\")\n");
  EXPECT_EQ(p.errors(), "");
  const auto& s = std::get<ast::Service>(p.file.decls.at(0));
  EXPECT_FALSE(s.body.present);
  EXPECT_TRUE(s.bases.at(0).has_parens);
  EXPECT_EQ(s.bases.at(0).args.at(0).name->text, "version");
}

TEST(ParseAst, ValidInputTakesTheFastPath) {
  for (const char* text : {"service a : b(c = 1), d { port x = 1 -> y { protocol = tcp }; depends on a.b }\n",
                           "service a {\n build {\n copy from x \"a\" \"b\"\n copy from \"c\"\n }\n}\n",
                           "template t(a: [String] = [], b: Cpu..Cpu = 1..2) : x { a.b.c { d = e(f, g = h) } }\n"}) {
    SourceManager sources;
    Diagnostics diags;
    parse::ParseStats stats;
    parse::parseFileWithStats(sources.file(sources.add("t.svc", text)), diags, stats);
    EXPECT_FALSE(diags.hasErrors()) << text;
    EXPECT_FALSE(stats.used_ll) << text;
  }
}

TEST(ParseAst, ErrorsKeepWhatWasUnderstood) {
  Parsed p = parseText("service a {\n  replicas 3\n  image = \"x\"\n}\nservice b {}\n");
  EXPECT_EQ(p.file.decls.size(), 2u);
  const auto& stmts = std::get<ast::Service>(p.file.decls.at(0)).body.stmts;
  ASSERT_FALSE(stmts.empty());
  EXPECT_EQ(stmts.back().path.at(0).text, "image");
}

}  // namespace
}  // namespace svcc::testing
