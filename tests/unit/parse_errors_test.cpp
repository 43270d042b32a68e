// Syntax errors: all of them in one run, in plain words, each with a code, a label and a
// span on the right token.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse_test_util.h"

namespace svcc::testing {
namespace {

TEST(ParseErrors, EveryErrorInOneRun) {
  Parsed p = parseText(
      "service a {\n"
      "  replicas 3\n"
      "  image =\n"
      "  depends redis\n"
      "}\n"
      "frontend.replicas = 2\n");
  EXPECT_EQ(p.errors(),
            "E0110 2:12 expected `=` or `{` after field `replicas` | expected `=` or `{` before this\n"
            "E0111 3:9 expected a value after `=` | expected a value after this\n"
            "E0113 4:3 missing `on` after `depends` | expected `on` after this\n"
            "E0115 6:1 expected a declaration, found `frontend` | not a declaration\n");
}

TEST(ParseErrors, UnclosedBraceHasASecondaryLabelWhereItOpened) {
  Parsed p = parseText("service a {\n  replicas = 2\n\nservice b {}\n");
  ASSERT_EQ(p.diags.all().size(), 1u);
  const Diagnostic& d = p.diags.all()[0];
  EXPECT_EQ(d.code, Code::E0108);
  EXPECT_EQ(d.message, "unclosed `{`");
  ASSERT_EQ(d.secondary.size(), 1u);
  EXPECT_EQ(d.secondary[0].text, "unclosed `{` opened here");
  EXPECT_EQ(p.sources.locate(d.secondary[0].span).column, 11u);
  EXPECT_EQ(p.sources.text(d.primary.span), "2");
  // The repaired brace lets the next service parse as a service.
  EXPECT_EQ(p.file.decls.size(), 2u);
}

TEST(ParseErrors, NoErrorAtEndOfFileAfterAnUnclosedBracket) {
  Parsed p = parseText("service a {\n  command = [\"a\",\n");
  EXPECT_EQ(p.diags.all().size(), 1u) << p.errors();
  EXPECT_EQ(p.diags.all()[0].code, Code::E0108);
}

TEST(ParseErrors, OneErrorPerLine) {
  Parsed p = parseText("service a { x = = = ; y 1 2 3 }\n");
  EXPECT_EQ(p.diags.all().size(), 1u) << p.errors();
}

// No ANTLR vocabulary ever reaches the user.
TEST(ParseErrors, NoParserGeneratorWordsInAnyMessage) {
  namespace fs = std::filesystem;
  std::vector<std::string> inputs = {
      "service",
      "service a :",
      "service a : b(",
      "template t(",
      "template t(a:",
      "let",
      "let x",
      "app",
      "profile p { a. = 1 }",
      "service a { port }",
      "service a { volume }",
      "service a { build { copy } }",
      "service a { x = [1,, 2] }",
      "service a { x = f(a =) }",
      "import",
      "import 3",
      "=",
      ")",
      "..",
      "->",
      "service a { depends on }",
      "service a { depends on a, }",
      "let x = -",
      "let x = 1..",
  };
  for (const auto& entry : fs::directory_iterator(fs::path(SVCC_SOURCE_DIR) / "tests" / "golden" / "syntax")) {
    if (entry.path().extension() != ".svc") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    inputs.push_back(bytes.str());
  }
  for (const std::string& input : inputs) {
    Parsed p = parseText(input);
    for (const Diagnostic& d : p.diags.all()) {
      std::string all = d.message + " " + d.primary.text + " " + d.help.value_or("");
      for (const char* word : {"extraneous", "mismatched", "expecting", "<EOF>", "<missing", "token recognition",
                               "LBRACE", "RBRACE", "ASSIGN", "QUANTITY", "DOTDOT", "no viable", "'"}) {
        EXPECT_EQ(all.find(word), std::string::npos) << "input: " << input << "\nmessage: " << all;
      }
      EXPECT_FALSE(d.primary.text.empty()) << input << ": " << d.message;
      EXPECT_TRUE(d.primary.span.valid()) << input << ": " << d.message;
    }
    EXPECT_TRUE(p.diags.hasErrors() || input.find("svc") != std::string::npos) << input;
  }
}

}  // namespace
}  // namespace svcc::testing
