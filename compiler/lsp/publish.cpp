#include "lsp/publish.h"

namespace svcc::lsp {

namespace {

// LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information.
int lspSeverity(Severity s) {
  switch (s) {
    case Severity::Error:
      return 1;
    case Severity::Warning:
      return 2;
    case Severity::Note:
      return 3;
  }
  return 1;
}

Json toLsp(const Analysis& a, const Diagnostic& d) {
  const Json at_start = Json{{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
  Json related = Json::array();
  for (const Label& l : d.secondary) {
    if (!l.span.valid() || a.uris[l.span.file].empty()) continue;
    related.push_back(
        {{"location", {{"uri", a.uris[l.span.file]}, {"range", range(a.c.sources, l.span)}}}, {"message", l.text}});
  }
  Json out{{"range", d.primary.span.valid() ? range(a.c.sources, d.primary.span) : at_start},
           {"severity", lspSeverity(d.severity)},
           {"code", codeInfo(d.code).id},
           {"source", "svcc"},
           {"message", fullMessage(d)}};
  if (!related.empty()) out["relatedInformation"] = std::move(related);
  return out;
}

}  // namespace

std::map<std::string, Json> diagnosticsByUri(const Analysis& a, const std::string& fallback_uri) {
  std::map<std::string, Json> out;
  for (const Diagnostic& d : a.c.diags.all()) {
    const Span& span = d.primary.span;
    std::string uri = span.valid() ? a.uris[span.file] : fallback_uri;
    if (uri.empty()) continue;
    Json& list = out[uri];
    if (list.is_null()) list = Json::array();
    list.push_back(toLsp(a, d));
  }
  return out;
}

}  // namespace svcc::lsp
