// Phase: base (shared by every phase).
// Takes UTF-8 bytes or code points; hands out sequence lengths, counts and encodings,
// with the strict validity rules of Unicode (no overlongs, surrogates or > U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace svcc {

// The length of the valid UTF-8 sequence starting at bytes[i], or 0 if there is none.
size_t utf8SequenceLength(std::string_view bytes, size_t i);

// Number of code points in `bytes`; a byte that starts no valid sequence counts as one.
uint32_t codePointCount(std::string_view bytes);

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF).
void appendUtf8(std::string& out, uint32_t cp);

}  // namespace svcc
