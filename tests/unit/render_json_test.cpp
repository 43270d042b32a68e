#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diagnostics/render.h"

namespace svcc {
namespace {

using nlohmann::json;

TEST(RenderJson, EmptyDocumentHasVersionAndSummary) {
  SourceManager sm;
  Diagnostics diags;
  json doc = json::parse(renderJson(diags, sm));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_TRUE(doc["diagnostics"].empty());
  EXPECT_EQ(doc["summary"], (json{{"errors", 0}, {"warnings", 0}}));
}

TEST(RenderJson, PositionsHaveLinesBytesAndUtf16Columns) {
  SourceManager sm;
  FileId f = sm.add("a.svc", "x\n\"é😀\" bad\n");
  FileId g = sm.add("lib/b.svc", "y\n");
  uint32_t bad = static_cast<uint32_t>(sm.file(f).text.find("bad"));
  Diagnostics diags;
  diags.report(Code::E0002, {f, bad, bad + 3}, "expected a value, found `bad`")
      .label("here")
      .secondaryLabel({g, 0, 1}, "declared here")
      .note("a note")
      .withHelp("a help")
      .fix({f, bad, bad + 3}, "good", "replace with `good`");
  json d = json::parse(renderJson(diags, sm))["diagnostics"][0];
  EXPECT_EQ(d["code"], "E0002");
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["message"], "expected a value, found `bad`");
  // `"é😀" ` is 1 + 2 + 4 + 1 + 1 = 9 bytes and 1 + 1 + 2 + 1 + 1 = 6 UTF-16 units.
  EXPECT_EQ(d["primary"], (json{{"file", "a.svc"},
                                {"start", {{"line", 2}, {"column", 10}, {"utf16_column", 7}, {"offset", 11}}},
                                {"end", {{"line", 2}, {"column", 13}, {"utf16_column", 10}, {"offset", 14}}},
                                {"label", "here"}}));
  EXPECT_EQ(d["secondary"][0]["file"], "lib/b.svc");
  EXPECT_EQ(d["secondary"][0]["label"], "declared here");
  EXPECT_EQ(d["notes"], json::array({"a note"}));
  EXPECT_EQ(d["help"], "a help");
  EXPECT_EQ(d["fixes"][0]["replacement"], "good");
  EXPECT_EQ(d["fixes"][0]["start"]["offset"], 11);
  EXPECT_EQ(d["fixes"][0]["description"], "replace with `good`");
}

TEST(RenderJson, SpanlessDiagnosticsHaveNullPositionsAndHelp) {
  SourceManager sm;
  Diagnostics diags;
  diags.report(Code::E0006, Span{}, "no input");
  json d = json::parse(renderJson(diags, sm))["diagnostics"][0];
  EXPECT_TRUE(d["primary"]["file"].is_null());
  EXPECT_TRUE(d["primary"]["start"].is_null());
  EXPECT_TRUE(d["help"].is_null());
  EXPECT_EQ(json::parse(renderJson(diags, sm))["summary"]["errors"], 1);
}

TEST(RenderJson, SpanAtEndOfFileAndInvalidUtf8DoNotBreakTheDocument) {
  SourceManager sm;
  FileId f = sm.add("a\xff.svc", "ab\n");
  Diagnostics diags;
  diags.report(Code::E0002, {f, 3, 3}, "bad byte \xff here");
  json d = json::parse(renderJson(diags, sm))["diagnostics"][0];
  EXPECT_EQ(d["primary"]["start"], (json{{"line", 2}, {"column", 1}, {"utf16_column", 1}, {"offset", 3}}));
  EXPECT_EQ(d["message"], "bad byte \xEF\xBF\xBD here");
}

TEST(RenderJson, KeysComeInTheDocumentedOrder) {
  SourceManager sm;
  Diagnostics diags;
  diags.report(Code::E0006, Span{}, "m");
  std::string text = renderJson(diags, sm);
  std::vector<std::string> keys = {"\"code\"",  "\"severity\"", "\"message\"", "\"primary\"", "\"secondary\"",
                                   "\"notes\"", "\"help\"",     "\"fixes\"",   "\"summary\""};
  size_t last = 0;
  for (const std::string& key : keys) {
    size_t pos = text.find(key);
    ASSERT_NE(pos, std::string::npos) << key;
    EXPECT_GT(pos, last) << key;
    last = pos;
  }
}

}  // namespace
}  // namespace svcc
