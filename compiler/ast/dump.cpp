// Placeholder until the parser lands: the parse helper replaces this file.
#include "ast/dump.h"

namespace svcc::ast {

std::string dump(const File& file, const SourceManager& sources, DumpFormat) {
  return "(file " + sources.file(file.file).path + ")\n";
}

}  // namespace svcc::ast
