// The golden-test runner: every case under tests/golden/<suite>/ is one test. It runs
// the real `svcc` from the suite's folder and compares `exit: N`, stdout and stderr with
// `<case>.out`. SVCC_BLESS=1 (scripts/bless) rewrites the .out files instead.
//
// A case is `<case>.svc`, a directory `<case>/` (a multi-file app), or `<case>.args`
// (a whole command line, for testing the CLI itself). Its arguments are the suite's
// `ARGS` file, or the case's own: a first line `// svcc: ARGS` in a .svc file, or an
// `ARGS` file inside a case directory. A `fail_` case must exit non-zero, any other
// case must exit 0, and no case may crash or report an internal error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "test_support.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string suite;
  std::string name;  // file or directory name without extension
  fs::path suite_dir;
  std::string input;  // path relative to the suite dir; empty for .args cases
  std::vector<std::string> args;
  fs::path expected;  // <case>.out
};

// Shown by gtest when a case fails, instead of the struct's bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << "tests/golden/" << c.suite << "/" << c.name; }

std::vector<std::string> splitArgs(std::string_view text) {
  std::vector<std::string> args;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) args.push_back(word);
  return args;
}

std::vector<std::string> caseArgs(const fs::path& entry, const std::vector<std::string>& suite_args) {
  if (fs::is_directory(entry)) {
    return fs::exists(entry / "ARGS") ? splitArgs(slurp(entry / "ARGS")) : suite_args;
  }
  if (entry.extension() == ".args") return splitArgs(slurp(entry));
  std::string first_line;
  std::ifstream in(entry);
  std::getline(in, first_line);
  const std::string marker = "// svcc:";
  if (first_line.rfind(marker, 0) == 0) return splitArgs(first_line.substr(marker.size()));
  return suite_args;
}

std::vector<GoldenCase> discoverCases() {
  std::vector<GoldenCase> cases;
  fs::path root = fs::path(SVCC_SOURCE_DIR) / "tests" / "golden";
  if (!fs::is_directory(root)) return cases;
  std::vector<fs::path> suites;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) suites.push_back(entry.path());
  }
  std::sort(suites.begin(), suites.end());
  for (const fs::path& suite : suites) {
    std::vector<std::string> suite_args =
        fs::exists(suite / "ARGS") ? splitArgs(slurp(suite / "ARGS")) : std::vector<std::string>{"check"};
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(suite)) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      std::string file = entry.filename().string();
      bool is_case =
          fs::is_directory(entry) ? file[0] != '.' : entry.extension() == ".svc" || entry.extension() == ".args";
      if (!is_case) continue;
      GoldenCase c;
      c.suite = suite.filename().string();
      c.name = fs::is_directory(entry) ? file : entry.stem().string();
      c.suite_dir = suite;
      c.args = caseArgs(entry, suite_args);
      if (entry.extension() != ".args") c.input = file;
      c.expected = suite / (c.name + ".out");
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A unified-style diff (without hunk headers): `-` expected, `+` actual, three lines of
// context around each change. Quadratic, which is fine for golden files.
std::string diff(const std::string& expected, const std::string& actual) {
  std::vector<std::string> a = lines(expected), b = lines(actual);
  if (a.size() * b.size() > 25'000'000) return "(outputs too large to diff)\n";
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> script;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      script.push_back(" " + a[i++]);
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      script.push_back("-" + a[i++]);
    } else {
      script.push_back("+" + b[j++]);
    }
  }
  std::string out;
  size_t last_printed = 0;
  for (size_t k = 0; k < script.size(); ++k) {
    bool near_change = false;
    for (size_t d = k >= 3 ? k - 3 : 0; d < std::min(script.size(), k + 4); ++d) near_change |= script[d][0] != ' ';
    if (!near_change) continue;
    if (last_printed != 0 && k > last_printed) out += "...\n";
    if (last_printed == 0 && k > 0) out += "...\n";
    out += script[k] + "\n";
    last_printed = k + 1;
  }
  return out;
}

bool blessing() {
  const char* bless = std::getenv("SVCC_BLESS");
  return bless != nullptr && *bless != '\0' && std::string_view(bless) != "0";
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, Run) {
  const GoldenCase& c = GetParam();
  std::vector<std::string> args = c.args;
  if (!c.input.empty()) args.push_back(c.input);
  ProcessResult r = runProcess(svccBinary(), args, c.suite_dir);
  std::string command = "svcc";
  for (const std::string& a : args) command += " " + a;
  SCOPED_TRACE("in tests/golden/" + c.suite + ": " + command);

  ASSERT_GE(r.exit_code, 0) << "svcc was killed by a signal\n" << r.err;
  ASSERT_LT(r.exit_code, 3) << "svcc reported an internal error\n" << r.err;
  bool must_fail = c.name.rfind("fail_", 0) == 0;
  EXPECT_EQ(r.exit_code != 0, must_fail) << (must_fail ? "a `fail_` case must exit non-zero"
                                                       : "a case without `fail_` must exit 0")
                                         << "\n"
                                         << r.out << r.err;

  std::string actual = "exit: " + std::to_string(r.exit_code) + "\n" + r.out + r.err;
  if (blessing()) {
    std::ofstream(c.expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(c.expected)) << c.expected.string() << " is missing; run scripts/bless";
  std::string expected = slurp(c.expected);
  EXPECT_TRUE(expected == actual) << "output differs from " << c.expected.filename().string()
                                  << " (- expected, + actual; scripts/bless accepts it):\n"
                                  << diff(expected, actual);
}

std::string testName(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.suite + "__" + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

// A `.out` left behind by a renamed or deleted case would never be compared again.
TEST(GoldenFiles, EveryOutputBelongsToACase) {
  std::set<fs::path> expected;
  for (const GoldenCase& c : discoverCases()) expected.insert(c.expected);
  std::string orphans;
  fs::path root = fs::path(SVCC_SOURCE_DIR) / "tests" / "golden";
  for (const auto& suite : fs::directory_iterator(root)) {
    if (!suite.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(suite.path())) {
      if (entry.path().extension() == ".out" && !expected.count(entry.path()))
        orphans += "\n  " + entry.path().string();
    }
  }
  EXPECT_EQ(orphans, "") << "golden outputs without a case (delete them):";
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(discoverCases()), testName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace svcc::test
