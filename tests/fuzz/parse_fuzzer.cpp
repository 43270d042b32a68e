// Fuzz target: any bytes through parseFile and the AST dump; clean inputs also through
// the formatter. Crashes, sanitizer reports, diagnostics outside the file, and a format
// that changes the tree or is not idempotent are failures.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ast/dump.h"
#include "format/format.h"
#include "parse/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  svcc::SourceManager sources;
  svcc::FileId id = sources.add("fuzz.svc", std::string(reinterpret_cast<const char*>(data), size));
  svcc::Diagnostics diags;
  svcc::ast::File file = svcc::parseFile(sources.file(id), diags);
  for (const svcc::Diagnostic& d : diags.all()) {
    const svcc::Span& s = d.primary.span;
    if (s.file != id || s.begin > s.end || s.end > size || d.message.empty()) __builtin_trap();
  }
  svcc::ast::dump(file, sources, svcc::ast::DumpFormat::Text);
  if (diags.hasErrors()) return 0;

  std::string formatted = svcc::formatFile(file, sources.file(id));
  svcc::FileId again = sources.add("fuzz.svc", formatted);
  svcc::ast::File reparsed = svcc::parseFile(sources.file(again), diags);
  if (diags.hasErrors()) __builtin_trap();
  if (svcc::ast::dump(reparsed, sources, svcc::ast::DumpFormat::Shape) !=
      svcc::ast::dump(file, sources, svcc::ast::DumpFormat::Shape))
    __builtin_trap();
  if (svcc::formatFile(reparsed, sources.file(again)) != formatted) __builtin_trap();
  return 0;
}
