// Phase: diagnostics (text renderer).
// Takes one source line's bytes; hands out what a terminal should show for it and the
// display column of every byte, so carets line up under multi-byte characters and tabs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace svcc {

inline constexpr uint32_t kTabWidth = 4;

struct DisplayLine {
  // Valid UTF-8 without control characters: tabs become kTabWidth spaces, other control
  // characters their Unicode control picture (NUL shows as U+2400), bytes that are not
  // UTF-8 become U+FFFD. Every code point is taken to be one column wide.
  std::string text;
  // columns[i]: 0-based display column where byte i starts; columns[size] = line width.
  std::vector<uint32_t> columns;

  uint32_t columnAt(size_t byte) const { return columns[byte < columns.size() ? byte : columns.size() - 1]; }
  uint32_t width() const { return columns.back(); }
};

DisplayLine layoutLine(std::string_view bytes);

}  // namespace svcc
