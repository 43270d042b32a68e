// `svcc build -o DIR` on disk: nothing written on errors, previous output intact after a
// failure part-way, files replaced in place, nothing else deleted, --stdout and --emit ir.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>

#include "app_dir_fixture.h"

namespace svcc::test {
namespace {

namespace fs = std::filesystem;

// Its tree() lists files only: these tests are about what is written, not directories.
class BuildWrite : public AppDir {
 protected:
  BuildWrite() : AppDir("svcc_build_write") {}
  std::map<std::string, std::string> tree(const fs::path& root) { return AppDir::tree(root, false); }
};

TEST_F(BuildWrite, WritesTheTreeAndSaysSo) {
  ProcessResult r = svcc({"build", "app", "-o", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto files = tree(dir_ / "out");
  EXPECT_TRUE(files.count("k8s/kustomization.yaml"));
  EXPECT_TRUE(files.count("k8s/a/deployment.yaml"));
  EXPECT_TRUE(files.count("k8s/b/service.yaml"));
  EXPECT_EQ(r.err, "wrote " + std::to_string(files.size()) + " files to out\n");
  EXPECT_EQ(svcc({"build", "app", "-o", "out", "--quiet"}).err, "");
}

TEST_F(BuildWrite, UnchangedFilesAreLeftAlone) {
  ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
  size_t total = tree(dir_ / "out").size();
  fs::path kept = dir_ / "out/k8s/b/deployment.yaml";
  auto old_time = fs::last_write_time(kept) - std::chrono::hours(24);
  fs::last_write_time(kept, old_time);
  ProcessResult again = svcc({"build", "app", "-o", "out"});
  EXPECT_EQ(again.err, "wrote 0 files to out, " + std::to_string(total) + " unchanged\n");
  EXPECT_EQ(fs::last_write_time(kept), old_time);
  write("out/k8s/b/service.yaml", "edited by hand");
  ProcessResult repaired = svcc({"build", "app", "-o", "out"});
  // The hand edit is warned about (W0010, docs/gitops.md) before the summary.
  EXPECT_TRUE(repaired.err.ends_with("wrote 1 file to out, " + std::to_string(total - 1) + " unchanged\n"))
      << repaired.err;
  EXPECT_NE(slurp(dir_ / "out/k8s/b/service.yaml"), "edited by hand");
}

TEST_F(BuildWrite, ErrorsWriteNothing) {
  write("app/c.svc", "service c {\n  image = \"nginx:1.27\"\n  port http = 70000\n}\n");
  ProcessResult r = svcc({"build", "app", "-o", "out"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  // The diagnostics are exactly those of `svcc check`.
  EXPECT_EQ(r.err, svcc({"check", "app"}).err);
  EXPECT_EQ(r.out, "");
}

TEST_F(BuildWrite, ErrorsLeaveAnExistingOutputAlone) {
  ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
  auto before = tree(dir_ / "out");
  write("app/a.svc", "service a {\n  image = \"nginx:1.27\"\n  replicas = -1\n}\n");
  EXPECT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 1);
  EXPECT_EQ(tree(dir_ / "out"), before);
}

TEST_F(BuildWrite, FailurePartWayKeepsThePreviousOutputByteForByte) {
  ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
  write("app/a.svc", "service a {\n  image = \"nginx:1.27\"\n  user = 101\n  port http = 9090\n}\n");
  auto before = tree(dir_ / "out");
  // b's directory becomes a file: a's files are staged first, then b's cannot be.
  fs::remove_all(dir_ / "out/k8s/b");
  write("out/k8s/b", "in the way");
  for (auto it = before.begin(); it != before.end();) it = it->first.rfind("k8s/b/", 0) == 0 ? before.erase(it) : ++it;
  before["k8s/b"] = "in the way";
  ProcessResult r = svcc({"build", "app", "-o", "out"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error[E0510]: cannot write `out/k8s/b`"), std::string::npos) << r.err;
  EXPECT_EQ(tree(dir_ / "out"), before);  // no temporary file left either
}

TEST_F(BuildWrite, OtherFilesAreNeverDeleted) {
  fs::create_directories(dir_ / "out/k8s/a");
  write("out/README", "mine");
  write("out/k8s/a/extra.yaml", "mine too");
  ASSERT_EQ(svcc({"build", "app", "-o", "out"}).exit_code, 0);
  EXPECT_EQ(slurp(dir_ / "out/README"), "mine");
  EXPECT_EQ(slurp(dir_ / "out/k8s/a/extra.yaml"), "mine too");
}

TEST_F(BuildWrite, StdoutAndIrWriteNoFiles) {
  ProcessResult stream = svcc({"build", "app", "--stdout"});
  EXPECT_EQ(stream.exit_code, 0) << stream.err;
  EXPECT_NE(stream.out.find("kind: Deployment"), std::string::npos);
  EXPECT_NE(stream.out.find("\n---\n"), std::string::npos);
  EXPECT_EQ(stream.err, "");
  ProcessResult ir = svcc({"build", "app", "--emit", "ir"});
  EXPECT_EQ(ir.exit_code, 0) << ir.err;
  EXPECT_EQ(ir.out.rfind("{\n  \"svcc_ir_version\": 1,", 0), 0u);
  EXPECT_EQ(tree(dir_).size(), 2u);  // only the two sources
}

TEST_F(BuildWrite, OutputChoicesExcludeEachOther) {
  EXPECT_EQ(svcc({"build", "app"}).exit_code, 2);
  EXPECT_EQ(svcc({"build", "app", "--stdout", "-o", "out"}).exit_code, 2);
  EXPECT_EQ(svcc({"build", "app", "--stdout", "--emit", "ir"}).exit_code, 2);
  EXPECT_EQ(svcc({"build", "app", "--emit", "json"}).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
}  // namespace svcc::test
