#include "driver/output_leftovers.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace svcc {

bool isStagingLeftover(std::string_view name) {
  constexpr std::string_view kTag = ".svcc-";
  if (name.size() < 2 || name.front() != '.') return false;
  if (!name.ends_with("-tmp") && !name.ends_with("-old")) return false;
  std::string_view stem = name.substr(0, name.size() - 4);  // `.NAME.svcc-PID`
  size_t tag = stem.rfind(kTag);
  if (tag == std::string_view::npos || tag < 2) return false;  // NAME is not empty
  std::string_view pid = stem.substr(tag + kTag.size());
  if (pid.empty() || pid.size() > 10) return false;
  for (char c : pid) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {

// Takes over `fd` (a directory). Children are opened relative to it with O_NOFOLLOW, so a
// link anywhere below DIR is never entered, whatever it was when DIR was listed; one
// descriptor is open per level, not per directory seen.
size_t removeBelow(int fd) {
  size_t removed = 0;
  DIR* handle = ::fdopendir(fd);
  if (!handle) {
    ::close(fd);
    return 0;
  }
  std::vector<std::string> subdirectories;
  while (const dirent* e = ::readdir(handle)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      subdirectories.emplace_back(name);
    } else if (type == DT_REG && isStagingLeftover(name) && ::unlinkat(fd, e->d_name, 0) == 0) {
      ++removed;
    }
  }
  for (const std::string& name : subdirectories) {
    int child = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (child >= 0) removed += removeBelow(child);
  }
  ::closedir(handle);
  return removed;
}

}  // namespace

size_t removeStagingLeftovers(const std::filesystem::path& dir) {
  int top = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return top < 0 ? 0 : removeBelow(top);
}

}  // namespace svcc
