// Phase: driver (`svcc build -o DIR`).
// Takes DIR; creates it when missing and holds an exclusive flock on DIR/.svcc-lock for
// as long as the OutputLock lives, so that two builds into one DIR never mix their files.
// The kernel drops the lock with the process, however it ends: a killed build leaves
// no stale lock behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace svcc {

inline constexpr char kLockName[] = ".svcc-lock";

class OutputLock {
 public:
  enum class Status {
    Held,    // this build owns DIR until the lock is destroyed
    Link,    // DIR/.svcc-lock is a symbolic link (E0015)
    Failed,  // DIR or the lock file cannot be made; `reason` says why (E0510)
  };

  // A second build waits for the first to finish (two CI jobs into one DIR then run one
  // after the other), calling `on_wait` first so that the user knows why nothing happens.
  // SVCC_TEST_HOLD_LOCK=FILE (tests only): once locked, create FILE and wait until it is
  // removed, so that a test can start a second build while the first holds DIR.
  OutputLock(const std::filesystem::path& dir, const std::function<void()>& on_wait);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  Status status() const { return status_; }
  const std::string& reason() const { return reason_; }

 private:
  int fd_ = -1;
  Status status_ = Status::Failed;
  std::string reason_;
};

}  // namespace svcc
