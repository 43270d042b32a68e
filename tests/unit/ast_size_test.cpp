// The syntax tree's size: rare members live in a Box (one pointer, deep copies), and the
// fast parser's lists hold exactly their items (no spare capacity kept for the run).
#include <gtest/gtest.h>

#include "parse/fast_parser.h"
#include "parse_test_util.h"

namespace svcc::testing {
namespace {

static_assert(sizeof(ast::Box<ast::Expr>) == sizeof(void*));
static_assert(sizeof(ast::Stmt) < 2 * sizeof(ast::Expr), "a statement embeds one Expr, its value");

TEST(AstBox, CopiesAreDeepAndMovesEmpty) {
  ast::Box<ast::Ident> a;
  EXPECT_FALSE(a.has_value());
  a = ast::Ident{"web", {}};
  ast::Box<ast::Ident> b = a;
  b->text = "api";
  EXPECT_EQ(a->text, "web");
  EXPECT_EQ((*b).text, "api");
  ast::Box<ast::Ident> c = std::move(b);
  EXPECT_FALSE(b.has_value());  // NOLINT(bugprone-use-after-move): moved-from is specified
  EXPECT_TRUE(c);
  c.emplace();
  EXPECT_EQ(c->text, "");
}

TEST(AstSize, FastParserListsHaveNoSpareCapacity) {
  SourceManager sources;
  FileId id = sources.add("t.svc",
                          "service a : web, runtime.python(version = \"3.12\", x = [1, 2]) {\n"
                          "  depends on b.http, c.http; replicas = 2;\n"
                          "  env { A = \"1\"; B = secret(\"s\", \"k\",) }\n"
                          "}\n"
                          "service b : web\n");
  ast::File file;
  parse::ParseStats stats;
  ASSERT_TRUE(parse::parseFast(sources.file(id), file, stats));
  ASSERT_EQ(file.decls.size(), 2u);
  EXPECT_EQ(file.decls.capacity(), 2u);
  const auto& a = std::get<ast::Service>(file.decls[0]);
  EXPECT_EQ(a.body.stmts.capacity(), a.body.stmts.size());
  EXPECT_EQ(a.body.stmts.size(), 3u);
  EXPECT_EQ(a.bases[1].args.capacity(), 2u);
  const ast::Block& env = a.body.stmts[2].body;
  EXPECT_EQ(env.stmts.capacity(), 2u);
  EXPECT_EQ(env.stmts[1].value.args->size(), 2u);
}

}  // namespace
}  // namespace svcc::testing
