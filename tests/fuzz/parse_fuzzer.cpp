// Fuzz target: any bytes through parseFile and the AST dump. Crashes, sanitizer
// reports and diagnostics outside the file are failures.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ast/dump.h"
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
  return 0;
}
