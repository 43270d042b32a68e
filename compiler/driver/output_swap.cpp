#include "driver/output_swap.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "driver/output_io.h"

namespace svcc {

namespace fs = std::filesystem;

namespace {

// Beside DIR, in its parent (a rename cannot cross file systems): `.DIR.svcc-new-PID`.
// The same name holds the old tree once the two are exchanged.
constexpr char kAsideTag[] = ".svcc-new-";

fs::path asideName(const fs::path& dir) {
  return dir.parent_path() / ("." + dir.filename().string() + kAsideTag + std::to_string(::getpid()));
}

bool sameFile(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// DIR as an absolute, normal path without a trailing separator; empty for `/`.
fs::path absoluteDir(const fs::path& dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(dir, ec).lexically_normal();
  if (ec) return {};
  if (!abs.has_filename()) abs = abs.parent_path();
  return abs == abs.root_path() ? fs::path() : abs;
}

// True when the process's working directory is DIR or below it: swapping DIR would
// leave the shell that ran svcc in a directory that no longer has a name.
bool holdsWorkingDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  fs::path real = fs::weakly_canonical(dir, ec);
  if (ec) return true;
  auto [end, unused] = std::mismatch(real.begin(), real.end(), cwd.begin(), cwd.end());
  return end == real.end();
}

// Every path below `root`, relative to it, children before their directory.
std::vector<std::string> entriesDeepestFirst(const fs::path& root) {
  std::vector<std::string> entries;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    entries.push_back(it->path().lexically_relative(root).generic_string());
  }
  std::sort(entries.rbegin(), entries.rend());
  return entries;
}

class TreeSwap {
 public:
  TreeSwap(fs::path dir, std::string shown, const OutputFiles& files, const OutputPlan& plan,
           std::vector<OutputFailure>& failures)
      : dir_(std::move(dir)), aside_(asideName(dir_)), shown_(std::move(shown)), files_(files), plan_(plan),
        failures_(failures) {
    replaced_.insert(plan.added.begin(), plan.added.end());
    replaced_.insert(plan.changed.begin(), plan.changed.end());
    replaced_.insert(plan.removed.begin(), plan.removed.end());
  }

  SwapOutcome run() {
    struct stat dir_stat {}, parent_stat {};
    bool exists = ::lstat(dir_.c_str(), &dir_stat) == 0;
    if (exists && !S_ISDIR(dir_stat.st_mode)) return SwapOutcome::Unsupported;  // a symlink, or a file
    if (::stat(dir_.parent_path().c_str(), &parent_stat) != 0) return SwapOutcome::Unsupported;
    if (exists && dir_stat.st_dev != parent_stat.st_dev) return SwapOutcome::Unsupported;  // a mount point
    if (exists && holdsWorkingDirectory(dir_)) return SwapOutcome::Unsupported;

    clearLeftovers();
    if (::mkdir(aside_.c_str(), exists ? (dir_stat.st_mode & 07777) : 0755) != 0) return SwapOutcome::Unsupported;
    SwapOutcome built = exists ? linkUnchanged(dir_, "") : SwapOutcome::Swapped;
    if (built == SwapOutcome::Swapped) built = writeNew();
    if (built != SwapOutcome::Swapped) {
      removeTree(aside_);
      return built;
    }
    unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
    int error = faults_.next() ? EIO : ::renameat2(AT_FDCWD, aside_.c_str(), AT_FDCWD, dir_.c_str(), flags) == 0 ? 0 : errno;
    if (error) {
      removeTree(aside_);
      if (error == EINVAL || error == ENOSYS || error == EXDEV) return SwapOutcome::Unsupported;
      failures_.push_back({shown_, errnoReason(error)});
      return SwapOutcome::Failed;
    }
    if (exists) clearOldTree();
    return SwapOutcome::Swapped;
  }

