#include "diagnostics/diagnostic.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace svcc {

std::string fullMessage(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& note : d.notes) text += "\nnote: " + note;
  if (d.help) text += "\nhelp: " + *d.help;
  return text;
}

Diagnostic& Diagnostics::report(Code code, Span span, std::string message) {
  Diagnostic& d = diags_.emplace_back();
  d.code = code;
  d.severity = codeInfo(code).severity;
  d.message = std::move(message);
  d.primary.span = span;
  return d;
}

size_t Diagnostics::errorCount() const {
  return static_cast<size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

size_t Diagnostics::warningCount() const {
  return static_cast<size_t>(
      std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sort(const SourceManager& sources) {
  // Files are ordered by path, not by id: ids follow load order, which may follow the
  // command line, and output must not.
  auto key = [&](const Diagnostic& d) {
    const Span& s = d.primary.span;
    std::string_view path = s.valid() ? std::string_view(sources.file(s.file).path) : std::string_view();
    return std::make_tuple(s.valid() ? 1 : 0, path, s.begin, s.end, static_cast<int>(d.code));
  };
  std::stable_sort(diags_.begin(), diags_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

void Diagnostics::warningsToErrors() {
  for (Diagnostic& d : diags_) {
    if (d.severity == Severity::Warning) d.severity = Severity::Error;
  }
}

void Diagnostics::dedupe() {
  std::set<std::tuple<int, FileId, uint32_t, uint32_t, std::string>> seen;
  std::vector<Diagnostic> kept;
  kept.reserve(diags_.size());
  for (Diagnostic& d : diags_) {
    const Span& s = d.primary.span;
    if (seen.emplace(static_cast<int>(d.code), s.file, s.begin, s.end, d.message).second) {
      kept.push_back(std::move(d));
    }
  }
  diags_ = std::move(kept);
}

void Diagnostics::append(const Diagnostics& other) {
  diags_.insert(diags_.end(), other.diags_.begin(), other.diags_.end());
}

}  // namespace svcc
