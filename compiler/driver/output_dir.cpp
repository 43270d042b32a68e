#include "driver/output_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>

#include "base/fs.h"
#include "base/sha256.h"
#include "driver/output_io.h"
#include "driver/output_swap.h"

namespace svcc {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxOutputFileBytes = size_t{256} << 20;

// A manifest entry is trusted only when it names a file below DIR: a hand-made manifest
// must not make svcc delete `../x` or `/etc/x`.
bool safeRelative(const std::string& path) {
  if (path.empty() || path.front() == '/' || path == kManifestName) return false;
  for (const fs::path& part : fs::path(path)) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

// `dir / relative` as a plain string: a std::filesystem::path per output file would
// split every path into components, 55,000 times over (docs/performance.md).
std::string joinPath(const std::string& dir, const std::string& relative) {
  if (dir.empty()) return relative;
  return dir.back() == '/' ? dir + relative : dir + '/' + relative;
}

enum class OnDisk { Nothing, File, Link, Other };

// The bytes of the regular file at `path`; nullopt when there is none or it cannot be
// read. `found` says what is there: a link is never read through.
std::optional<std::string> readExisting(const std::string& path, OnDisk* found = nullptr) {
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (found)
    *found = !exists               ? OnDisk::Nothing
             : S_ISREG(st.st_mode) ? OnDisk::File
             : S_ISLNK(st.st_mode) ? OnDisk::Link
                                   : OnDisk::Other;
  if (!exists || !S_ISREG(st.st_mode) || static_cast<uintmax_t>(st.st_size) > kMaxOutputFileBytes) return std::nullopt;
  ReadResult r = readFile(path, kMaxOutputFileBytes);
  if (!r.ok) return std::nullopt;
  return std::move(r.text);
}

// Finds symbolic links among the directories of paths below DIR: the first one on a
// path, relative to DIR, or "". Paths come sorted, so most share the previous one's
// directory, and each directory is looked at once.
class LinkFinder {
 public:
  explicit LinkFinder(std::string root) : root_(std::move(root)) {}

  std::string onPath(const std::string& relative) {
    size_t slash = relative.rfind('/');
    if (slash == std::string::npos) return {};
    if (relative.compare(0, slash, last_dir_) == 0 && last_dir_.size() == slash) return last_link_;
    last_dir_ = relative.substr(0, slash);
    last_link_.clear();
    for (size_t at = relative.find('/'); at != std::string::npos && at <= slash; at = relative.find('/', at + 1)) {
      std::string prefix = relative.substr(0, at);
      auto it = is_link_.find(prefix);
      if (it == is_link_.end()) {
        struct stat st {};
        bool link = ::lstat(joinPath(root_, prefix).c_str(), &st) == 0 && S_ISLNK(st.st_mode);
        it = is_link_.emplace(std::move(prefix), link).first;
      }
      if (it->second) {
        last_link_ = it->first;
        break;
      }
    }
    return last_link_;
  }

 private:
  std::string root_, last_dir_, last_link_;
  std::unordered_map<std::string, bool> is_link_;
};

// The steps of one write, kept so that a failure can undo them.
class Transaction {
 public:
  Transaction(fs::path dir, std::string shown)
      : dir_(std::move(dir)),
        root_(dir_.string()),
        shown_(std::move(shown)),
        suffix_(".svcc-" + std::to_string(::getpid())) {}

  bool stage(const std::string& relative, const std::string& bytes) {
    std::string final_path = joinPath(root_, relative);
    const Directory* parent = makeParents(final_path, relative);
    if (!parent) return false;
    Entry e{std::move(final_path), false, false};
    std::string temp = sibling(e.final_path, "tmp");
    int error = injected() ? EIO : writeWholeFile(temp.c_str(), bytes);
    if (error) {
      ::unlink(temp.c_str());
      return fail(relative, error);
    }
    // Nothing can be in a directory this build made; elsewhere, look.
    struct stat st {};
    e.had_old = !parent->made && ::lstat(e.final_path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    entries_.push_back(std::move(e));
    return true;
  }

  // Backups first (hard links cost no copy), then the renames in order; `before_last`
  // runs just before the last one (the manifest), when nothing can be rolled back any more.
  bool commit(const std::function<void()>& before_last) {
    if (entries_.empty()) before_last();
    for (Entry& e : entries_) {
      if (e.had_old && ::link(e.final_path.c_str(), sibling(e.final_path, "old").c_str()) != 0) {
        return fail(relativeOf(e), errno);
      }
    }
    for (Entry& e : entries_) {
      if (&e == &entries_.back()) before_last();
      int error = injected()                                                                     ? EIO
                  : std::rename(sibling(e.final_path, "tmp").c_str(), e.final_path.c_str()) == 0 ? 0
                                                                                                 : errno;
      if (error) return fail(relativeOf(e), error);
      e.renamed = true;
    }
    for (const Entry& e : entries_) {
      if (e.had_old) ::unlink(sibling(e.final_path, "old").c_str());
    }
    entries_.clear();
    created_.clear();
    return true;
  }

  // Puts back what was there: renamed files from their backups, removes the rest.
  void rollBack() {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->renamed) {
        if (it->had_old) {
          std::rename(sibling(it->final_path, "old").c_str(), it->final_path.c_str());
        } else {
          ::unlink(it->final_path.c_str());
        }
      } else {
        ::unlink(sibling(it->final_path, "tmp").c_str());
        if (it->had_old) ::unlink(sibling(it->final_path, "old").c_str());
      }
    }
    entries_.clear();
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) ::rmdir(it->c_str());
    created_.clear();
  }

