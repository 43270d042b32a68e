// Every code in compiler/diagnostics/codes.def must be produced by some golden case
// (its `[CODE]` appears in a tests/golden/**/*.out file) and described in
// docs/diagnostics.md (a `### CODE: summary` heading). Failures list what is missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

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

TEST(Registry, EveryCodeIsDocumented) {
  std::string docs = slurp(kSourceDir / "docs" / "diagnostics.md");
  std::set<std::string> headings;
  std::regex heading(R"(^### ([EW][0-9]{4}):)", std::regex::multiline);
  for (auto it = std::sregex_iterator(docs.begin(), docs.end(), heading); it != std::sregex_iterator(); ++it) {
    headings.insert((*it)[1]);
  }
  std::string missing;
  for (const CodeInfo& info : allCodes()) {
    if (headings.erase(std::string(info.id)) == 0) missing += " " + std::string(info.id);
  }
  EXPECT_EQ(missing, "") << "codes without a `### CODE: summary` section in docs/diagnostics.md:" << missing;
  std::string unknown;
  for (const std::string& code : headings) unknown += " " + code;
  EXPECT_EQ(unknown, "") << "docs/diagnostics.md describes codes that codes.def does not have:" << unknown;
}

}  // namespace
}  // namespace svcc
