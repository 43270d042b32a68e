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
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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

// One directory entry as readdir gives it: no stat needed for type or inode.
struct Entry {
  std::string rel;     // relative to the root walked, '/'-separated
  unsigned char type;  // DT_REG, DT_DIR, DT_LNK, … (DT_UNKNOWN on file systems that don't say)
  ino_t inode;
};

// The entries of `root`/`relative`, sorted by name; false when it cannot be read.
bool listDirectory(const std::string& root, const std::string& relative, std::vector<Entry>& out) {
  std::string path = relative.empty() ? root : root + "/" + relative;
  DIR* handle = ::opendir(path.c_str());
  if (!handle) return false;
  size_t first = out.size();
  while (const dirent* e = ::readdir(handle)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    out.push_back({relative.empty() ? std::string(name) : relative + "/" + std::string(name), e->d_type, e->d_ino});
  }
  ::closedir(handle);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
  return true;
}

// d_type, or lstat's answer where the file system leaves it DT_UNKNOWN.
unsigned char typeOf(const std::string& path, unsigned char type) {
  if (type != DT_UNKNOWN) return type;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return DT_UNKNOWN;
  return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
}

// Every entry below `root`, children before their directory.
std::vector<Entry> entriesDeepestFirst(const std::string& root) {
  std::vector<Entry> entries;
  listDirectory(root, "", entries);
  for (size_t i = 0; i < entries.size(); ++i) {
    entries[i].type = typeOf(root + "/" + entries[i].rel, entries[i].type);
    if (entries[i].type == DT_DIR) {
      std::string rel = entries[i].rel;
      listDirectory(root, rel, entries);
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rel > b.rel; });
  return entries;
}

// A directory standing in for one of DIR's: same permissions and, where the process may
// (root in a CI container writing a checkout it does not own), same owner and group.
bool makeDirectoryLike(const char* path, const struct stat* like) {
  if (::mkdir(path, like ? (like->st_mode & 07777) : 0755) != 0) return false;
  if (like && (like->st_uid != ::geteuid() || like->st_gid != ::getegid())) {
    if (::lchown(path, like->st_uid, like->st_gid) == 0) ::chmod(path, like->st_mode & 07777);  // chown clears setgid
  }
  return true;
}

class TreeSwap {
 public:
  TreeSwap(fs::path dir, std::string shown, const OutputFiles& files, const OutputPlan& plan,
           std::vector<OutputFailure>& failures)
      : dir_(std::move(dir)),
        aside_(asideName(dir_)),
        shown_(std::move(shown)),
        files_(files),
        plan_(plan),
        failures_(failures) {
    replaced_.insert(plan.added.begin(), plan.added.end());
    replaced_.insert(plan.changed.begin(), plan.changed.end());
    replaced_.insert(plan.removed.begin(), plan.removed.end());
  }

  SwapOutcome run() {
    struct stat dir_stat {
    }, parent_stat{};
    bool exists = ::lstat(dir_.c_str(), &dir_stat) == 0;
    if (exists && !S_ISDIR(dir_stat.st_mode)) return SwapOutcome::Unsupported;  // a symlink, or a file
    if (::stat(dir_.parent_path().c_str(), &parent_stat) != 0) return SwapOutcome::Unsupported;
    if (exists && dir_stat.st_dev != parent_stat.st_dev) return SwapOutcome::Unsupported;  // a mount point
    if (exists && holdsWorkingDirectory(dir_)) return SwapOutcome::Unsupported;

    clearLeftovers();
    if (!makeDirectoryLike(aside_.c_str(), exists ? &dir_stat : nullptr)) return SwapOutcome::Unsupported;
    SwapOutcome built = exists ? linkUnchanged("") : SwapOutcome::Swapped;
    if (built == SwapOutcome::Swapped) built = writeNew();
    if (built != SwapOutcome::Swapped) {
      removeTree(aside_);
      return built;
    }
    unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
    int error = faults_.next()                                                              ? EIO
                : ::renameat2(AT_FDCWD, aside_.c_str(), AT_FDCWD, dir_.c_str(), flags) == 0 ? 0
                                                                                            : errno;
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
  SwapOutcome linkUnchanged(const std::string& relative) {
    std::vector<Entry> entries;
    if (!listDirectory(dir_.string(), relative, entries)) return SwapOutcome::Unsupported;
    for (const Entry& e : entries) {
      std::string source = dir_.string() + "/" + e.rel, target = aside_.string() + "/" + e.rel;
      unsigned char type = typeOf(source, e.type);
      if (type == DT_DIR) {
        struct stat st {};
        if (replaced_.count(e.rel)) return SwapOutcome::Unsupported;  // `--force` over a directory
        if (::lstat(source.c_str(), &st) != 0 || !makeDirectoryLike(target.c_str(), &st)) {
          return SwapOutcome::Unsupported;
        }
        if (SwapOutcome inner = linkUnchanged(e.rel); inner != SwapOutcome::Swapped) return inner;
        continue;
      }
      if (type != DT_REG && type != DT_LNK) return SwapOutcome::Unsupported;
      if (replaced_.count(e.rel)) continue;
      if (faults_.next()) return fail(e.rel, EIO);
      if (::link(source.c_str(), target.c_str()) != 0) {
        return errno == ENOSPC || errno == EDQUOT ? fail(e.rel, errno) : SwapOutcome::Unsupported;
      }
      linked_.emplace(e.rel, e.inode);
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
    for (const Entry& e : entriesDeepestFirst(aside_.string())) {
      faults_.next();  // DIR is complete already: a kill here is what the tests look at
      std::string old_path = aside_.string() + "/" + e.rel;
      if (e.type == DT_DIR) {
        ::rmdir(old_path.c_str());
        continue;
      }
      auto link = linked_.find(e.rel);
      if ((link != linked_.end() && link->second == e.inode) || replaced_.count(e.rel) || e.rel == kManifestName) {
        ::unlink(old_path.c_str());
        continue;
      }
      fs::path new_path = dir_ / e.rel;
      struct stat st {};
      if (::lstat(new_path.c_str(), &st) != 0) {
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
    for (const Entry& e : entriesDeepestFirst(aside.string())) {
      fs::path path = aside / e.rel, in_dir = dir_ / e.rel;
      struct stat st {
      }, dir_st{};
      if (e.type == DT_DIR) {
        ::rmdir(path.c_str());
      } else if ((::lstat(path.c_str(), &st) == 0 && ::lstat(in_dir.c_str(), &dir_st) == 0 && sameFile(st, dir_st)) ||
                 ours.count(e.rel) || current.count(e.rel) || e.rel == kManifestName) {
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
  std::unordered_set<std::string> replaced_;       // added, changed or removed by this build
  std::unordered_map<std::string, ino_t> linked_;  // linked into the new tree: the inode then
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
