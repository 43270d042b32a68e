#include <gtest/gtest.h>

#include "diagnostics/display_line.h"
#include "diagnostics/render.h"

namespace svcc {
namespace {

// Byte offset of the first occurrence of `needle` in the file's text.
uint32_t at(const SourceManager& sm, FileId f, std::string_view needle) {
  size_t pos = sm.file(f).text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return static_cast<uint32_t>(pos);
}

Span spanOf(const SourceManager& sm, FileId f, std::string_view needle) {
  uint32_t begin = at(sm, f, needle);
  return {f, begin, begin + static_cast<uint32_t>(needle.size())};
}

std::string text(const Diagnostic& d, const SourceManager& sm) { return renderText(d, sm, TextStyle{}); }

TEST(RenderText, MatchesTheHouseStyleExample) {
  SourceManager sm;
  std::string src;
  for (int i = 1; i < 14; ++i) src += "// line " + std::to_string(i) + "\n";
  src += "    cpu    = 128Mi\n";
  FileId f = sm.add("shop.svc", src);
  Diagnostics diags;
  diags.report(Code::E0002, spanOf(sm, f, "128Mi"), "expected Cpu, found Memory")
      .label("this is a memory quantity")
      .withHelp("CPU is written in cores (`0.5`) or millicores (`500m`)");
  EXPECT_EQ(text(diags.all()[0], sm),
            "error[E0002]: expected Cpu, found Memory\n"
            "  --> shop.svc:14:14\n"
            "   |\n"
            "14 |     cpu    = 128Mi\n"
            "   |              ^^^^^ this is a memory quantity\n"
            "   |\n"
            "   = help: CPU is written in cores (`0.5`) or millicores (`500m`)\n");
}

TEST(RenderText, CountsCodePointsNotBytes) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "name = \"héllo wörld\" oops\n");
  Diagnostic d;
  d.code = Code::E0002;
  d.severity = Severity::Error;
  d.message = "m";
  d.primary = {spanOf(sm, f, "oops"), "here"};
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:22\n"
            "  |\n"
            "1 | name = \"héllo wörld\" oops\n"
            "  |                      ^^^^ here\n");
}

// A value quoted in a message (issue 11 item 9) must not clear the terminal or write a
// fake log line: controls are shown as their pictures, as in source lines.
TEST(RenderText, ShowsControlCharactersOfQuotedValuesAsPictures) {
  SourceManager sm;
  FileId f = sm.add("a\nb.svc", "image = \"x\"\n");
  Diagnostic d;
  d.code = Code::E0002;
  d.severity = Severity::Error;
  d.message = "`x\x1b[2J` is bad\nerror: fake";
  d.primary = {spanOf(sm, f, "\"x\""), "tag `\x1b]0;t\x07`"};
  d.help = "first line\nsecond \x1b[1m";
  EXPECT_EQ(text(d, sm),
            "error[E0002]: `x\xE2\x90\x9B[2J` is bad\xE2\x90\x8A"
            "error: fake\n"
            " --> a\xE2\x90\x8A"
            "b.svc:1:9\n"
            "  |\n"
            "1 | image = \"x\"\n"
            "  |         ^^^ tag `\xE2\x90\x9B]0;t\xE2\x90\x87`\n"
            "  |\n"
            "  = help: first line\n"
            "          second \xE2\x90\x9B[1m\n");
}

TEST(RenderText, UnderlinesMultiByteCharactersWithOneCaretEach) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "x = \"日本\"\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {spanOf(sm, f, "日本"), ""}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:6\n"
            "  |\n"
            "1 | x = \"日本\"\n"
            "  |      ^^\n");
}

TEST(RenderText, ExpandsTabsInTheLineAndUnderIt) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "\tcpu =\t1\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {spanOf(sm, f, "1"), "one"}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:8\n"
            "  |\n"
            "1 |     cpu =    1\n"
            "  |              ^ one\n");
}

