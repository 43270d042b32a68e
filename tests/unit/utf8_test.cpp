#include <gtest/gtest.h>

#include "base/utf8.h"

namespace svcc {
namespace {

TEST(Utf8, SequenceLengthsFollowUnicodeValidity) {
  EXPECT_EQ(utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(utf8SequenceLength("é", 0), 2u);
  EXPECT_EQ(utf8SequenceLength("日", 0), 3u);
  EXPECT_EQ(utf8SequenceLength("\xF0\x9F\x98\x80", 0), 4u);
  EXPECT_EQ(utf8SequenceLength("\xC0\x80", 0), 0u);          // overlong
  EXPECT_EQ(utf8SequenceLength("\xE0\x80\x80", 0), 0u);      // overlong
  EXPECT_EQ(utf8SequenceLength("\xED\xA0\x80", 0), 0u);      // surrogate
  EXPECT_EQ(utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(utf8SequenceLength("\xE6\x97", 0), 0u);          // truncated
  EXPECT_EQ(utf8SequenceLength("\x80", 0), 0u);              // lone continuation
}

TEST(Utf8, CountsCodePointsAndInvalidBytes) {
  EXPECT_EQ(codePointCount(""), 0u);
  EXPECT_EQ(codePointCount("héllo"), 5u);
  EXPECT_EQ(codePointCount("a\xff\xfe"
                           "b"),
            4u);
}

TEST(Utf8, EncodesEveryLength) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x65E5u, 0x1F600u}) appendUtf8(out, cp);
  EXPECT_EQ(out, "Aé日\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace svcc
