// Phase: diagnostics.
// Renderers: Diagnostics + SourceManager in, text for a terminal or JSON for tools.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"

namespace svcc {

struct TextStyle {
  bool color = false;  // ANSI colours; the driver decides (terminal or --color=always)
};

// rustc-style: header line, `--> file:line:col`, the source lines with carets under the
// primary span and dashes under secondary ones (other files get a `::: file:line:col`
// header), `= note:` and `= help:` lines, then fix-it suggestions. Columns in the text
// form count code points; tabs are shown as four spaces. Ends with a newline.
std::string renderText(const Diagnostic& d, const SourceManager& sources, const TextStyle& style);
// The closing line: "error: found 2 errors and 1 warning", "warning: found 1 warning",
// or nothing when there is nothing to report.
std::string renderSummary(size_t errors, size_t warnings, const TextStyle& style);
// Every diagnostic, each followed by an empty line, then the summary.
std::string renderTextAll(const Diagnostics& diags, const SourceManager& sources, const TextStyle& style);

// The versioned JSON document of docs/diagnostics-json.md (pretty-printed, ends with a
// newline). Invalid UTF-8 in messages or file names is replaced, never thrown on.
std::string renderJson(const Diagnostics& diags, const SourceManager& sources);

// A SARIF 2.1.0 log (one run, the codes that occur as rules, UTF-16 columns) for code
// scanning services; see docs/diagnostics-json.md.
std::string renderSarif(const Diagnostics& diags, const SourceManager& sources);

}  // namespace svcc