TEST(RenderText, EmptySpanAtEndOfFileSitsAfterTheLastLine) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "service a {\n");
  uint32_t end = static_cast<uint32_t>(sm.file(f).text.size());
  Diagnostic d{Code::E0002, Severity::Error, "unclosed `{`", {{f, end, end}, "expected `}`"}, {}, {}, {}, {}};
  d.secondaryLabel(spanOf(sm, f, "{"), "opened here");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: unclosed `{`\n"
            " --> a.svc:1:12\n"
            "  |\n"
            "1 | service a {\n"
            "  |           -^ expected `}`\n"
            "  |           |\n"
            "  |           opened here\n");
}

TEST(RenderText, EmptySpanAtEndOfFileWithoutNewline) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "let x =");
  Diagnostic d{Code::E0002, Severity::Error, "m", {{f, 7, 7}, "value expected"}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:8\n"
            "  |\n"
            "1 | let x =\n"
            "  |        ^ value expected\n");
}

TEST(RenderText, SecondaryLabelsOnOtherLinesInLineOrder) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "service a {}\n\nservice b {}\nservice a {}\n");
  uint32_t second = static_cast<uint32_t>(sm.file(f).text.rfind("a {}"));
  Diagnostic d{
      Code::E0002, Severity::Error, "duplicate service `a`", {{f, second, second + 1}, "declared again"}, {}, {}, {},
      {}};
  d.secondaryLabel(spanOf(sm, f, "a"), "first declared here");
  d.note("service names must be unique in an app");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: duplicate service `a`\n"
            " --> a.svc:4:9\n"
            "  |\n"
            "1 | service a {}\n"
            "  |         - first declared here\n"
            "...\n"
            "4 | service a {}\n"
            "  |         ^ declared again\n"
            "  |\n"
            "  = note: service names must be unique in an app\n");
}

TEST(RenderText, ShowsASingleSkippedLineInsteadOfDots) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "a\nb\nc\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {spanOf(sm, f, "c"), ""}, {}, {}, {}, {}};
  d.secondaryLabel(spanOf(sm, f, "a"), "");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:3:1\n"
            "  |\n"
            "1 | a\n"
            "  | -\n"
            "2 | b\n"
            "3 | c\n"
            "  | ^\n");
}

TEST(RenderText, SecondaryLabelInAnotherFileGetsItsOwnHeader) {
  SourceManager sm;
  FileId a = sm.add("b.svc", "import \"./lib.svc\"\n");
  FileId lib = sm.add("lib.svc", "\n\n\n\n\n\n\n\n\ntemplate web {}\n");
  Diagnostic d{
      Code::E0002, Severity::Error, "import cycle", {spanOf(sm, a, "\"./lib.svc\""), "imported here"}, {}, {}, {}, {}};
  d.secondaryLabel(spanOf(sm, lib, "web"), "declared here");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: import cycle\n"
            "  --> b.svc:1:8\n"
            "   |\n"
            "1  | import \"./lib.svc\"\n"
            "   |        ^^^^^^^^^^^ imported here\n"
            "   |\n"
            "  ::: lib.svc:10:10\n"
            "   |\n"
            "10 | template web {}\n"
            "   |          --- declared here\n");
}

TEST(RenderText, MultiLineSpanUnderlinesItsFirstLine) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "health {\n  path = 1\n}\n");
  uint32_t begin = at(sm, f, "{");
  Diagnostic d{Code::E0002, Severity::Error, "m", {{f, begin, begin + 20}, "this block"}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:8\n"
            "  |\n"
            "1 | health {\n"
            "  |        ^ this block\n");
}

TEST(RenderText, ThreeLabelsOnOneLineHangFromConnectors) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "a.foo(b, c)\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {spanOf(sm, f, "c"), "third"}, {}, {}, {}, {}};
  d.secondaryLabel(spanOf(sm, f, "a"), "first");
  d.secondaryLabel(spanOf(sm, f, "foo"), "second");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: m\n"
            " --> a.svc:1:10\n"
            "  |\n"
            "1 | a.foo(b, c)\n"
            "  | - ---    ^ third\n"
            "  | | |\n"
            "  | | second\n"
            "  | first\n");
}

TEST(RenderText, ReplacesInvalidBytesAndControlCharacters) {
  SourceManager sm;
  FileId f = sm.add("a.svc", std::string("a\xff") + '\0' + "b\n");
  Diagnostic d{Code::E0003, Severity::Error, "m", {{f, 2, 3}, "NUL"}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm),
            "error[E0003]: m\n"
            " --> a.svc:1:3\n"
            "  |\n"
            "1 | a\xEF\xBF\xBD\xE2\x90\x80"
            "b\n"
            "  |   ^ NUL\n");
}

