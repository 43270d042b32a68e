// The `svcc` binary's contract: exit codes, which stream gets what, and colour.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("svcc_cli_test_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "app" / "nested");
    write("app/nested/b.svc", "");
    write("app/a.svc", "");
    write("app/notes.txt", "not a source file");
    write("broken.svc", "service {\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  ProcessResult svcc(const std::vector<std::string>& args) { return runProcess(svccBinary(), args, dir_); }

  fs::path dir_;
};

TEST_F(CliTest, CleanInputExitsZeroSilently) {
  ProcessResult r = svcc({"check", "app"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, ErrorsInTheInputExitOne) {
  ProcessResult r = svcc({"check", "broken.svc"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("broken.svc:"), std::string::npos) << r.err;
}

TEST_F(CliTest, OutputDoesNotDependOnArgumentOrderOrRepetition) {
  write("app/nested/b.svc", "service b {\n  replicas 3\n}\n");
  write("app/a.svc", "service a {\n  port = \n}\n");
  ProcessResult forward = svcc({"check", "app/a.svc", "app/nested/b.svc", "missing.svc", "gone.svc"});
  ProcessResult backward = svcc({"check", "gone.svc", "./app/nested/b.svc", "app", "missing.svc", "app/a.svc"});
  EXPECT_EQ(forward.exit_code, 2);
  EXPECT_EQ(forward.err, backward.err);
  EXPECT_LT(forward.err.find("`gone.svc`"), forward.err.find("`missing.svc`"));
  EXPECT_LT(forward.err.find("app/a.svc:"), forward.err.find("app/nested/b.svc:"));
}

TEST_F(CliTest, MissingFileIsAnInputErrorNotACrash) {
  ProcessResult r = svcc({"check", "app", "missing.svc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error[E0001]: cannot read `missing.svc`"), std::string::npos) << r.err;
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(svcc({}).exit_code, 2);
  EXPECT_EQ(svcc({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(svcc({"check", "--color=sometimes", "app"}).exit_code, 2);
  EXPECT_EQ(svcc({"explain", "E9999"}).exit_code, 2);
}

TEST_F(CliTest, HelpAndVersionExitZero) {
  ProcessResult version = svcc({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "svcc 0.1.0\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--help"}, {"check", "--help"}, {"dump", "ast", "--help"}}) {
    ProcessResult help = svcc(args);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Exit codes:"), std::string::npos) << help.out;
  }
}

TEST_F(CliTest, ColourOnlyWhenAskedForOffATerminal) {
  EXPECT_NE(svcc({"check", "--color=always", "missing.svc"}).err.find("\x1b[1;31merror[E0001]"), std::string::npos);
  EXPECT_EQ(svcc({"check", "--color=auto", "missing.svc"}).err.find('\x1b'), std::string::npos);
  EXPECT_EQ(svcc({"check", "--color=never", "missing.svc"}).err.find('\x1b'), std::string::npos);
}

TEST_F(CliTest, JsonGoesToStdoutAndTextToStderr) {
  ProcessResult json = svcc({"check", "--format", "json", "missing.svc"});
  EXPECT_EQ(json.err, "");
  EXPECT_EQ(json.out.rfind("{\n  \"version\": 1,", 0), 0u) << json.out;
  ProcessResult text = svcc({"check", "missing.svc"});
  EXPECT_EQ(text.out, "");
  EXPECT_NE(text.err, "");
}

TEST_F(CliTest, DumpAstWritesTheTreeToStdout) {
  ProcessResult r = svcc({"dump", "ast", "app/a.svc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out, "");
  EXPECT_EQ(svcc({"dump", "ast", "missing.svc"}).exit_code, 2);
}

}  // namespace
}  // namespace svcc::test
