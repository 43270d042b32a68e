#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "base/fs.h"

namespace svcc {
namespace {

namespace fs = std::filesystem;

class FsTest : public testing::Test {
 protected:
  void SetUp() override {
    old_cwd_ = fs::current_path();
    dir_ = fs::temp_directory_path() / ("svcc_fs_test_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "app" / "z" / "deep");
    fs::create_directories(dir_ / "empty");
    for (const char* name : {"app/b.svc", "app/a.svc", "app/z/deep/c.svc", "app/readme.md", "one.txt"}) {
      std::ofstream(dir_ / name) << "text of " << name;
    }
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    fs::remove_all(dir_);
  }

  fs::path old_cwd_, dir_;
};

std::vector<std::string> shown(const ExpandedInputs& in) {
  std::vector<std::string> out;
  for (const InputFile& f : in.files) out.push_back(f.display);
  return out;
}

TEST_F(FsTest, DirectoriesExpandToSortedSvcFilesBelowThem) {
  ExpandedInputs in = expandInputs({"app"});
  EXPECT_EQ(shown(in), (std::vector<std::string>{"app/a.svc", "app/b.svc", "app/z/deep/c.svc"}));
  EXPECT_TRUE(in.missing.empty());
}

TEST_F(FsTest, FilesAreTakenOnceWhateverTheSpelling) {
  ExpandedInputs in = expandInputs({"./app/b.svc", "one.txt", "app", (dir_ / "app/a.svc").string()});
  EXPECT_EQ(shown(in), (std::vector<std::string>{"app/a.svc", "app/b.svc", "app/z/deep/c.svc", "one.txt"}));
}

TEST_F(FsTest, MissingPathsAndEmptyDirectoriesAreReported) {
  ExpandedInputs in = expandInputs({"nope.svc", "empty"});
  EXPECT_TRUE(in.files.empty());
  EXPECT_EQ(in.missing, std::vector<std::string>{"nope.svc"});
  EXPECT_EQ(in.empty_dirs, std::vector<std::string>{"empty"});
}

TEST_F(FsTest, ReadFileReadsBytesAndRefusesLargeFiles) {
  ReadResult ok = readFile("one.txt", 100);
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.text, "text of one.txt");
  ReadResult big = readFile("one.txt", 4);
  EXPECT_FALSE(big.ok);
  EXPECT_TRUE(big.too_large);
  EXPECT_FALSE(readFile("app", 100).ok);
  EXPECT_FALSE(readFile("nope", 100).ok);
}

TEST_F(FsTest, DisplayPathIsRelativeWithForwardSlashes) {
  EXPECT_EQ(displayPath(dir_ / "app" / "a.svc"), "app/a.svc");
  EXPECT_EQ(displayPath("./app/../one.txt"), "one.txt");
  EXPECT_EQ(displayPath("/"), "/");
}

}  // namespace
}  // namespace svcc
