// SHA-256 against the FIPS 180-4 / NIST test vectors (block boundaries included) and
// the line diff of `svcc build --check`.
#include <gtest/gtest.h>

#include "base/line_diff.h"
#include "base/sha256.h"

namespace svcc {
namespace {

TEST(Sha256, NistVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                      "mnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, LengthsAroundThePaddingBoundary) {
  // 55 bytes fit the length into the same block, 56 need a second one, 64 is a whole block.
  EXPECT_EQ(sha256Hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256Hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(sha256Hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(LineDiff, EqualTextsGiveNothing) { EXPECT_EQ(unifiedDiff("a\nb\n", "a\nb\n", "x", "y"), ""); }

TEST(LineDiff, OneChangedLineWithContext) {
  std::string old_text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string new_text = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(unifiedDiff(old_text, new_text, "a", "b"),
            "--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(LineDiff, SeparateHunksAndInsertions) {
  std::string old_text, new_text;
  for (int i = 1; i <= 20; ++i) old_text += std::to_string(i) + "\n";
  new_text = "0\n" + old_text.substr(0, old_text.find("15\n")) + old_text.substr(old_text.find("16\n"));
  EXPECT_EQ(unifiedDiff(old_text, new_text, "a", "b"),
            "--- a\n+++ b\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -12,7 +13,6 @@\n 12\n 13\n 14\n-15\n 16\n 17\n 18\n");
}

TEST(LineDiff, MissingFinalNewlineIsShown) {
  EXPECT_EQ(unifiedDiff("a\n", "a\nb", "x", "y"),
            "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n");
}

TEST(LineDiff, LargeChangesAreCapped) {
  std::string old_text, new_text;
  for (int i = 0; i < 200; ++i) {
    old_text += "old " + std::to_string(i) + "\n";
    new_text += "new " + std::to_string(i) + "\n";
  }
  std::string shown = unifiedDiff(old_text, new_text, "a", "b", DiffLimits{10, size_t{4} << 20});
  EXPECT_NE(shown.find("(390 more diff lines not shown)"), std::string::npos) << shown;
  EXPECT_EQ(unifiedDiff(old_text, new_text, "a", "b", DiffLimits{10, 100}),
            "--- a\n+++ b\n(200 lines replaced by 200 lines: too large to show)\n");
}

}  // namespace
}  // namespace svcc
