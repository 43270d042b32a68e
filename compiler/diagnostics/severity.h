// Phase: diagnostics.
// The severity levels a diagnostic can have.
#pragma once

namespace svcc {

enum class Severity { Error, Warning, Note };

const char* severityName(Severity s);  // "error", "warning", "note"

}  // namespace svcc
