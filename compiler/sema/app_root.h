// Phase: sema (imports and build contexts).
// Takes the paths of the input files; hands out the app's root folder (the deepest folder
// holding every input, as base's commonDirectory) and whether a path lies below it, both
// as written and with symbolic links resolved (docs/language.md#imports).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace svcc::sema {

class AppRoot {
 public:
  AppRoot() = default;  // no inputs: holds every path
  explicit AppRoot(const std::vector<std::filesystem::path>& input_files);

  // True when `path` (absolute, or relative to the working directory) is the root or
  // lies below it after `..` is applied, and also once every symbolic link on it is
  // followed: `app/x.svc -> /etc/x.svc` is outside.
  bool holds(const std::filesystem::path& path) const;
  // The root as diagnostics show it: relative to the working directory when below it.
  const std::string& shown() const { return shown_; }

 private:
  bool any_ = true;
  std::filesystem::path lexical_, real_;
  std::string shown_ = ".";
};

}  // namespace svcc::sema