  std::vector<OutputFailure>& failures() { return failures_; }

 private:
  // The temporary and backup names are derived from final_path when needed: one string
  // per file is all a 55,000-file build keeps.
  struct Entry {
    std::string final_path;
    bool had_old, renamed;
  };

  struct Directory {
    bool made;  // by this build: it held nothing before
  };

  std::string relativeOf(const Entry& e) const {
    return e.final_path.substr(root_.empty() ? 0 : root_.size() + (root_.back() == '/' ? 0 : 1));
  }

  std::string sibling(const std::string& final_path, const char* kind) const {
    size_t name = final_path.rfind('/') + 1;  // 0 when there is no '/'
    return final_path.substr(0, name) + "." + final_path.substr(name) + suffix_ + "-" + kind;
  }

  bool injected() { return faults_.next(); }

  bool fail(const std::string& relative, int error) {
    failures_.push_back({shown_ + "/" + relative, errnoReason(error)});
    return false;
  }

  // The directory `final_path` goes into, created when missing; null when that fails.
  // Each directory is looked at once (files come in path order, many to a directory):
  // one mkdir for a new one below a known one, else the careful way.
  const Directory* makeParents(const std::string& final_path, const std::string& relative) {
    size_t slash = final_path.rfind('/');
    std::string parent = slash == std::string::npos ? "." : final_path.substr(0, slash);
    if (auto it = dirs_.find(parent); it != dirs_.end()) return &it->second;
    size_t up = parent.rfind('/');
    if (up != std::string::npos && dirs_.count(parent.substr(0, up))) {
      if (::mkdir(parent.c_str(), 0755) == 0) {
        created_.push_back(parent);
        return &dirs_.emplace(parent, Directory{true}).first->second;
      }
      if (errno != EEXIST) {
        std::string where = fs::path(relative).parent_path().generic_string();
        failures_.push_back({where.empty() ? shown_ : shown_ + "/" + where, errnoReason(errno)});
        return nullptr;
      }
    }
    size_t made = created_.size();
    if (!makeParentsSlowly(parent, relative)) return nullptr;
    return &dirs_.emplace(parent, Directory{created_.size() > made}).first->second;
  }

  // A directory, and not a link to one, unless it is DIR itself (which may be a link).
  bool isDirectoryBelowRoot(const fs::path& path) const {
    std::error_code ec;
    bool root = path == dir_ || path.string() + "/" == root_;
    return fs::is_directory(root ? fs::status(path, ec) : fs::symlink_status(path, ec));
  }

