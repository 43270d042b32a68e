#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "base/fs.h"

namespace svcc {
namespace {

namespace fs = std::filesystem;

class FsTest : public ::testing::Test {
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

// Issue 11: a FIFO used to block the open forever; a directory read as an empty file.
TEST_F(FsTest, ReadFileRefusesWhatIsNotARegularFileBeforeOpeningIt) {
  ASSERT_EQ(::mkfifo("pipe.svc", 0644), 0);
  ReadResult fifo = readFile("pipe.svc", 100);
  EXPECT_TRUE(fifo.not_regular);
  EXPECT_EQ(fifo.error, "it is a named pipe (FIFO)");
  ReadResult dir = readFile("app", 100);
  EXPECT_TRUE(dir.not_regular);
  EXPECT_EQ(dir.error, "it is a directory");
  EXPECT_TRUE(readFile("/dev/zero", 100).not_regular);
  EXPECT_TRUE(readFile("nope", 100).missing);
}

TEST_F(FsTest, FirstEncodingErrorGivesThePositionOnly) {
  EXPECT_FALSE(firstEncodingError("service a {}\n// caf\xC3\xA9\n").has_value());
  std::optional<EncodingError> latin1 = firstEncodingError("a\n  \xC3\xA9x\xE9!");
  ASSERT_TRUE(latin1.has_value());
  EXPECT_EQ(latin1->line, 2u);
  EXPECT_EQ(latin1->column, 5u);  // code points: two spaces, é, x
  EXPECT_EQ(latin1->byte, 0xE9);
  EXPECT_FALSE(latin1->nul);
  std::optional<EncodingError> nul = firstEncodingError(std::string("A=1\0B=2", 7));
  ASSERT_TRUE(nul.has_value());
  EXPECT_TRUE(nul->nul);
  EXPECT_EQ(nul->offset, 3u);
}

}  // namespace
}  // namespace svcc
