#include "parse/parse.h"

#include "SvcLexer.h"
#include "SvcParser.h"

namespace svcc {

ast::File parseFile(const SourceFile& file, Diagnostics&) {
  antlr4::ANTLRInputStream input(file.text);
  svcc_gen::SvcLexer lexer(&input);
  antlr4::CommonTokenStream tokens(&lexer);
  svcc_gen::SvcParser parser(&tokens);
  parser.file();
  ast::File out;
  out.file = file.id;
  return out;
}

}  // namespace svcc
