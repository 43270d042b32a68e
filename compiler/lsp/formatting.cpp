#include "format/format.h"
#include "lsp/features.h"
#include "parse/parse.h"

namespace svcc::lsp {

Json formatting(const Document& doc) {
  SourceManager sources;
  Diagnostics diags;
  const SourceFile& file = sources.file(sources.add(doc.uri, doc.text));
  ast::File tree = parseFile(file, diags);
  for (const Diagnostic& d : diags.all()) {
    if (d.severity != Severity::Error) continue;
    Location at = file.locate(d.primary.span.begin);
    throw RequestError(ErrorCode::RequestFailed, "cannot format a document with syntax errors: line " +
                                                     std::to_string(at.line) + ": " + d.message);
  }
  std::string formatted = formatFile(tree, file);
  if (formatted == doc.text) return Json::array();
  return Json::array({{{"range", range(file, 0, static_cast<uint32_t>(doc.text.size()))}, {"newText", formatted}}});
}

}  // namespace svcc::lsp
