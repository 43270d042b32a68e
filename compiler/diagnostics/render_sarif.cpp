#include <cctype>
#include <nlohmann/json.hpp>

#include "diagnostics/render.h"

namespace svcc {

namespace {

using Json = nlohmann::ordered_json;

// SARIF's levels `error`, `warning` and `note` are our severity names.
const char* sarifLevel(Severity s) { return severityName(s); }

// An artifact's `uri`: the path as shown, percent-encoded where a URI reference needs it
// (a space, `%`, `#`, non-ASCII bytes).
std::string uriOf(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : path) {
    if (std::isalnum(ch) || ch == '/' || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += {'%', kHex[ch >> 4], kHex[ch & 15]};
    }
  }
  return out;
}

// SARIF regions are 1-based with an exclusive end column; columns count UTF-16 units,
// as the run's `columnKind` says.
Json region(const SourceFile& file, const Span& span) {
  Location begin = file.locate(span.begin);
  Location end = file.locate(std::max(span.begin, span.end));
  return {{"startLine", begin.line},
          {"startColumn", begin.utf16_column},
          {"endLine", end.line},
          {"endColumn", end.utf16_column}};
}

Json location(const SourceManager& sources, const Span& span, const std::string& text) {
  const SourceFile& file = sources.file(span.file);
  Json loc{{"physicalLocation", {{"artifactLocation", {{"uri", uriOf(file.path)}}}, {"region", region(file, span)}}}};
  if (!text.empty()) loc["message"] = {{"text", text}};
  return loc;
}

// A fix-it as a SARIF `fix`: one replacement of one region (empty for an insertion).
Json fix(const SourceManager& sources, const FixIt& f) {
  const SourceFile& file = sources.file(f.span.file);
  Json replacement{{"deletedRegion", region(file, f.span)}, {"insertedContent", {{"text", f.replacement}}}};
  return {{"description", {{"text", f.description}}},
          {"artifactChanges", Json::array({{{"artifactLocation", {{"uri", uriOf(file.path)}}},
                                            {"replacements", Json::array({std::move(replacement)})}}})}};
}

Json result(const SourceManager& sources, const Diagnostic& d, size_t rule_index) {
  Json r{{"ruleId", codeInfo(d.code).id},
         {"ruleIndex", rule_index},
         {"level", sarifLevel(d.severity)},
         {"message", {{"text", fullMessage(d)}}}};
  if (d.primary.span.valid()) r["locations"] = Json::array({location(sources, d.primary.span, d.primary.text)});
  Json related = Json::array();
  for (const Label& l : d.secondary) {
    if (l.span.valid()) related.push_back(location(sources, l.span, l.text));
  }
  if (!related.empty()) r["relatedLocations"] = std::move(related);
  Json fixes = Json::array();
  for (const FixIt& f : d.fixes) {
    if (f.span.valid()) fixes.push_back(fix(sources, f));
  }
  if (!fixes.empty()) r["fixes"] = std::move(fixes);
  return r;
}

}  // namespace

std::string renderSarif(const Diagnostics& diags, const SourceManager& sources) {
  // Only the codes that occur are listed as rules, in registry order, so that the log
  // does not change whenever a code is added to the registry.
  std::vector<bool> used(allCodes().size(), false);
  for (const Diagnostic& d : diags.all()) used[static_cast<size_t>(d.code)] = true;
  std::vector<size_t> rule_index(allCodes().size(), 0);
  Json rules = Json::array();
  for (const CodeInfo& info : allCodes()) {
    if (!used[static_cast<size_t>(info.code)]) continue;
    rule_index[static_cast<size_t>(info.code)] = rules.size();
    rules.push_back({{"id", info.id},
                     {"name", info.slug},
                     {"shortDescription", {{"text", info.summary}}},
                     {"fullDescription", {{"text", info.explanation}}},
                     {"defaultConfiguration", {{"level", sarifLevel(info.severity)}}}});
  }
  Json results = Json::array();
  for (const Diagnostic& d : diags.all())
    results.push_back(result(sources, d, rule_index[static_cast<size_t>(d.code)]));
  Json log{
      {"version", "2.1.0"},
      {"runs",
       Json::array({{{"tool", {{"driver", {{"name", "svcc"}, {"version", SVCC_VERSION}, {"rules", std::move(rules)}}}}},
                     {"columnKind", "utf16CodeUnits"},
                     {"results", std::move(results)}}})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace svcc
