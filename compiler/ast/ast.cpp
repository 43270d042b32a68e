#include "ast/ast.h"

namespace svcc::ast {

Span pathSpan(const Path& path) {
  if (path.empty()) return {};
  return path.front().span.to(path.back().span);
}

std::string pathText(const Path& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i) out += '.';
    out += path[i].text;
  }
  return out;
}

}  // namespace svcc::ast
