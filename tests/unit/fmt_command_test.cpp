// `svcc fmt -w` and `--check` on real files: what is rewritten, what is left alone, and
// that a rewrite keeps the file's permissions.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

class FmtCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("svcc_fmt_test_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "app");
    write("app/messy.svc", "service a { replicas=1\n}\n");
    write("app/clean.svc", "service b {}\n");
    write("broken.svc", "service {\n");
    fs::permissions(dir_ / "app" / "messy.svc", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  ProcessResult svcc(const std::vector<std::string>& args) { return runProcess(svccBinary(), args, dir_); }

  fs::path dir_;
};

TEST_F(FmtCommandTest, CheckNamesTheFilesThatWouldChange) {
  ProcessResult r = svcc({"fmt", "--check", "app"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "app/messy.svc\n");
  EXPECT_EQ(slurp(dir_ / "app" / "messy.svc"), "service a { replicas=1\n}\n");
}

TEST_F(FmtCommandTest, WriteRewritesOnlyChangedFilesAndKeepsPermissions) {
  fs::file_time_type clean_time = fs::last_write_time(dir_ / "app" / "clean.svc");
  ProcessResult r = svcc({"fmt", "-w", "app"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(dir_ / "app" / "messy.svc"), "service a {\n  replicas = 1\n}\n");
  EXPECT_EQ(fs::status(dir_ / "app" / "messy.svc").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(fs::last_write_time(dir_ / "app" / "clean.svc"), clean_time);
  EXPECT_FALSE(fs::exists(dir_ / "app" / "messy.svc.svcc-fmt.tmp"));
  EXPECT_EQ(svcc({"fmt", "--check", "app"}).exit_code, 0);
}

TEST_F(FmtCommandTest, FilesWithSyntaxErrorsAreNeverWritten) {
  ProcessResult r = svcc({"fmt", "-w", "broken.svc", "app"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error["), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir_ / "broken.svc"), "service {\n");
  EXPECT_EQ(slurp(dir_ / "app" / "messy.svc"), "service a {\n  replicas = 1\n}\n");
}

TEST_F(FmtCommandTest, WriteAndCheckExcludeEachOther) { EXPECT_EQ(svcc({"fmt", "-w", "--check", "app"}).exit_code, 2); }

// Issue 11: `fmt -w` replaced a symlinked file with a regular copy, leaving the file the
// link points to unformatted.
TEST_F(FmtCommandTest, WriteGoesThroughALinkAndKeepsIt) {
  fs::create_directories(dir_ / "shared");
  write("shared/real.svc", "service a { replicas=1\n}\n");
  fs::create_symlink("../shared/real.svc", dir_ / "app" / "link.svc");
  ProcessResult r = svcc({"fmt", "-w", "app/link.svc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir_ / "app" / "link.svc"));
  EXPECT_EQ(fs::read_symlink(dir_ / "app" / "link.svc"), "../shared/real.svc");
  EXPECT_EQ(slurp(dir_ / "shared" / "real.svc"), "service a {\n  replicas = 1\n}\n");
  EXPECT_FALSE(fs::exists(dir_ / "shared" / "real.svc.svcc-fmt.tmp"));
}

// A failed write names errno's reason and a code (it said "cannot replace 'b.svc': Success").
TEST_F(FmtCommandTest, AFailedWriteSaysWhyWithACode) {
  fs::create_directories(dir_ / "app" / "messy.svc.svcc-fmt.tmp");
  ProcessResult r = svcc({"fmt", "-w", "app/messy.svc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error[E0018]: cannot write `app/messy.svc.svcc-fmt.tmp`: is a directory"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("Success"), std::string::npos);
  EXPECT_EQ(slurp(dir_ / "app" / "messy.svc"), "service a { replicas=1\n}\n");
}

}  // namespace
}  // namespace svcc::test
