// Phase: driver (`svcc build -o DIR` and `--check`).
// Takes the whole output set (relative path → bytes) and DIR; compares it with what is on
// disk and in DIR/.svcc-manifest.json, and writes it: all files staged, then renamed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace svcc {

// Every file of one build, sorted by relative path ('/'-separated).
using OutputFiles = std::map<std::string, std::string>;

inline constexpr char kManifestName[] = ".svcc-manifest.json";

// The manifest of `files`: svcc's version and each path with its sha256, sorted, one
// entry a line, so that it diffs well.
std::string manifestJson(const OutputFiles& files);

// DIR/.svcc-manifest.json: the paths svcc wrote with their sha256 (none when there is no
// manifest). A manifest that is not svcc's, or names a path outside DIR, sets `error`.
std::map<std::string, std::string> readManifest(const std::filesystem::path& dir, std::string& error);

// What a build would do to DIR. Paths are relative to DIR.
struct OutputPlan {
  std::vector<std::string> added;              // produced, not on disk
  std::vector<std::string> changed;            // produced, on disk with other bytes
  std::vector<std::string> removed;            // in the old manifest, on disk, no longer produced
  std::vector<std::string> hand_edited;        // in the old manifest, on disk, not the bytes svcc wrote
  std::vector<std::string> collisions;         // produced, on disk, not written by svcc (not in the manifest)
  std::map<std::string, std::string> on_disk;  // bytes of the changed files as they are now
  std::vector<std::string> symlinks;           // symbolic links on a path written or removed (E0015), sorted
  std::string manifest_error;                  // non-empty: the old manifest could not be read
  bool current() const { return added.empty() && changed.empty() && removed.empty(); }
};

// Reads DIR (never writes). `files` must include the manifest (withManifest).
OutputPlan planOutput(const std::filesystem::path& dir, const OutputFiles& files);

// `files` plus its manifest.
OutputFiles withManifest(OutputFiles files);

struct OutputFailure {
  std::string path;    // DIR as given joined with the file
  std::string reason;  // "permission denied", …
};

// Writes `files` (manifest included) into DIR following `plan`: every added or changed
// file (the others are left alone) to a temporary name beside it first; then existing files are kept as hard-linked backups and the new
// ones renamed in path order, the manifest last; then the files of plan.removed are
// deleted, and directories they leave empty. A failure before the last rename puts every
// renamed file back from its backup: DIR is then byte for byte what it was.
// SVCC_TEST_FAIL_AFTER=N (tests only) makes the operation after the N-th staged or
// renamed file fail, as a full disk would.
std::vector<OutputFailure> writeOutput(const std::filesystem::path& dir, const std::string& shown_dir,
                                       const OutputFiles& files, const OutputPlan& plan);

}  // namespace svcc
