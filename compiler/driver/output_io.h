// Phase: driver (the file operations `svcc build -o` is made of).
// Takes paths and bytes; hands out errno values, their messages, and the failures the
// tests inject into a build to check what a full disk or a kill leaves behind.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace svcc {

// Creates or truncates `path` and writes all of `bytes`; returns 0 or the errno of the
// first failing call.
int writeWholeFile(const char* path, std::string_view bytes);

// strerror, starting lower-case: "permission denied".
std::string errnoReason(int error);

// For svcc's own tests only (docs/gitops.md): SVCC_TEST_FAIL_AFTER=N makes every
// operation after the N-th fail as a full disk would; SVCC_TEST_KILL_AFTER=N sends the
// process SIGKILL at the N-th, as a CI runner's timeout or the OOM killer would.
class TestFaults {
 public:
  TestFaults();
  // Counts one operation; true when it is to fail (it may also never return).
  bool next();

 private:
  long fail_after_ = -1;
  long kill_after_ = -1;
  long operations_ = 0;
};

}  // namespace svcc
