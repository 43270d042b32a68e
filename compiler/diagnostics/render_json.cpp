#include <nlohmann/json.hpp>

#include "diagnostics/render.h"

namespace svcc {

namespace {

using Json = nlohmann::ordered_json;

// Bumped whenever a field changes meaning or disappears; adding fields keeps it.
constexpr int kJsonVersion = 1;

Json position(const SourceManager& sources, FileId file, uint32_t offset) {
  Location loc = sources.file(file).locate(offset);
  return Json{{"line", loc.line}, {"column", loc.column}, {"utf16_column", loc.utf16_column}, {"offset", loc.offset}};
}

// A span as {file, start, end}; null when the diagnostic is not about a place in a file.
Json range(const SourceManager& sources, const Span& span) {
  if (!span.valid()) return Json{{"file", nullptr}, {"start", nullptr}, {"end", nullptr}};
  return Json{{"file", sources.file(span.file).path},
              {"start", position(sources, span.file, span.begin)},
              {"end", position(sources, span.file, std::max(span.begin, span.end))}};
}

Json label(const SourceManager& sources, const Label& l) {
  Json j = range(sources, l.span);
  j["label"] = l.text;
  return j;
}

Json diagnostic(const SourceManager& sources, const Diagnostic& d) {
  Json secondary = Json::array();
  for (const Label& l : d.secondary) secondary.push_back(label(sources, l));
  Json fixes = Json::array();
  for (const FixIt& f : d.fixes) {
    Json j = range(sources, f.span);
    j["replacement"] = f.replacement;
    j["description"] = f.description;
    fixes.push_back(std::move(j));
  }
  return Json{{"code", codeInfo(d.code).id},
              {"severity", severityName(d.severity)},
              {"message", d.message},
              {"primary", label(sources, d.primary)},
              {"secondary", std::move(secondary)},
              {"notes", d.notes},
              {"help", d.help ? Json(*d.help) : Json(nullptr)},
              {"fixes", std::move(fixes)}};
}

}  // namespace

std::string renderJson(const Diagnostics& diags, const SourceManager& sources) {
  Json list = Json::array();
  for (const Diagnostic& d : diags.all()) list.push_back(diagnostic(sources, d));
  Json doc{{"version", kJsonVersion},
           {"diagnostics", std::move(list)},
           {"summary", {{"errors", diags.errorCount()}, {"warnings", diags.warningCount()}}}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace svcc
