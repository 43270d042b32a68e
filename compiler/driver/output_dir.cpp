#include "driver/output_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <optional>
#include <nlohmann/json.hpp>

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

std::optional<std::string> readExisting(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
  ReadResult r = readFile(path, kMaxOutputFileBytes);
  if (!r.ok) return std::nullopt;
  return std::move(r.text);
}

// The steps of one write, kept so that a failure can undo them.
class Transaction {
 public:
  Transaction(fs::path dir, std::string shown)
      : dir_(std::move(dir)), shown_(std::move(shown)), suffix_(".svcc-" + std::to_string(::getpid())) {}

  bool stage(const std::string& relative, const std::string& bytes) {
    fs::path final_path = dir_ / relative;
    if (!makeParents(final_path.parent_path(), relative)) return false;
    Entry e{relative, final_path, sibling(final_path, "tmp"), sibling(final_path, "old"), false, false};
    int error = injected() ? EIO : writeWholeFile(e.temp, bytes);
    if (error) {
      ::unlink(e.temp.c_str());
      return fail(relative, error);
    }
    std::error_code ec;
    e.had_old = fs::is_regular_file(fs::symlink_status(final_path, ec));
    entries_.push_back(std::move(e));
    return true;
  }

  // Backups first (hard links cost no copy), then the renames in order; `before_last`
  // runs just before the last one (the manifest), when nothing can be rolled back any more.
  bool commit(const std::function<void()>& before_last) {
    if (entries_.empty()) before_last();
    for (Entry& e : entries_) {
      if (e.had_old && ::link(e.final_path.c_str(), e.backup.c_str()) != 0) return fail(e.relative, errno);
    }
    for (Entry& e : entries_) {
      if (&e == &entries_.back()) before_last();
      int error = injected() ? EIO : std::rename(e.temp.c_str(), e.final_path.c_str()) == 0 ? 0 : errno;
      if (error) return fail(e.relative, error);
      e.renamed = true;
    }
    for (const Entry& e : entries_) {
      if (e.had_old) ::unlink(e.backup.c_str());
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
          std::rename(it->backup.c_str(), it->final_path.c_str());
        } else {
          ::unlink(it->final_path.c_str());
        }
      } else {
        ::unlink(it->temp.c_str());
        if (it->had_old) ::unlink(it->backup.c_str());
      }
    }
    entries_.clear();
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) ::rmdir(it->c_str());
    created_.clear();
  }

  std::vector<OutputFailure>& failures() { return failures_; }

 private:
  struct Entry {
    std::string relative;
    fs::path final_path, temp, backup;
    bool had_old, renamed;
  };

  fs::path sibling(const fs::path& final_path, const char* kind) const {
    return final_path.parent_path() / ("." + final_path.filename().string() + suffix_ + "-" + kind);
  }

  bool injected() { return faults_.next(); }

  bool fail(const std::string& relative, int error) {
    failures_.push_back({shown_ + "/" + relative, errnoReason(error)});
    return false;
  }

  // Creates the missing directories one by one, remembering them for a roll-back.
  bool makeParents(const fs::path& parent, const std::string& relative) {
    std::error_code ec;
    if (fs::is_directory(parent, ec)) return true;
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
      created_.push_back(*it);
    }
    return fs::is_directory(parent, ec) || fail(fs::path(relative).parent_path().generic_string(), ENOTDIR);
  }

  fs::path dir_;
  std::string shown_, suffix_;
  TestFaults faults_;
  std::vector<Entry> entries_;
  std::vector<fs::path> created_;
  std::vector<OutputFailure> failures_;
};

// Removes `relative` and then each parent it leaves empty, up to DIR (not DIR itself).
void removeWithEmptyParents(const fs::path& dir, const std::string& relative, const std::string& shown,
                            std::vector<OutputFailure>& failures) {
  fs::path path = dir / relative;
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
  std::error_code ec;
  if (!fs::exists(dir / kManifestName, ec)) return hashes;
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
  for (const auto& [path, bytes] : files) {
    std::optional<std::string> disk = readExisting(dir / path);
    std::error_code ec;
    if (!disk) {
      if (fs::exists(fs::symlink_status(dir / path, ec))) {
        plan.collisions.push_back(path);  // a directory, a link or an unreadable file is in the way
        plan.changed.push_back(path);
      } else {
        plan.added.push_back(path);
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
    std::optional<std::string> disk = readExisting(dir / path);
    if (!disk) continue;
    plan.removed.push_back(path);
    if (sha256Hex(*disk) != hash) plan.hand_edited.push_back(path);
    plan.on_disk.emplace(path, std::move(*disk));
  }
  std::sort(plan.hand_edited.begin(), plan.hand_edited.end());
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