 private:
  // Recreates `from`/`relative` below the aside directory: directories made, files and
  // symlinks linked (no copy, same inode, so the user's files and unchanged outputs are the
  // very same files), except the outputs this build replaces or removes.
  SwapOutcome linkUnchanged(const fs::path& from, const std::string& relative) {
    DIR* handle = ::opendir(from.c_str());
    if (!handle) return SwapOutcome::Unsupported;
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(handle)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(handle);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string rel = relative.empty() ? name : relative + "/" + name;
      fs::path source = from / name, target = aside_ / rel;
      struct stat st {};
      if (::lstat(source.c_str(), &st) != 0) return SwapOutcome::Unsupported;
      if (S_ISDIR(st.st_mode)) {
        if (replaced_.count(rel)) return SwapOutcome::Unsupported;  // `--force` over a directory
        if (::mkdir(target.c_str(), st.st_mode & 07777) != 0) return SwapOutcome::Unsupported;
        if (SwapOutcome inner = linkUnchanged(source, rel); inner != SwapOutcome::Swapped) return inner;
        continue;
      }
      if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) return SwapOutcome::Unsupported;
      if (replaced_.count(rel)) continue;
      if (faults_.next()) return fail(rel, EIO);
      if (::link(source.c_str(), target.c_str()) != 0) {
        return errno == ENOSPC || errno == EDQUOT ? fail(rel, errno) : SwapOutcome::Unsupported;
      }
    }
    return SwapOutcome::Swapped;
  }

  // The manifest first: whatever a killed run leaves aside is then listed in it, so the
  // next run knows those files for svcc's own (clearAside).
  SwapOutcome writeNew() {
    std::vector<std::string> dirty(plan_.added);
    dirty.insert(dirty.end(), plan_.changed.begin(), plan_.changed.end());
    std::sort(dirty.begin(), dirty.end());
    std::stable_partition(dirty.begin(), dirty.end(), [](const std::string& p) { return p == kManifestName; });
    for (const std::string& rel : dirty) {
      fs::path target = aside_ / rel;
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec) return fail(blockingParent(rel), ec.value());
      if (int error = faults_.next() ? EIO : writeWholeFile(target.c_str(), files_.at(rel))) return fail(rel, error);
    }
    // Directories that held only removed outputs go with them, as writeOutput does.
    for (const std::string& rel : plan_.removed) {
      for (fs::path p = fs::path(rel).parent_path(); !p.empty(); p = p.parent_path()) {
        if (::rmdir((aside_ / p).c_str()) != 0) break;
      }
    }
    return SwapOutcome::Swapped;
  }

  // The parent of `rel` that is in the way (a file where a directory must go), to name it.
  std::string blockingParent(const std::string& rel) const {
    std::error_code ec;
    for (fs::path p = fs::path(rel).parent_path(); !p.empty(); p = p.parent_path()) {
      if (fs::exists(fs::symlink_status(aside_ / p, ec)) && !fs::is_directory(fs::symlink_status(aside_ / p, ec))) {
        return p.generic_string();
      }
    }
    return rel;
  }

  SwapOutcome fail(const std::string& rel, int error) {
    failures_.push_back({shown_ + "/" + rel, errnoReason(error)});
    return SwapOutcome::Failed;
  }

  // After the exchange the aside directory holds the old tree: links to what DIR still
  // has, the outputs this build replaced or removed, and (only if something wrote into
  // DIR while svcc was building) files nobody told us about, which are moved into DIR.
  void clearOldTree() {
    for (const std::string& rel : entriesDeepestFirst(aside_)) {
      faults_.next();  // DIR is complete already: a kill here is what the tests look at
      fs::path old_path = aside_ / rel, new_path = dir_ / rel;
      struct stat old_stat {}, new_stat {};
      if (::lstat(old_path.c_str(), &old_stat) != 0) continue;
      if (S_ISDIR(old_stat.st_mode)) {
        ::rmdir(old_path.c_str());
        continue;
      }
      bool in_new = ::lstat(new_path.c_str(), &new_stat) == 0;
      if ((in_new && sameFile(old_stat, new_stat)) || replaced_.count(rel) || rel == kManifestName) {
        ::unlink(old_path.c_str());
      } else if (!in_new) {
        std::error_code mk;
        fs::create_directories(new_path.parent_path(), mk);
        std::rename(old_path.c_str(), new_path.c_str());
      }
    }
    ::rmdir(aside_.c_str());
  }

  // What a killed run left beside DIR: before its exchange, the new tree it was
  // building; after, the old tree it was clearing. Either way every file in it is a link
  // to a file DIR still has, or an output svcc wrote, listed in that tree's own manifest
  // (written first) or in DIR's; those go. Anything else stays, with its directory.
  void clearLeftovers() {
    std::string prefix = "." + dir_.filename().string() + kAsideTag;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir_.parent_path(), ec)) {
      std::string name = e.path().filename().string();
      if (name.rfind(prefix, 0) != 0 || !e.is_directory(ec) || e.is_symlink(ec)) continue;
      long pid = std::atol(name.c_str() + prefix.size());
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;  // a build still running
      clearAside(e.path());
    }
  }

  void clearAside(const fs::path& aside) {
    std::string error;
    std::map<std::string, std::string> ours = readManifest(aside, error);
    std::map<std::string, std::string> current = readManifest(dir_, error);
    for (const std::string& rel : entriesDeepestFirst(aside)) {
      fs::path path = aside / rel, in_dir = dir_ / rel;
      struct stat st {}, dir_st {};
      if (::lstat(path.c_str(), &st) != 0) continue;
      if (S_ISDIR(st.st_mode)) {
        ::rmdir(path.c_str());
      } else if ((::lstat(in_dir.c_str(), &dir_st) == 0 && sameFile(st, dir_st)) || ours.count(rel) ||
                 current.count(rel) || rel == kManifestName) {
        ::unlink(path.c_str());
      }
    }
    ::rmdir(aside.c_str());
  }

  void removeTree(const fs::path& root) {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  fs::path dir_, aside_;
  std::string shown_;
  const OutputFiles& files_;
  const OutputPlan& plan_;
  std::vector<OutputFailure>& failures_;
  std::set<std::string> replaced_;  // added, changed or removed by this build
  TestFaults faults_;
};

}  // namespace

SwapOutcome swapOutput(const fs::path& dir, const std::string& shown_dir, const OutputFiles& files,
                       const OutputPlan& plan, std::vector<OutputFailure>& failures) {
  if (const char* off = std::getenv("SVCC_TEST_NO_SWAP"); off && *off == '1') return SwapOutcome::Unsupported;
  fs::path absolute = absoluteDir(dir);
  if (absolute.empty()) return SwapOutcome::Unsupported;
  return TreeSwap(absolute, shown_dir, files, plan, failures).run();
}

}  // namespace svcc
