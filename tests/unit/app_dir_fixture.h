// A two-service app in a fresh temporary directory, with svcc run there: the fixture of
// the tests that build into an output directory (build_write_test, output_dir_test).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace svcc::test {

class AppDir : public ::testing::Test {
 protected:
  explicit AppDir(std::string name) : name_(std::move(name)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / (name_ + "_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "app");
    write("app/a.svc", "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  port http = 8080\n}\n");
    write("app/b.svc", "service b {\n  image = \"redis:7.2\"\n  user = 999\n  port tcp = 6379\n}\n");
  }
  void TearDown() override {
    for (const char* name : {"SVCC_TEST_FAIL_AFTER", "SVCC_TEST_KILL_AFTER", "SVCC_TEST_NO_SWAP"}) unsetenv(name);
    std::error_code ec;
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(dir_, ec);
  }

  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  ProcessResult svcc(const std::vector<std::string>& args) { return runProcess(svccBinary(), args, dir_); }

  // Everything below `root`, relative path → bytes; directories as "<dir>" when asked.
  // DIR/.svcc-lock, the empty lock file every build leaves (output_lock.h), is not output.
  std::map<std::string, std::string> tree(const std::filesystem::path& root, bool with_dirs = true) {
    std::map<std::string, std::string> files;
    if (!std::filesystem::exists(root)) return files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      std::string rel = std::filesystem::relative(e.path(), root).generic_string();
      if (rel == ".svcc-lock") continue;
      if (e.is_regular_file()) {
        files[rel] = slurp(e.path());
      } else if (with_dirs) {
        files[rel] = "<dir>";
      }
    }
    return files;
  }

  std::filesystem::path dir_;

 private:
  std::string name_;
};

}  // namespace svcc::test
