// Phase: emit (shared by every backend).
// Takes nothing; the type every backend hands out and only the driver writes to disk.
#pragma once

#include <map>
#include <string>

namespace svcc {

// Relative '/'-separated path → file bytes, sorted by path.
using OutputSet = std::map<std::string, std::string>;

}  // namespace svcc
