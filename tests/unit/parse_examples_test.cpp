#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "parse/parse_stats.h"
#include "parse_test_util.h"

namespace svcc::testing {
namespace {

std::string readFile(const std::string& relative) {
  std::ifstream in(std::string(SVCC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ParseExamples, ShopParsesCleanly) {
  Parsed p = parseText(readFile("examples/shop/shop.svc"));
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(p.file.decls.size(), 11u);
}

// The two-stage parse is only fast if SLL succeeds on valid input: no valid file we have
// (examples, the standard library, the parse goldens) may need the LL re-parse.
TEST(ParseExamples, ValidFilesNeverNeedTheLLReparse) {
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const char* dir : {"examples", "stdlib", "tests/golden/parse"}) {
    fs::path root = fs::path(SVCC_SOURCE_DIR) / dir;
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".svc") continue;
      std::string relative = fs::relative(entry.path(), SVCC_SOURCE_DIR).string();
      SourceManager sources;
      Diagnostics diags;
      parse::ParseStats stats;
      parse::parseFileWithStats(sources.file(sources.add(relative, readFile(relative))), diags, stats);
      EXPECT_FALSE(diags.hasErrors()) << relative;
      EXPECT_FALSE(stats.used_ll) << relative;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20u);
}

TEST(ParseExamples, SeedParsesCleanly) {
  Parsed p = parseText(readFile("examples/seed/my-service.svc"));
  EXPECT_EQ(p.errors(), "");
  EXPECT_EQ(p.file.decls.size(), 1u);
}

}  // namespace
}  // namespace svcc::testing
