// Tests: conformance input writers.
// Takes a path and bytes; writes the file, creating its directories; false on failure.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace svcc::testing {

inline bool writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out);
}

}  // namespace svcc::testing
