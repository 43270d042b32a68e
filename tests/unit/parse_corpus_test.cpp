// Replays every fuzz corpus file (tests/fuzz/corpus/) through the parser in the normal
// test run: no crash, no hang, and every problem is a diagnostic inside the file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse_test_util.h"
#include "test_support.h"

namespace svcc::testing {
namespace {

namespace fs = std::filesystem;

TEST(ParseCorpus, EveryFileParsesWithoutCrashOrHang) {
  fs::path corpus = fs::path(SVCC_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  ASSERT_TRUE(fs::is_directory(corpus));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    auto start = std::chrono::steady_clock::now();
    Parsed p = parseText(text, entry.path().filename().string());
    p.dump();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 2.0 * test::kTimeScale) << entry.path();
    for (const Diagnostic& d : p.diags.all()) {
      EXPECT_LE(d.primary.span.begin, d.primary.span.end) << entry.path();
      EXPECT_LE(d.primary.span.end, text.size()) << entry.path();
      EXPECT_FALSE(d.primary.text.empty()) << entry.path() << ": " << d.message;
    }
    ++files;
  }
  EXPECT_GE(files, 20u);
}

}  // namespace
}  // namespace svcc::testing
