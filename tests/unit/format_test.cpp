// The formatter's two promises, checked over every clean input the repository holds
// (examples, the standard library, golden inputs, the fuzz corpus): formatting keeps
// the syntax tree (spans aside) and every comment, and formatting twice changes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "format/format.h"
#include "parse_test_util.h"
#include "test_support.h"

namespace svcc::testing {
namespace {

namespace fs = std::filesystem;

// Comments are nodes of the dump, so a lost or an invented comment shows up too.
std::string shape(const Parsed& p) { return p.dump(ast::DumpFormat::Shape); }

std::string format(const Parsed& p) { return formatFile(p.file, p.sources.file(p.file.file)); }

std::vector<fs::path> inputs() {
  fs::path root(SVCC_SOURCE_DIR);
  std::vector<fs::path> out;
  for (const char* dir : {"examples", "stdlib/std", "tests/golden"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (e.is_regular_file() && e.path().extension() == ".svc") out.push_back(e.path());
    }
  }
  for (const auto& e : fs::directory_iterator(root / "tests" / "fuzz" / "corpus")) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Format, KeepsTheTreeAndIsIdempotentOverEveryCleanInput) {
  size_t checked = 0;
  size_t skipped = 0;
  for (const fs::path& path : inputs()) {
    Parsed before = parseText(test::slurp(path), "input.svc");
    if (before.diags.hasErrors()) {
      ++skipped;
      continue;
    }
    SCOPED_TRACE(path.string());
    std::string once = format(before);
    Parsed after = parseText(once, "input.svc");
    ASSERT_EQ(after.errors(), "") << once;
    EXPECT_EQ(shape(before), shape(after)) << once;
    EXPECT_EQ(format(after), once);
    ++checked;
  }
  EXPECT_GE(checked, 30u) << skipped << " inputs had syntax errors";
}

TEST(Format, ShapesTellMeaningsApartButNotLayouts) {
  EXPECT_EQ(shape(parseText("let a = [1,2]\n")), shape(parseText("\nlet  a=[\n1,\n2,\n]")));
  EXPECT_NE(shape(parseText("let a = [1, 2]\n")), shape(parseText("let a = [2, 1]\n")));
  EXPECT_NE(shape(parseText("let a = 1\n")), shape(parseText("let a = 1  // c\n")));
}

TEST(Format, StringsAreReEscaped) {
  Parsed p = parseText("let a = \"tab\\u{9} quote\\\" dollar $ \\${x} ${ y.z } bell\\u{7}\"\n");
  EXPECT_EQ(format(p), "let a = \"tab\\t quote\\\" dollar $ \\${x} ${y.z} bell\\u{7}\"\n");
}

TEST(Format, LongListsBreakOneItemPerLine) {
  std::string items;
  for (int i = 0; i < 12; ++i) items += "\"item-number-" + std::to_string(i) + "\", ";
  Parsed p = parseText("service a {\n  command = [" + items + "]\n}\n");
  std::string out = format(p);
  EXPECT_NE(out.find("  command = [\n    \"item-number-0\",\n"), std::string::npos) << out;
  EXPECT_NE(out.find("    \"item-number-11\",\n  ]\n}\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace svcc::testing
