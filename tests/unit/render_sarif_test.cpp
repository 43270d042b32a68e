#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diagnostics/render.h"

namespace svcc {
namespace {

using nlohmann::json;

TEST(RenderSarif, OneRunAndNoRulesWhenNothingIsReported) {
  SourceManager sm;
  Diagnostics diags;
  json log = json::parse(renderSarif(diags, sm));
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "svcc");
  EXPECT_TRUE(run["tool"]["driver"]["rules"].empty());
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  EXPECT_TRUE(run["results"].empty());
}

TEST(RenderSarif, ResultsCarryRegionsInUtf16AndRelatedLocations) {
  SourceManager sm;
  FileId f = sm.add("dir/a.svc", "x = \"😀\" bad\n");
  Diagnostics diags;
  diags.report(Code::E0002, {f, 11, 14}, "found `bad`").label("here").secondaryLabel({f, 0, 1}, "this").withHelp("h");
  diags.report(Code::E0006, Span{}, "no input");
  diags.report(Code::E0002, {f, 0, 1}, "again");
  json run = json::parse(renderSarif(diags, sm))["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "E0002");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["name"], "invalid_utf8");
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["id"], "E0006");
  json results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["ruleId"], "E0002");
  EXPECT_EQ(results[0]["ruleIndex"], 0);
  EXPECT_EQ(results[1]["ruleIndex"], 1);
  EXPECT_EQ(results[2]["ruleIndex"], 0);
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[0]["message"]["text"], "found `bad`\nhelp: h");
  const json& loc = results[0]["locations"][0];
  EXPECT_EQ(loc["physicalLocation"]["artifactLocation"]["uri"], "dir/a.svc");
  EXPECT_EQ(loc["physicalLocation"]["region"],
            (json{{"startLine", 1}, {"startColumn", 10}, {"endLine", 1}, {"endColumn", 13}}));
  EXPECT_EQ(loc["message"]["text"], "here");
  EXPECT_EQ(results[0]["relatedLocations"][0]["message"]["text"], "this");
  EXPECT_FALSE(results[1].contains("locations"));
  EXPECT_FALSE(results[2].contains("relatedLocations"));
}

TEST(RenderSarif, FixItsBecomeFixesAndUrisArePercentEncoded) {
  SourceManager sm;
  FileId f = sm.add("my app/a.svc", "let x = 1\nlet y = 2\n");
  Diagnostics diags;
  diags.report(Code::W1007, {f, 4, 5}, "let `x` is never used")
      .fix({f, 0, 10}, "", "delete let `x`")
      .fix({f, 10, 10}, "// kept\n", "insert");
  json result = json::parse(renderSarif(diags, sm))["runs"][0]["results"][0];
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "my%20app/a.svc");
  ASSERT_EQ(result["fixes"].size(), 2u);
  const json& deletion = result["fixes"][0];
  EXPECT_EQ(deletion["description"]["text"], "delete let `x`");
  const json& change = deletion["artifactChanges"][0];
  EXPECT_EQ(change["artifactLocation"]["uri"], "my%20app/a.svc");
  EXPECT_EQ(change["replacements"][0]["deletedRegion"],
            (json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 2}, {"endColumn", 1}}));
  EXPECT_EQ(change["replacements"][0]["insertedContent"]["text"], "");
  const json& insertion = result["fixes"][1]["artifactChanges"][0]["replacements"][0];
  EXPECT_EQ(insertion["deletedRegion"], (json{{"startLine", 2}, {"startColumn", 1}, {"endLine", 2}, {"endColumn", 1}}));
  EXPECT_EQ(insertion["insertedContent"]["text"], "// kept\n");
}

}  // namespace
}  // namespace svcc
