// Phase: sema (a side table filled while checking, read by lint/).
// Which of the app's lets some expression read and which templates some service applied
// (directly or through another template), so that lint can report the others without
// resolving names again. The pointers are into the Program that was checked.
#pragma once

#include <unordered_set>

namespace svcc::ast {
struct Let;
struct Template;
}  // namespace svcc::ast

namespace svcc::sema {

struct Usage {
  std::unordered_set<const ast::Let*> lets;
  std::unordered_set<const ast::Template*> templates;
};

}  // namespace svcc::sema
