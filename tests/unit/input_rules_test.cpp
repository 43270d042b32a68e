// What svcc reads as a source (issue 11, item 7 and the FIFO of item 9): regular `.svc`
// files within the size limit, imports inside the app root; a file that is not a source
// is refused without its content ever reaching a diagnostic.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "test_support.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

constexpr char kSecret[] = "hunter2-do-not-print";

class InputRules : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("svcc_input_rules_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "app");
    fs::create_directories(dir_ / "outside");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }
  void importing(const std::string& path) {
    write("app/main.svc", "import \"" + path + "\"\n\nservice web {\n  image = \"nginx:1.27\"\n  user = 101\n}\n");
  }
  // Run under timeout(1): a FIFO used to make svcc wait forever.
  ProcessResult svcc(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"20", SVCC_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    return runProcess("/usr/bin/timeout", all, dir_);
  }

  fs::path dir_;
};

TEST_F(InputRules, AFifoIsRefusedNotWaitedOn) {
  ASSERT_EQ(::mkfifo((dir_ / "app/pipe.svc").c_str(), 0644), 0);
  ProcessResult input = svcc({"check", "app/pipe.svc"});
  EXPECT_EQ(input.exit_code, 2) << input.err;
  EXPECT_NE(input.err.find("error[E0012]: `app/pipe.svc` is not a regular file: it is a named pipe (FIFO)"),
            std::string::npos)
      << input.err;
  importing("./pipe.svc");
  ProcessResult import = svcc({"check", "app/main.svc"});
  EXPECT_EQ(import.exit_code, 1) << import.err;
  EXPECT_NE(import.err.find("error[E0012]: `app/pipe.svc` is not a regular file"), std::string::npos) << import.err;
  // A directory of inputs skips it rather than hang on it.
  EXPECT_EQ(svcc({"check", "app"}).exit_code, 1);
}

TEST_F(InputRules, ImportingADirectoryIsAnErrorNotAnEmptyFile) {
  fs::create_directories(dir_ / "app/lib.svc");
  importing("./lib.svc");
  ProcessResult r = svcc({"check", "app/main.svc"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("error[E0012]: `app/lib.svc` is not a regular file: it is a directory"), std::string::npos)
      << r.err;
}

TEST_F(InputRules, AFileThatIsNotASourceIsNeverQuoted) {
  write("app/secrets.env", std::string("TOKEN=") + kSecret + "\n");
  importing("./secrets.env");
  ProcessResult named = svcc({"check", "app/main.svc"});
  EXPECT_EQ(named.exit_code, 1) << named.err;
  EXPECT_NE(named.err.find("error[E0013]: `app/secrets.env` is not a `.svc` file"), std::string::npos) << named.err;
  EXPECT_EQ(svcc({"check", "app/secrets.env"}).exit_code, 2);
  // Not UTF-8, or holding NUL bytes as /proc/self/environ does: reported by position.
  write("app/latin1.svc", std::string("service x {\n  image = \"caf\xE9") + kSecret + "\"\n}\n");
  write("app/environ.svc", std::string("HOME=/root") + '\0' + "TOKEN=" + kSecret + '\0');
  for (const char* file : {"./latin1.svc", "./environ.svc"}) {
    importing(file);
    for (const std::string& input : {std::string("app/main.svc"), "app/" + std::string(file + 2)}) {
      ProcessResult r = svcc({"check", "--format", "json", input});
      EXPECT_EQ(r.exit_code, 1) << r.out;
      EXPECT_EQ(r.out.find(kSecret), std::string::npos) << r.out;
      EXPECT_EQ(r.out.find("TOKEN"), std::string::npos) << r.out;
      ProcessResult text = svcc({"check", input});
      EXPECT_EQ(text.err.find(kSecret), std::string::npos) << text.err;
    }
  }
  ProcessResult latin1 = svcc({"check", "app/latin1.svc"});
  EXPECT_NE(latin1.err.find("error[E0002]: `app/latin1.svc` is not UTF-8: byte 0xE9 at line 2, column 15"),
            std::string::npos)
      << latin1.err;
}

TEST_F(InputRules, ImportsHaveTheSizeLimitOfInputs) {
  // Sparse: 17 MiB that take no disk. /dev/zero as an import used to grow to gigabytes.
  write("app/big.svc", "");
  fs::resize_file(dir_ / "app/big.svc", size_t{17} << 20);
  importing("./big.svc");
  ProcessResult r = svcc({"check", "app/main.svc"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("error[E0004]: `app/big.svc` is too large: it is larger than 16 MiB"), std::string::npos)
      << r.err;
  ProcessResult input = svcc({"check", "app/big.svc"});
  EXPECT_EQ(input.exit_code, 2);
  EXPECT_NE(input.err.find("error[E0004]"), std::string::npos) << input.err;
}

TEST_F(InputRules, ImportsStayInsideTheAppRoot) {
  write("outside/lib.svc", "service lib {\n  image = \"nginx:1.27\"\n  user = 101\n}\n");
  importing("../outside/lib.svc");
  ProcessResult up = svcc({"check", "app/main.svc"});
  EXPECT_EQ(up.exit_code, 1) << up.err;
  EXPECT_NE(up.err.find("error[E0014]: `../outside/lib.svc` is outside the app's root folder `app`"), std::string::npos)
      << up.err;
  // A link inside the root that leads out is outside too.
  fs::create_symlink("../outside/lib.svc", dir_ / "app/lib.svc");
  importing("./lib.svc");
  EXPECT_NE(svcc({"check", "app/main.svc"}).err.find("error[E0014]"), std::string::npos);
  importing("/dev/zero");
  EXPECT_NE(svcc({"check", "app/main.svc"}).err.find("error[E0014]: `/dev/zero` is outside"), std::string::npos);
  // Naming both folders moves the root to the one holding them: the import is allowed.
  importing("../outside/lib.svc");
  write("outside/other.svc", "");
  ProcessResult both = svcc({"check", "app/main.svc", "outside/other.svc"});
  EXPECT_EQ(both.exit_code, 0) << both.err;
}

}  // namespace
}  // namespace svcc::test
