// Phase: base (used by the driver's output manifest).
// Takes bytes; hands out their SHA-256 (FIPS 180-4) as 64 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace svcc {

std::string sha256Hex(std::string_view bytes);

}  // namespace svcc
