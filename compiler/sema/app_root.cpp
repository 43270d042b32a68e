#include "sema/app_root.h"

#include <algorithm>

#include "base/fs.h"

namespace svcc::sema {

namespace fs = std::filesystem;

namespace {

// `dir` and `path` absolute and normal: is `path` `dir` or below it (whole components)?
bool below(const fs::path& dir, const fs::path& path) {
  auto d = dir.begin(), p = path.begin();
  for (; d != dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // the empty last element of a path ending in '/'
    if (p == path.end() || *d != *p) return false;
  }
  return true;
}

fs::path real(const fs::path& absolute) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  return ec ? absolute : resolved.lexically_normal();
}

}  // namespace

AppRoot::AppRoot(const std::vector<fs::path>& input_files) {
  if (input_files.empty()) return;
  any_ = false;
  lexical_ = commonDirectory(input_files);
  real_ = real(lexical_);
  shown_ = displayPath(lexical_);
}

bool AppRoot::holds(const fs::path& path) const {
  if (any_) return true;
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  return below(lexical_, absolute) && below(real_, real(absolute));
}

}  // namespace svcc::sema
