#include "base/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace svcc {

namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    size_t take = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, take));
    text.remove_prefix(take);
  }
  return lines;
}

enum class Op : char { Keep = ' ', Remove = '-', Add = '+' };

struct Edit {
  Op op;
  std::string_view line;
};

// Longest common subsequence of the middle part (common prefix and suffix already cut),
// walked back into an edit script; the table is capped by the caller.
void lcsEdits(const std::vector<std::string_view>& a, size_t a0, size_t a1, const std::vector<std::string_view>& b,
              size_t b0, size_t b1, std::vector<Edit>& out) {
  size_t n = a1 - a0, m = b1 - b0;
  std::vector<uint32_t> table((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return table[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[a0 + i] == b[b0 + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[a0 + i] == b[b0 + j]) {
      out.push_back({Op::Keep, a[a0 + i]});
      ++i;
      ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      out.push_back({Op::Remove, a[a0 + i++]});  // removals first, as diff(1) shows them
    } else {
      out.push_back({Op::Add, b[b0 + j++]});
    }
  }
}

std::string hunkHeader(size_t old_start, size_t old_count, size_t new_start, size_t new_count) {
  // An empty range is written with the line before it, as diff(1) does.
  auto range = [](size_t start, size_t count) {
    return std::to_string(count == 0 ? start - 1 : start) + "," + std::to_string(count);
  };
  return "@@ -" + range(old_start, old_count) + " +" + range(new_start, new_count) + " @@\n";
}

}  // namespace

std::string unifiedDiff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                        std::string_view new_name, const DiffLimits& limits) {
  if (old_text == new_text) return "";
  std::vector<std::string_view> a = splitLines(old_text), b = splitLines(new_text);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::string out = "--- " + std::string(old_name) + "\n+++ " + std::string(new_name) + "\n";
  size_t middle_a = a.size() - prefix - suffix, middle_b = b.size() - prefix - suffix;
  if ((middle_a + 1) * (middle_b + 1) > limits.max_cells) {
    return out + "(" + std::to_string(middle_a) + " lines replaced by " + std::to_string(middle_b) +
           " lines: too large to show)\n";
  }
  std::vector<Edit> edits;
  for (size_t i = 0; i < prefix; ++i) edits.push_back({Op::Keep, a[i]});
  lcsEdits(a, prefix, a.size() - suffix, b, prefix, b.size() - suffix, edits);
  for (size_t i = a.size() - suffix; i < a.size(); ++i) edits.push_back({Op::Keep, a[i]});

  constexpr size_t kContext = 3;
  size_t shown = 0, hidden = 0;
  size_t k = 0;
  size_t old_line = 1, new_line = 1;  // numbers of edits[k]'s lines
  while (k < edits.size()) {
    if (edits[k].op == Op::Keep) {
      ++old_line;
      ++new_line;
      ++k;
      continue;
    }
    // A hunk: back up over context, then run until kContext * 2 unchanged lines in a row.
    size_t back = 0;
    while (back < kContext && back < k && edits[k - back - 1].op == Op::Keep) ++back;
    size_t start = k - back, end = k, keeps = 0;
    while (end < edits.size() && keeps <= 2 * kContext) {
      keeps = edits[end].op == Op::Keep ? keeps + 1 : 0;
      ++end;
    }
    if (keeps > kContext) end -= keeps - kContext;
    size_t old_start = old_line - back, new_start = new_line - back, old_count = 0, new_count = 0;
    std::string body;
    for (size_t e = start; e < end; ++e) {
      old_count += edits[e].op != Op::Add;
      new_count += edits[e].op != Op::Remove;
      std::string_view line = edits[e].line;
      bool no_newline = line.empty() || line.back() != '\n';
      if (shown < limits.max_lines) {
        body += static_cast<char>(edits[e].op);
        body += line;
        if (no_newline) body += "\n\\ No newline at end of file\n";
        ++shown;
      } else {
        ++hidden;
      }
    }
    if (!body.empty()) out += hunkHeader(old_start, old_count, new_start, new_count) + body;
    for (size_t e = k; e < end; ++e) {
      old_line += edits[e].op != Op::Add;
      new_line += edits[e].op != Op::Remove;
    }
    k = end;
  }
  if (hidden > 0) out += "(" + std::to_string(hidden) + " more diff lines not shown)\n";
  return out;
}

}  // namespace svcc