  // Creates the missing directories one by one, remembering them for a roll-back.
  bool makeParentsSlowly(const fs::path& parent, const std::string& relative) {
    std::error_code ec;
    // Below DIR nothing on the way may be a link (planOutput refused them; a link made
    // since is refused here, not followed).
    std::string link = LinkFinder(root_).onPath(relative);
    if (!link.empty()) return fail(link, ELOOP);
    if (isDirectoryBelowRoot(parent)) return true;
    std::vector<fs::path> missing;
    for (fs::path p = parent; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (::mkdir(it->c_str(), 0755) != 0) {
        int error = errno;
        std::string where = it->lexically_relative(dir_).generic_string();
        failures_.push_back({where == "." ? shown_ : shown_ + "/" + where, errnoReason(error)});
        return false;
      }
      created_.push_back(it->string());
      dirs_.emplace(it->string(), Directory{true});
    }
    return isDirectoryBelowRoot(parent) || fail(fs::path(relative).parent_path().generic_string(), ENOTDIR);
  }

  fs::path dir_;
  std::string root_, shown_, suffix_;
  TestFaults faults_;
  std::vector<Entry> entries_;
  std::vector<std::string> created_;
  std::unordered_map<std::string, Directory> dirs_;
  std::vector<OutputFailure> failures_;
};

// Removes `relative` and then each parent it leaves empty, up to DIR (not DIR itself).
void removeWithEmptyParents(const fs::path& dir, const std::string& relative, const std::string& shown,
                            std::vector<OutputFailure>& failures) {
  fs::path path = dir / relative;
  // planOutput refused links on the way; look again right before deleting, in case one
  // appeared meanwhile: unlink follows every directory of the path.
  if (!LinkFinder(dir.string()).onPath(relative).empty()) {
    failures.push_back({shown + "/" + relative, "a directory on the way is a symbolic link"});
    return;
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    failures.push_back({shown + "/" + relative, errnoReason(errno)});
    return;
  }
  for (fs::path p = fs::path(relative).parent_path(); !p.empty(); p = p.parent_path()) {
    if (::rmdir((dir / p).c_str()) != 0) break;  // not empty (or not ours to remove): stop
  }
}

}  // namespace

