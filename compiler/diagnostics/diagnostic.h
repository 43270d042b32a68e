// Phase: diagnostics.
// The Diagnostic record every phase produces, and the sink that collects them.
// Phases never print and never throw on bad input: they report here and carry on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "diagnostics/codes.h"

namespace svcc {

struct Label {
  Span span;
  std::string text;  // may be empty: then only the carets are drawn
};

// A suggested edit: replace `span` with `replacement` (empty span = insertion).
struct FixIt {
  Span span;
  std::string replacement;
  std::string description;  // "replace with `payments`"
};

struct Diagnostic {
  Code code;
  Severity severity;
  std::string message;  // lower-case start, names things in backticks, no final period
  Label primary;
  std::vector<Label> secondary;
  std::vector<std::string> notes;
  std::optional<std::string> help;
  std::vector<FixIt> fixes;

  // Chainable setters, so a report reads as one statement:
  //   diags.report(Code::E0201, span, "unknown service `x`").label("not declared").help("…");
  Diagnostic& label(std::string text) {
    primary.text = std::move(text);
    return *this;
  }
  Diagnostic& secondaryLabel(Span span, std::string text) {
    secondary.push_back({span, std::move(text)});
    return *this;
  }
  Diagnostic& note(std::string text) {
    notes.push_back(std::move(text));
    return *this;
  }
  Diagnostic& withHelp(std::string text) {
    help = std::move(text);
    return *this;
  }
  Diagnostic& fix(Span span, std::string replacement, std::string description) {
    fixes.push_back({span, std::move(replacement), std::move(description)});
    return *this;
  }
};

// The message with its notes and help appended (`\nnote: …`, `\nhelp: …`), for formats
// that carry one text per diagnostic (SARIF, the language server).
std::string fullMessage(const Diagnostic& d);

class Diagnostics {
 public:
  // Adds a diagnostic with the code's default severity. The returned reference is
  // valid until the next report.
  Diagnostic& report(Code code, Span span, std::string message);

  const std::vector<Diagnostic>& all() const { return diags_; }
  size_t errorCount() const;
  size_t warningCount() const;
  bool hasErrors() const { return errorCount() > 0; }

  // Orders diagnostics by file, then position, then code, so output does not depend on
  // the order in which phases happened to find them. Stable for equal keys.
  void sort(const SourceManager& sources);
  // Drops exact duplicates (same code, span and message), keeping the first.
  void dedupe();

  // Drops the diagnostics `drop` says yes to (`svcc lint --allow CODE`).
  template <class Pred>
  void removeIf(Pred drop) {
    std::erase_if(diags_, drop);
  }
  // Makes every warning an error (`svcc lint --Werror`).
  void warningsToErrors();

  void append(const Diagnostics& other);
  void clear() { diags_.clear(); }

 private:
  std::vector<Diagnostic> diags_;
};

}  // namespace svcc
