// The parser's limits and odd inputs: nothing crashes, everything bad is a diagnostic
// at the right place.
#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace svcc::testing {
namespace {

TEST(ParseLimits, TenThousandBracketsIsE0005NotACrash) {
  Parsed p = parseText("let x = " + std::string(10000, '['));
  EXPECT_EQ(p.errors(), "E0005 1:73 nesting too deep: more than 64 levels of brackets | level 65 opens here\n");
  EXPECT_TRUE(p.file.decls.empty());
}

TEST(ParseLimits, DeepBracesAndParensToo) {
  Parsed braces = parseText("service a " + std::string(10000, '{'));
  EXPECT_NE(braces.errors().find("E0005"), std::string::npos);
  Parsed parens = parseText("let x = f" + std::string(5000, '(') + std::string(5000, ')'));
  EXPECT_NE(parens.errors().find("E0005"), std::string::npos);
}

TEST(ParseLimits, SixtyFourLevelsAreFine) {
  Parsed p = parseText("let x = " + std::string(64, '[') + std::string(64, ']') + "\n");
  EXPECT_EQ(p.errors(), "");
}

TEST(ParseLimits, InvalidUtf8IsReportedAtItsByte) {
  Parsed p = parseText("let a = 1\nlet b = \"x\xC3\x28\"\n");
  EXPECT_EQ(p.errors(), "E0002 2:11 invalid UTF-8 byte 0xC3 | not valid UTF-8\n");
  Parsed overlong = parseText("// \xC0\xAF\n");
  EXPECT_EQ(overlong.errors(), "E0002 1:4 invalid UTF-8 byte 0xC0 | not valid UTF-8\n");
  Parsed surrogate = parseText("let s = \"\xED\xA0\x80\"");
  EXPECT_EQ(surrogate.errors(), "E0002 1:10 invalid UTF-8 byte 0xED | not valid UTF-8\n");
  Parsed truncated = parseText("let s = \"\xE2\x9C");
  EXPECT_EQ(truncated.errors(), "E0002 1:10 invalid UTF-8 byte 0xE2 | not valid UTF-8\n");
}

TEST(ParseLimits, EveryLineWithBadBytesIsReportedOnce) {
  Parsed p = parseText("a \xFF\xFE b \xFF\nok\n\xC3\n");
  EXPECT_EQ(p.errors(),
            "E0002 1:3 invalid UTF-8 byte 0xFF | not valid UTF-8\n"
            "E0002 3:1 invalid UTF-8 byte 0xC3 | not valid UTF-8\n");
  std::string utf16;
  for (char c : std::string("service a {}\n")) utf16 += std::string{c, '\0'};
  Parsed wide = parseText(utf16 + utf16 + utf16);
  EXPECT_EQ(wide.diags.all().size(), 4u) << wide.errors();  // the last NUL stands on line 4
}

TEST(ParseLimits, NulIsReportedAtItsByte) {
  Parsed p = parseText(std::string("service a {\n  replicas = 3\n  \0\n}\n", 31));
  EXPECT_EQ(p.errors(), "E0003 3:3 NUL byte in source file | NUL byte (0x00)\n");
}

TEST(ParseLimits, FileOver16MiBIsRefused) {
  Parsed p = parseText(std::string((16u << 20) + 1, ' '));
  EXPECT_NE(p.errors().find("E0004"), std::string::npos);
}

TEST(ParseLimits, CrlfFilesParseWithTheRightSpans) {
  Parsed p = parseText("service a {\r\n  replicas = 3\r\n  command = [\r\n    \"x\",\r\n  ]\r\n}\r\n");
  EXPECT_EQ(p.errors(), "");
  const auto& service = std::get<ast::Service>(p.file.decls.at(0));
  ASSERT_EQ(service.body.stmts.size(), 2u);
  Location at = p.sources.locate(service.body.stmts[1].span);
  EXPECT_EQ(at.line, 3u);
  EXPECT_EQ(at.column, 3u);
}

TEST(ParseLimits, CrlfErrorsPointAtTheRightLine) {
  Parsed p = parseText("service a {\r\n  replicas 3\r\n}\r\n");
  EXPECT_EQ(p.errors(), "E0110 2:12 expected `=` or `{` after field `replicas` | expected `=` or `{` before this\n");
}

TEST(ParseLimits, EmptyFile) {
  Parsed p = parseText("");
  EXPECT_EQ(p.errors(), "");
  EXPECT_TRUE(p.file.decls.empty());
  EXPECT_TRUE(p.file.comments.empty());
}

TEST(ParseLimits, OnlyComments) {
  Parsed p = parseText("// one\n/* two\n three */\n// four");
  EXPECT_EQ(p.errors(), "");
  EXPECT_TRUE(p.file.decls.empty());
  ASSERT_EQ(p.file.comments.size(), 3u);
  EXPECT_TRUE(p.file.comments[1].block);
  EXPECT_EQ(p.sources.text(p.file.comments[2].span), "// four");
}

TEST(ParseLimits, ByteOrderMarkIsIgnored) {
  Parsed p = parseText("\xEF\xBB\xBFservice a {}\n");
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(std::get<ast::Service>(p.file.decls.at(0)).name.span.begin, 11u);
}

TEST(ParseLimits, HugeNumbersAreKeptAsWritten) {
  Parsed p = parseText("let n = 99999999999999999999999999999999\nlet m = -99999999999999999999Gi\n");
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(std::get<ast::Let>(p.file.decls.at(0)).value.text, "99999999999999999999999999999999");
  EXPECT_EQ(std::get<ast::Let>(p.file.decls.at(1)).value.text, "-99999999999999999999");
}

TEST(ParseLimits, LoneQuoteAndUnterminatedComment) {
  EXPECT_EQ(parseText("\"").errors(), "E0101 1:1 unterminated string | this string has no closing `\"`\n");
  EXPECT_EQ(parseText("service a {}\n/*").errors(), "E0102 2:1 unterminated block comment | this comment never ends\n");
}

}  // namespace
}  // namespace svcc::testing
