// Tests: helpers shared by the parse_*_test.cpp files.
// Takes source text; hands out the AST, its dump and the diagnostics as one line each.
#pragma once

#include <string>

#include <fmt/format.h>

#include "ast/dump.h"
#include "parse/parse.h"

namespace svcc::testing {

struct Parsed {
  SourceManager sources;
  ast::File file;
  Diagnostics diags;

  std::string dump(ast::DumpFormat format = ast::DumpFormat::Text) const { return ast::dump(file, sources, format); }
  // One line per diagnostic: "E0110 3:5 message | label".
  std::string errors() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) {
      Location at = sources.locate(d.primary.span);
      out += fmt::format("{} {}:{} {} | {}\n", codeInfo(d.code).id, at.line, at.column, d.message, d.primary.text);
    }
    return out;
  }
};

inline Parsed parseText(std::string text, std::string path = "test.svc") {
  Parsed p;
  FileId id = p.sources.add(std::move(path), std::move(text));
  p.file = parseFile(p.sources.file(id), p.diags);
  return p;
}

}  // namespace svcc::testing
