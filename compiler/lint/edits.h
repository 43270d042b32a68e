// Phase: lint.
// Takes a source file and a span; hands out the spans and texts of mechanical edits for
// fix-its: deleting a declaration with its line, inserting a statement before another.
#pragma once

#include <string>

#include "base/source.h"

namespace svcc::lint {

// `span` widened to its whole lines (indentation, a trailing `//` comment and the line
// break included) when nothing else stands on them; else `span` itself.
Span lineDeletion(const SourceFile& file, Span span);
// The text that puts `stmt` on a line of its own just before the statement at `at`,
// indented like it: "replicas = 2\n  ".
std::string lineBefore(const SourceFile& file, Span at, const std::string& stmt);

}  // namespace svcc::lint
