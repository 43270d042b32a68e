// Phase: diagnostics.
// Renderers: Diagnostics + SourceManager in, text for a terminal or JSON for tools.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"

namespace svcc {

struct TextStyle {
  bool color = false;  // ANSI colours; the driver decides (terminal or --color=always)
};

// rustc-style: header line, `--> file:line:col`, the source line with carets, secondary
// labels, `= note:` and `= help:` lines. Ends with a newline per diagnostic.
std::string renderText(const Diagnostic& d, const SourceManager& sources, const TextStyle& style);
// All diagnostics followed by a summary line ("error: 2 errors, 1 warning emitted").
std::string renderTextAll(const Diagnostics& diags, const SourceManager& sources, const TextStyle& style);

// The versioned JSON document of docs/diagnostics-json.md.
std::string renderJson(const Diagnostics& diags, const SourceManager& sources);

}  // namespace svcc
