#include "diagnostics/codes.h"

#include <cctype>
#include <string>

namespace svcc {

namespace {

const CodeInfo kCodes[] = {
#define SVCC_DIAG(code, severity, slug, summary, explanation) \
  {Code::code, #code, Severity::severity, #slug, summary, explanation},
#include "diagnostics/codes.def"
#undef SVCC_DIAG
};

}  // namespace

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

const CodeInfo& codeInfo(Code code) { return kCodes[static_cast<size_t>(code)]; }

std::span<const CodeInfo> allCodes() { return kCodes; }

std::optional<Code> findCode(std::string_view id) {
  std::string upper(id);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const CodeInfo& info : kCodes) {
    if (info.id == upper) return info.code;
  }
  return std::nullopt;
}

}  // namespace svcc
