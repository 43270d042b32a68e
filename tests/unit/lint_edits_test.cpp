// The fix-it edits of compiler/lint/: deleting a declaration with its line, and putting a
// statement on a line of its own before another.
#include <gtest/gtest.h>

#include "lint/edits.h"

namespace svcc::lint {
namespace {

Span find(const SourceFile& f, const std::string& text) {
  auto at = static_cast<uint32_t>(f.text.find(text));
  return {f.id, at, at + static_cast<uint32_t>(text.size())};
}

std::string applied(const SourceFile& f, Span span, const std::string& replacement) {
  return f.text.substr(0, span.begin) + replacement + f.text.substr(span.end);
}

TEST(LintEdits, ADeclarationAloneOnItsLinesGoesWithTheLines) {
  SourceManager sm;
  const SourceFile& f = sm.file(sm.add("a.svc", "let a = 1\n  let b = 2   // why\nlet c = 3"));
  EXPECT_EQ(applied(f, lineDeletion(f, find(f, "let b = 2")), ""), "let a = 1\nlet c = 3");
  EXPECT_EQ(applied(f, lineDeletion(f, find(f, "let c = 3")), ""), "let a = 1\n  let b = 2   // why\n");
}

TEST(LintEdits, CrlfLinesGoWhole) {
  SourceManager sm;
  const SourceFile& f = sm.file(sm.add("a.svc", "let a = 1\r\nlet b = 2\r\n"));
  EXPECT_EQ(applied(f, lineDeletion(f, find(f, "let a = 1")), ""), "let b = 2\r\n");
}

TEST(LintEdits, AStatementSharingItsLineGoesAlone) {
  SourceManager sm;
  const SourceFile& f = sm.file(sm.add("a.svc", "x { port a = 1; port b = 2 }\n"));
  Span span = find(f, "port b = 2");
  EXPECT_EQ(lineDeletion(f, span), span);
}

TEST(LintEdits, ALineBeforeKeepsTheIndentation) {
  SourceManager sm;
  const SourceFile& f = sm.file(sm.add("a.svc", "service a {\n    image = \"x\"\n}\n"));
  Span at = find(f, "image");
  EXPECT_EQ(applied(f, {at.file, at.begin, at.begin}, lineBefore(f, at, "replicas = 2")),
            "service a {\n    replicas = 2\n    image = \"x\"\n}\n");
}

}  // namespace
}  // namespace svcc::lint