TEST(RenderText, WithoutASpanOnlyNotesFollowTheHeader) {
  SourceManager sm;
  Diagnostic d{Code::E0006, Severity::Error, "no `.svc` files found in `x`", {},
               {},          {"a note"},      "try this\nand that",           {}};
  EXPECT_EQ(text(d, sm),
            "error[E0006]: no `.svc` files found in `x`\n"
            "  |\n"
            "  = note: a note\n"
            "  = help: try this\n"
            "          and that\n");
}

TEST(RenderText, FixItsShowThePatchedLine) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "depends on paymets\nx = 1\n");
  Diagnostic d{
      Code::E0002, Severity::Error, "unknown service `paymets`", {spanOf(sm, f, "paymets"), "not declared"}, {}, {}, {},
      {}};
  d.fix(spanOf(sm, f, "paymets"), "payments", "did you mean `payments`?");
  d.fix(Span{f, at(sm, f, "1"), at(sm, f, "1")}, "-", "");
  EXPECT_EQ(text(d, sm),
            "error[E0002]: unknown service `paymets`\n"
            " --> a.svc:1:12\n"
            "  |\n"
            "1 | depends on paymets\n"
            "  |            ^^^^^^^ not declared\n"
            "help: did you mean `payments`?\n"
            "  |\n"
            "1 | depends on payments\n"
            "  |            ~~~~~~~~\n"
            "help: replace with `-`\n"
            "  |\n"
            "2 | x = -1\n"
            "  |     +\n");
}

TEST(RenderText, DropsTrailingBlanksOfSourceLines) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "x ->  \t\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {spanOf(sm, f, "->"), ""}, {}, {}, {}, {}};
  EXPECT_EQ(text(d, sm), "error[E0002]: m\n --> a.svc:1:3\n  |\n1 | x ->\n  |   ^^\n");
}

TEST(RenderText, ColourOnlyWhenAsked) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "x\n");
  Diagnostic d{Code::E0002, Severity::Error, "m", {{f, 0, 1}, "l"}, {}, {}, {}, {}};
  EXPECT_EQ(renderText(d, sm, TextStyle{false}).find('\x1b'), std::string::npos);
  std::string coloured = renderText(d, sm, TextStyle{true});
  EXPECT_NE(coloured.find("\x1b[1;31merror[E0002]\x1b[0m"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("\x1b[1;34m"), std::string::npos);
}

TEST(RenderText, WarningsAreYellow) {
  SourceManager sm;
  Diagnostic d{Code::E0002, Severity::Warning, "m", {}, {}, {}, {}, {}};
  EXPECT_EQ(renderText(d, sm, TextStyle{true}).rfind("\x1b[1;33mwarning[E0002]", 0), 0u);
}

TEST(RenderText, SummaryCountsErrorsAndWarnings) {
  EXPECT_EQ(renderSummary(0, 0, {}), "");
  EXPECT_EQ(renderSummary(1, 0, {}), "error: found 1 error\n");
  EXPECT_EQ(renderSummary(2, 1, {}), "error: found 2 errors and 1 warning\n");
  EXPECT_EQ(renderSummary(0, 3, {}), "warning: found 3 warnings\n");
}

TEST(RenderText, AllSeparatesDiagnosticsWithABlankLine) {
  SourceManager sm;
  Diagnostics diags;
  diags.report(Code::E0006, Span{}, "one");
  diags.report(Code::E0006, Span{}, "two");
  EXPECT_EQ(renderTextAll(diags, sm, {}), "error[E0006]: one\n\nerror[E0006]: two\n\nerror: found 2 errors\n");
}

TEST(DisplayLine, MapsBytesToColumns) {
  DisplayLine line = layoutLine("a\té");
  EXPECT_EQ(line.text, "a    é");
  EXPECT_EQ(line.columns, (std::vector<uint32_t>{0, 1, 5, 5, 6}));
}

}  // namespace
}  // namespace svcc
