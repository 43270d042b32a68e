// Phase: diagnostics.
// The registry of diagnostic codes, generated from codes.def: lookup by enum or by name.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "diagnostics/severity.h"

namespace svcc {

enum class Code : unsigned short {
#define SVCC_DIAG(code, severity, slug, summary, explanation) code,
#include "diagnostics/codes.def"
#undef SVCC_DIAG
};

struct CodeInfo {
  Code code;
  std::string_view id;           // "E0101"
  Severity severity;             // default severity
  std::string_view slug;         // "unterminated_string" (SARIF rule name)
  std::string_view summary;      // one line
  std::string_view explanation;  // long form for `svcc explain`
};

const CodeInfo& codeInfo(Code code);
std::span<const CodeInfo> allCodes();
std::optional<Code> findCode(std::string_view id);  // accepts "E0101" or "e0101"

}  // namespace svcc
