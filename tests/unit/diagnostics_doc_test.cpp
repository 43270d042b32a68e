// docs/diagnostics.md against compiler/diagnostics/codes.def and the golden cases: one
// `### CODE: summary` section per code and no other, each heading's summary exactly the
// registry's, and every ```console example a verbatim excerpt of what svcc prints for the
// golden case the section names before it (its `.out`, lines starting with `$ ` aside).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "diagnostics/codes.h"
#include "test_support.h"

namespace svcc {
namespace {

using test::slurp;
namespace fs = std::filesystem;

const fs::path kSourceDir = SVCC_SOURCE_DIR;

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Example {
  std::string golden;               // "syntax/fail_unterminated_string": the case named before the block
  std::vector<std::string> output;  // the block's lines, `$ ` command lines left out
  size_t line = 0;                  // of the opening fence, 1-based, for messages
};

struct Section {
  std::string summary;
  size_t line = 0;
  std::vector<Example> examples;
};

// The `### CODE: summary` sections of a page, by code. A code described twice is
// reported in `duplicates`.
std::map<std::string, Section> parseSections(const std::string& page, std::string& duplicates) {
  static const std::regex heading(R"(^### ([EW][0-9]{4}): (.*)$)");
  // A case as the page names it: tests/golden/SUITE/CASE, then .svc, .args, / or nothing.
  static const std::regex golden(R"(tests/golden/([A-Za-z0-9_-]+/[A-Za-z0-9_-]+))");
  std::map<std::string, Section> sections;
  Section* current = nullptr;
  std::string last_golden;
  std::vector<std::string> lines = splitLines(page);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::smatch m;
    if (std::regex_match(line, m, heading)) {
      auto [it, added] = sections.try_emplace(m[1], Section{m[2], i + 1, {}});
      if (!added) duplicates += " " + m[1].str();
      current = &it->second;
      last_golden.clear();
    } else if (line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0) {
      current = nullptr;  // a section that describes no code
    } else if (line == "```console") {
      Example ex{last_golden, {}, i + 1};
      for (++i; i < lines.size() && lines[i] != "```"; ++i) {
        if (lines[i].rfind("$ ", 0) != 0) ex.output.push_back(lines[i]);
      }
      if (current != nullptr) current->examples.push_back(std::move(ex));
    } else {
      for (auto it = std::sregex_iterator(line.begin(), line.end(), golden); it != std::sregex_iterator(); ++it) {
        last_golden = (*it)[1];
      }
    }
  }
  return sections;
}

bool containsRun(const std::vector<std::string>& text, const std::vector<std::string>& run) {
  return !run.empty() && std::search(text.begin(), text.end(), run.begin(), run.end()) != text.end();
}

// The page's problems: missing and unknown codes, summaries that differ from codes.def,
// and examples that are not what the golden case they name prints. Empty when it agrees.
std::string problems(const std::string& page, const fs::path& golden_root) {
  std::string out, duplicates;
  std::map<std::string, Section> sections = parseSections(page, duplicates);
  if (!duplicates.empty()) out += "codes with more than one section:" + duplicates + "\n";
  for (const CodeInfo& info : allCodes()) {
    auto it = sections.find(std::string(info.id));
    if (it == sections.end()) {
      out += std::string(info.id) + ": no `### " + std::string(info.id) + ": summary` section\n";
      continue;
    }
    const Section& s = it->second;
    std::string where = "line " + std::to_string(s.line) + " (" + std::string(info.id) + ")";
    if (s.summary != info.summary) {
      out += where + ": summary `" + s.summary + "`, codes.def says `" + std::string(info.summary) + "`\n";
    }
    for (const Example& ex : s.examples) {
      std::string at = "line " + std::to_string(ex.line) + " (" + std::string(info.id) + ")";
      if (ex.golden.empty()) {
        out += at + ": the example names no golden case (`tests/golden/SUITE/CASE` before it)\n";
        continue;
      }
      fs::path expected = golden_root / (ex.golden + ".out");
      if (!fs::exists(expected)) {
        out += at + ": tests/golden/" + ex.golden + ".out does not exist\n";
      } else if (!containsRun(splitLines(slurp(expected)), ex.output)) {
        out += at + ": the example is not a verbatim excerpt of tests/golden/" + ex.golden + ".out\n";
      }
    }
    sections.erase(it);
  }
  for (const auto& [code, s] : sections) {
    out += "line " + std::to_string(s.line) + ": " + code + " is described but codes.def does not have it\n";
  }
  return out;
}

TEST(DiagnosticsDoc, AgreesWithCodesDefAndTheGoldenCases) {
  std::string page = slurp(kSourceDir / "docs" / "diagnostics.md");
  ASSERT_FALSE(page.empty());
  EXPECT_EQ(problems(page, kSourceDir / "tests" / "golden"), "") << "docs/diagnostics.md disagrees";
}

// The check itself: each kind of drift is found.
class DiagnosticsDocDrift : public ::testing::Test {
 protected:
  std::string page = slurp(kSourceDir / "docs" / "diagnostics.md");
  fs::path golden_root = kSourceDir / "tests" / "golden";

  std::string broken(const std::string& from, const std::string& to) {
    std::string copy = page;
    size_t at = copy.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) copy.replace(at, from.size(), to);
    return problems(copy, golden_root);
  }
};

TEST_F(DiagnosticsDocDrift, AnExampleLineChanged) {
  EXPECT_NE(broken("this string has no closing `\"`", "this string is not closed")
                .find("not a verbatim excerpt of tests/golden/syntax/fail_unterminated_string.out"),
            std::string::npos);
}

TEST_F(DiagnosticsDocDrift, ASummaryChanged) {
  EXPECT_NE(broken("### E0101: unterminated string", "### E0101: string not terminated").find("codes.def says"),
            std::string::npos);
}

TEST_F(DiagnosticsDocDrift, ASectionMissingOrUnknown) {
  std::string found = broken("### E0101: unterminated string", "### E0999: unterminated string");
  EXPECT_NE(found.find("E0101: no `### E0101: summary` section"), std::string::npos) << found;
  EXPECT_NE(found.find("E0999 is described but codes.def does not have it"), std::string::npos) << found;
}

TEST_F(DiagnosticsDocDrift, AnExampleWithoutItsCase) {
  std::string found = broken("(`tests/golden/syntax/fail_unterminated_string.svc`)", "");
  EXPECT_NE(found.find("names no golden case"), std::string::npos) << found;
  found = broken("tests/golden/syntax/fail_unterminated_string.svc", "tests/golden/syntax/fail_gone.svc");
  EXPECT_NE(found.find("fail_gone.out does not exist"), std::string::npos) << found;
}

}  // namespace
}  // namespace svcc
