// `svcc lint --stdin --stdin-filename NAME`: an editor's unsaved buffer stands for NAME,
// alone or in place of NAME's content among the paths given.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCleanApi =
    "service api {\n"
    "  image    = \"ghcr.io/acme/api:1.0.0\"\n"
    "  user     = 10001\n"
    "  replicas = 2\n"
    "  port http = 80 -> 8080\n"
    "  health { path = \"/healthz\"; port = http }\n"
    "  resources { cpu = 100m..500m; memory = 128Mi..256Mi }\n"
    "  ingress { host = \"api.example.com\"; port = http }\n"
    "  env { DB = db.tcp.address }\n"
    "}\n";

constexpr const char* kCleanDb =
    "service db {\n"
    "  image       = \"ghcr.io/acme/db:1.0.0\"\n"
    "  image_tools = [\"bash\"]\n"
    "  user        = 10001\n"
    "  port tcp = 5432\n"
    "  health { tcp = tcp }\n"
    "  resources { cpu = 100m..500m; memory = 128Mi..256Mi }\n"
    "}\n";

class LintStdinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("svcc_lint_stdin_test_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "app");
    write("app/api.svc", kCleanApi);
    write("app/db.svc", kCleanDb);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  ProcessResult lint(std::vector<std::string> args, const std::string& buffer) {
    args.insert(args.begin(), "lint");
    return runProcess(svccBinary(), args, dir_, buffer);
  }

  fs::path dir_;
};

TEST_F(LintStdinTest, TheDiskAppIsClean) {
  ProcessResult r = lint({"app"}, "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST_F(LintStdinTest, TheBufferReplacesItsFileAmongThePaths) {
  std::string edited = std::string(kCleanDb) + "let unused = 1\n";
  ProcessResult r = lint({"--stdin", "--stdin-filename", "app/db.svc", "app"}, edited);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning[W1007]: let `unused` is never used"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--> app/db.svc:9:5"), std::string::npos) << r.err;
  // The disk file is not read as well: `db` would be declared twice.
  EXPECT_EQ(r.err.find("E02"), std::string::npos) << r.err;
}

TEST_F(LintStdinTest, TheBufferStandsForANewFileBesideThePaths) {
  ProcessResult r =
      lint({"--stdin", "--stdin-filename", "app/extra.svc", "app", "--format", "json"}, "let region = \"eu\"\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"file\": \"app/extra.svc\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("W1007"), std::string::npos) << r.out;
}

TEST_F(LintStdinTest, WithoutPathsOnlyTheBufferAndItsImportsAreLinted) {
  // api.svc alone refers to `db`, which only the import brings in.
  std::string buffer = std::string("import \"./db.svc\"\n") + kCleanApi;
  ProcessResult r = lint({"--stdin", "--stdin-filename", "app/api.svc"}, buffer);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ProcessResult alone = lint({"--stdin", "--stdin-filename", "app/api.svc"}, kCleanApi);
  EXPECT_EQ(alone.exit_code, 1) << alone.err;
  EXPECT_NE(alone.err.find("--> app/api.svc:9:14"), std::string::npos) << alone.err;
}

TEST_F(LintStdinTest, WerrorAndAllowApplyToTheBuffer) {
  std::string buffer = std::string(kCleanDb) + "let unused = 1\n";
  EXPECT_EQ(lint({"--stdin", "--stdin-filename", "db.svc", "--Werror"}, buffer).exit_code, 1);
  ProcessResult allowed =
      lint({"--stdin", "--stdin-filename", "db.svc", "--Werror", "--allow", "W1007", "--allow", "W1009"}, buffer);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(allowed.err, "");
}

TEST_F(LintStdinTest, StdinNeedsAFileNameAndViceVersa) {
  EXPECT_EQ(lint({"--stdin", "app"}, "").exit_code, 2);
  EXPECT_EQ(lint({"--stdin-filename", "x.svc", "app"}, "").exit_code, 2);
}

}  // namespace
}  // namespace svcc::test
