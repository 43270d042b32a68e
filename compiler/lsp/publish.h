// Phase: lsp (diagnostics).
// Takes an Analysis; hands out `textDocument/publishDiagnostics` payloads: per URI the
// diagnostics `svcc lint` reports for that file, as LSP Diagnostic objects.
#pragma once

#include <map>
#include <string>

#include "lsp/analysis.h"
#include "lsp/positions.h"

namespace svcc::lsp {

// The LSP form of every diagnostic, grouped by the URI of its primary span's file;
// diagnostics about no place (an unknown profile) go to `fallback_uri` at 0:0.
std::map<std::string, Json> diagnosticsByUri(const Analysis& a, const std::string& fallback_uri);

}  // namespace svcc::lsp
