// `svcc build -o DIR` touches nothing outside DIR (issue 11, items 6 and 9): no writing or
// deleting through a link inside DIR, `-o ""` a usage error, the leftovers of killed
// builds removed, and two concurrent builds into one DIR run one after the other.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "app_dir_fixture.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

ino_t inodeOf(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

class OutputSafety : public AppDir {
 protected:
  OutputSafety() : AppDir("svcc_output_safety") {}
};

TEST_F(OutputSafety, ALinkInsideDirIsReportedNotWrittenThrough) {
  for (bool swap : {true, false}) {
    SCOPED_TRACE(swap ? "swap" : "file by file");
    if (!swap) setenv("SVCC_TEST_NO_SWAP", "1", 1);
    fs::remove_all(dir_ / "out");
    fs::create_directories(dir_ / "out");
    fs::create_directories(dir_ / "elsewhere");
    fs::create_directory_symlink("../elsewhere", dir_ / "out/k8s");
    ProcessResult r = svcc({"build", "app", "-o", "out"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("error[E0015]: `out/k8s` is a symbolic link"), std::string::npos) << r.err;
    EXPECT_TRUE(tree(dir_ / "elsewhere").empty());
    EXPECT_TRUE(fs::is_symlink(dir_ / "out/k8s"));
    EXPECT_FALSE(fs::exists(dir_ / "out/.svcc-manifest.json"));
  }
}

TEST_F(OutputSafety, AFileTheManifestListsBelowALinkIsNotDeleted) {
  for (bool swap : {true, false}) {
    SCOPED_TRACE(swap ? "swap" : "file by file");
    if (!swap) setenv("SVCC_TEST_NO_SWAP", "1", 1);
    fs::remove_all(dir_ / "out");
    fs::remove_all(dir_ / "elsewhere");
    write("app/b.svc", "service b {\n  image = \"redis:7.2\"\n  user = 999\n  port tcp = 6379\n}\n");
    ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
    // b's folder moves elsewhere and a link takes its place; then b leaves the app, so
    // the manifest's k8s/b/* are to be removed.
    fs::rename(dir_ / "out/k8s/b", dir_ / "elsewhere");
    fs::create_directory_symlink("../../elsewhere", dir_ / "out/k8s/b");
    auto outside = tree(dir_ / "elsewhere");
    ASSERT_FALSE(outside.empty());
    fs::remove(dir_ / "app/b.svc");
    ProcessResult r = svcc({"build", "app", "-o", "out"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("error[E0015]: `out/k8s/b` is a symbolic link"), std::string::npos) << r.err;
    EXPECT_EQ(tree(dir_ / "elsewhere"), outside);
    // --check does not read through it either.
    ProcessResult check = svcc({"build", "app", "-o", "out", "--check"});
    EXPECT_EQ(check.exit_code, 2);
    EXPECT_NE(check.err.find("[E0015]"), std::string::npos);
  }
}

TEST_F(OutputSafety, AnEmptyOutputDirectoryIsAUsageError) {
  for (std::vector<std::string> args : {std::vector<std::string>{"build", "app", "-o", ""},
                                        {"build", "app", "--check", "-o", ""},
                                        {"build", "app", "--output="}}) {
    ProcessResult r = svcc(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    if (args.back().empty()) {
      EXPECT_NE(r.err.find("the output directory must not be empty"), std::string::npos) << r.err;
    }
    EXPECT_EQ(r.out, "");  // not `--stdout`
    EXPECT_FALSE(fs::exists(dir_ / ".svcc-manifest.json"));
  }
}

// A real kill part-way through a file-by-file build, then fake leftovers beside look-alikes
// that the naming scheme does not prove to be svcc's.
TEST_F(OutputSafety, ALaterBuildRemovesTheLeftoversOfKilledBuilds) {
  setenv("SVCC_TEST_NO_SWAP", "1", 1);
  ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
  write("app/a.svc", "service a {\n  image = \"nginx:1.28\"\n  user = 101\n  port http = 8080\n}\n");
  setenv("SVCC_TEST_KILL_AFTER", "2", 1);
  EXPECT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, -1);
  unsetenv("SVCC_TEST_KILL_AFTER");
  size_t left = 0;
  for (const auto& [path, bytes] : tree(dir_ / "out", false)) left += path.find(".svcc-") != std::string::npos;
  ASSERT_GT(left, 0u) << "the kill left nothing to clean";

  write("out/k8s/a/.service.yaml.svcc-4242-tmp", "staged");
  write("out/k8s/.kustomization.yaml.svcc-17-old", "backup");
  const std::vector<std::string> kept = {"out/k8s/.x.svcc-12a-tmp", "out/k8s/x.svcc-1-tmp", "out/k8s/.x.svcc-1-tmpx",
                                         "out/.svcc-1-tmp", "out/notes.svcc-3-old.txt"};
  for (const std::string& path : kept) write(path, "the user's");
  fs::create_directories(dir_ / "out/k8s/.d.svcc-5-tmp");
  fs::create_directories(dir_ / "elsewhere");
  write("elsewhere/.f.svcc-6-tmp", "outside DIR");
  fs::create_directory_symlink("../elsewhere", dir_ / "out/mine");
  fs::create_symlink("../elsewhere/.f.svcc-6-tmp", dir_ / "out/.l.svcc-7-tmp");

  ProcessResult r = svcc({"build", "app", "-o", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> remaining;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "out")) {
    std::string rel = e.path().lexically_relative(dir_).generic_string();
    if (rel.find(".svcc-") != std::string::npos && rel != "out/.svcc-manifest.json" && rel != "out/.svcc-lock") {
      remaining.push_back(rel);
    }
  }
  std::sort(remaining.begin(), remaining.end());
  std::vector<std::string> expected = kept;
  expected.insert(expected.end(), {"out/k8s/.d.svcc-5-tmp", "out/.l.svcc-7-tmp"});
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(remaining, expected);
  EXPECT_EQ(slurp(dir_ / "elsewhere/.f.svcc-6-tmp"), "outside DIR");
}

// Two real processes: the first holds DIR (SVCC_TEST_HOLD_LOCK stops it right after it
// took the lock), the second is started then and must wait; when the first goes on, both
// finish and DIR is exactly the second's output, not a mix.
TEST_F(OutputSafety, TwoConcurrentBuildsIntoOneDirRunOneAfterTheOther) {
  write("other/c.svc", "service c {\n  image = \"nginx:1.27\"\n  user = 101\n  port http = 8080\n}\n");
  fs::path held = dir_ / "held";
  setenv("SVCC_TEST_HOLD_LOCK", held.c_str(), 1);
  ProcessResult first, second;
  std::thread a([&] { first = svcc({"build", "app", "-o", "out"}); });
  for (int i = 0; i < 3000 && !fs::exists(held); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  unsetenv("SVCC_TEST_HOLD_LOCK");
  ASSERT_TRUE(fs::exists(held)) << "the first build never took the lock";
  std::thread b([&] { second = svcc({"build", "other", "-o", "out"}); });
  // Let the first one go on once the second is blocked on DIR's lock: /proc/locks lists
  // a waiter ("->") on the lock file's inode.
  std::string inode = ":" +
                      std::to_string(fs::status(dir_ / "out/.svcc-lock").type() == fs::file_type::regular
                                         ? static_cast<unsigned long>(inodeOf(dir_ / "out/.svcc-lock"))
                                         : 0ul) +
                      " ";
  bool waited = false;
  for (int i = 0; i < 3000 && !waited; ++i) {
    std::string locks = slurp("/proc/locks");
    for (size_t at = locks.find("->"); at != std::string::npos && !waited; at = locks.find("->", at + 2)) {
      waited = locks.substr(at, locks.find('\n', at) - at).find(inode) != std::string::npos;
    }
    if (!waited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(waited) << "the second build never waited for the lock";
  fs::remove(held);
  a.join();
  b.join();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("waiting for another svcc build to finish writing out"), std::string::npos) << second.err;
  ASSERT_EQ(svcc({"build", "other", "-o", "alone"}).exit_code, 0);
  EXPECT_EQ(tree(dir_ / "out"), tree(dir_ / "alone"));
  EXPECT_TRUE(fs::is_regular_file(dir_ / "out/.svcc-lock"));
}

}  // namespace
}  // namespace svcc::test
