// Every code in compiler/diagnostics/codes.def must be produced by some golden case
// (its `[CODE]` appears in a tests/golden/**/*.out file). Failures list what is missing.
// That docs/diagnostics.md describes each code is diagnostics_doc_test.cpp's check.
#include <gtest/gtest.h>

#include <filesystem>

#include "diagnostics/codes.h"
#include "test_support.h"

namespace svcc {
namespace {

using test::slurp;
namespace fs = std::filesystem;

const fs::path kSourceDir = SVCC_SOURCE_DIR;

TEST(Registry, EveryCodeIsProducedByAGoldenCase) {
  std::string outputs;
  fs::path golden = kSourceDir / "tests" / "golden";
  if (fs::is_directory(golden)) {
    for (const auto& entry : fs::recursive_directory_iterator(golden)) {
      if (entry.path().extension() == ".out") outputs += slurp(entry.path());
    }
  }
  std::string missing;
  for (const CodeInfo& info : allCodes()) {
    if (outputs.find("[" + std::string(info.id) + "]") == std::string::npos) missing += " " + std::string(info.id);
  }
  EXPECT_EQ(missing, "") << "codes no golden case produces (add a case under tests/golden/):" << missing;
}

}  // namespace
}  // namespace svcc
