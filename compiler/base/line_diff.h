// Phase: base (used by `svcc build --check`).
// Takes two texts; hands out a unified diff of their lines (`@@ -a,b +c,d @@` hunks with
// three lines of context), capped so that a huge change stays readable.
#pragma once

#include <string>
#include <string_view>

namespace svcc {

struct DiffLimits {
  size_t max_lines = 60;               // diff lines shown; the rest is counted
  size_t max_cells = size_t{4} << 20;  // LCS table size above which only a summary is given
};

// Empty when the texts are equal. Headers are `--- old_name` and `+++ new_name`.
std::string unifiedDiff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                        std::string_view new_name, const DiffLimits& limits = {});

}  // namespace svcc
