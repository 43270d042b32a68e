// Phase: driver (the only code that writes outputs to disk).
// Takes files (relative path → bytes) one at a time; stages each under a temporary name
// in its final directory, then renames them all into place, or removes what it staged.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace svcc {

struct WriteFailure {
  std::string path;    // as shown to users: the output directory as given, joined with the file
  std::string reason;  // "permission denied", …
};

// Nothing in the output directory changes until commit(): a failure while staging
// leaves the previous output as it was. Each rename replaces one file atomically. Files
// that are not produced are never deleted (pruning is the manifest's job, issue 6).
class OutputWriter {
 public:
  explicit OutputWriter(std::filesystem::path dir);
  ~OutputWriter();
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;

  // Writes `bytes` to a temporary file beside `relative`, unless the file there already
  // holds exactly these bytes. After the first failure it does nothing. Returns false
  // once anything has failed.
  bool stage(std::string_view relative, std::string_view bytes);
  // Renames every staged file into place; on failure the rest are removed.
  bool commit();

  size_t staged() const { return staged_.size(); }
  size_t unchanged() const { return unchanged_; }
  const std::vector<WriteFailure>& failures() const { return failures_; }

 private:
  struct Staged {
    std::filesystem::path temp, final_path;
  };
  bool ensureDirectory(const std::filesystem::path& dir);
  void fail(const std::filesystem::path& path, std::string reason);
  void removeStaged(size_t from);

  std::filesystem::path dir_;
  std::string temp_suffix_;
  std::filesystem::path last_dir_;  // the directory created last: most files share one
  std::vector<Staged> staged_;
  std::vector<WriteFailure> failures_;
  size_t unchanged_ = 0;
  bool committed_ = false;
};

}  // namespace svcc
