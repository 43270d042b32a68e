// Phase: parse.
// Takes a source file's bytes; hands out the code points ANTLR lexes, after checking the
// input (size, UTF-8, NUL bytes), and the map from code-point indices back to bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/source.h"
#include "diagnostics/diagnostic.h"

namespace svcc::parse {

inline constexpr size_t kMaxFileBytes = 16u << 20;
// Brackets nested deeper than this are refused (E0005) before a recursive parser runs.
inline constexpr size_t kMaxNesting = 64;

class SourceText {
 public:
  // Reports E0002, E0003 or E0004 and returns false when the file cannot be lexed.
  bool decode(const SourceFile& file, Diagnostics& diags);

  size_t size() const { return size_; }
  // Hands the code points over to the lexer's input stream (once).
  std::u32string takeCodePoints() { return std::move(cps_); }
  // Byte offset of code point `index`; `index == size` maps to the end of the file.
  uint32_t byteOffset(size_t index) const {
    if (byte_of_.empty()) return static_cast<uint32_t>(index);
    return byte_of_[index < byte_of_.size() ? index : byte_of_.size() - 1];
  }

 private:
  std::u32string cps_;
  size_t size_ = 0;
  std::vector<uint32_t> byte_of_;  // empty for ASCII files: offsets are indices
};

}  // namespace svcc::parse