std::map<std::string, std::string> readManifest(const fs::path& dir, std::string& error) {
  std::map<std::string, std::string> hashes;
  struct stat st {};
  // A link in the manifest's place is reported by planOutput (E0015), never read.
  if (::lstat((dir / kManifestName).c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return hashes;
  ReadResult r = readFile(dir / kManifestName, kMaxOutputFileBytes);
  if (!r.ok) {
    error = r.error;
    return hashes;
  }
  nlohmann::json doc = nlohmann::json::parse(r.text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("files") || !doc["files"].is_object()) {
    error = "not a manifest written by svcc (expected a JSON object with `files`)";
    return hashes;
  }
  for (const auto& [path, hash] : doc["files"].items()) {
    if (!safeRelative(path) || !hash.is_string()) {
      error = "entry `" + path + "` is not a relative path below the directory with a sha256";
      hashes.clear();
      return hashes;
    }
    hashes[path] = hash.get<std::string>();
  }
  return hashes;
}

std::string manifestJson(const OutputFiles& files) {
  std::string out = "{\n  \"svcc\": \"" SVCC_VERSION "\",\n  \"files\": {";
  bool first = true;
  for (const auto& [path, bytes] : files) {
    if (path == kManifestName) continue;
    out += first ? "\n" : ",\n";
    out += "    " + nlohmann::json(path).dump() + ": \"" + sha256Hex(bytes) + "\"";
    first = false;
  }
  out += first ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

OutputFiles withManifest(OutputFiles files) {
  files.erase(kManifestName);
  std::string manifest = manifestJson(files);
  files.emplace(kManifestName, std::move(manifest));
  return files;
}

OutputPlan planOutput(const fs::path& dir, const OutputFiles& files) {
  OutputPlan plan;
  std::map<std::string, std::string> written = readManifest(dir, plan.manifest_error);
  const std::string root = dir.string();
  LinkFinder links(root);
  std::set<std::string> found_links;
  // A directory found missing holds none of the files below it: a fresh output costs one
  // look per directory, not one per file.
  std::string missing;
  auto inMissing = [&](const std::string& path) {
    return !missing.empty() && path.size() > missing.size() && path[missing.size()] == '/' &&
           path.compare(0, missing.size(), missing) == 0;
  };
  struct stat st {};
  if (::lstat(root.c_str(), &st) != 0) missing = root;
  for (const auto& [path, bytes] : files) {
    std::string full = joinPath(root, path);
    if (inMissing(full)) {
      plan.added.push_back(path);
      continue;
    }
    // Never written or read through: the link could point anywhere (E0015).
    if (std::string link = links.onPath(path); !link.empty()) {
      found_links.insert(link);
      continue;
    }
    OnDisk found = OnDisk::Nothing;
    std::optional<std::string> disk = readExisting(full, &found);
    if (found == OnDisk::Link) {
      found_links.insert(path);
      continue;
    }
    if (!disk) {
      if (found != OnDisk::Nothing) {
        plan.collisions.push_back(path);  // a directory or an unreadable file is in the way
        plan.changed.push_back(path);
      } else {
        plan.added.push_back(path);
        std::string parent = full.substr(0, full.rfind('/') + 1);
        if (parent.size() > root.size() + 1 && ::lstat(parent.c_str(), &st) != 0) {
          missing = parent.substr(0, parent.size() - 1);
        }
      }
      continue;
    }
    auto old = written.find(path);
    bool ours = path == kManifestName || old != written.end();
    if (old != written.end() && sha256Hex(*disk) != old->second) plan.hand_edited.push_back(path);
    if (*disk == bytes) continue;  // identical: nothing to overwrite, whoever wrote it
    if (!ours) plan.collisions.push_back(path);
    plan.changed.push_back(path);
    plan.on_disk.emplace(path, std::move(*disk));
  }
  for (const auto& [path, hash] : written) {
    if (files.count(path)) continue;
    // A listed file below a link is not DIR's: deleting it would delete elsewhere.
    if (std::string link = links.onPath(path); !link.empty()) {
      found_links.insert(link);
      continue;
    }
    OnDisk found = OnDisk::Nothing;
    std::optional<std::string> disk = readExisting(joinPath(root, path), &found);
    if (found == OnDisk::Link) found_links.insert(path);
    if (!disk) continue;
    plan.removed.push_back(path);
    if (sha256Hex(*disk) != hash) plan.hand_edited.push_back(path);
    plan.on_disk.emplace(path, std::move(*disk));
  }
  std::sort(plan.hand_edited.begin(), plan.hand_edited.end());
  plan.symlinks.assign(found_links.begin(), found_links.end());
  return plan;
}

std::vector<OutputFailure> writeOutput(const fs::path& dir, const std::string& shown_dir, const OutputFiles& files,
                                       const OutputPlan& plan) {
  std::vector<OutputFailure> failures;
  if (swapOutput(dir, shown_dir, files, plan, failures) != SwapOutcome::Unsupported) return failures;
  // File by file, where DIR cannot be swapped. Files that already hold their bytes are
  // left alone: a rename over an existing file costs a flush on ext4, and an untouched
  // file cannot be half-anything.
  std::vector<std::string> dirty(plan.added);
  dirty.insert(dirty.end(), plan.changed.begin(), plan.changed.end());
  std::sort(dirty.begin(), dirty.end());
  Transaction t(dir, shown_dir);
  bool ok = true;
  for (const std::string& path : dirty) {
    if (path != kManifestName && !(ok = t.stage(path, files.at(path)))) break;
  }
  if (ok && std::binary_search(dirty.begin(), dirty.end(), std::string(kManifestName))) {
    ok = t.stage(kManifestName, files.at(kManifestName));
  }
  // Stale files go before the new manifest lands: a kill in between leaves them listed in
  // the old manifest, so the next build removes them rather than taking them for the user's.
  auto remove_stale = [&] {
    for (const std::string& path : plan.removed) removeWithEmptyParents(dir, path, shown_dir, failures);
  };
  if (!ok || !t.commit(remove_stale)) {
    t.rollBack();
    failures.insert(failures.end(), t.failures().begin(), t.failures().end());
  }
  return failures;
}

}  // namespace svcc
