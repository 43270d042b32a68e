#include "driver/output_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace svcc {

int writeWholeFile(const char* path, std::string_view bytes) {
  int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return errno;
  int error = 0;
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  return error;
}

std::string errnoReason(int error) {
  std::string reason = std::strerror(error);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

TestFaults::TestFaults() {
  if (const char* n = std::getenv("SVCC_TEST_FAIL_AFTER")) fail_after_ = std::atol(n);
  if (const char* n = std::getenv("SVCC_TEST_KILL_AFTER")) kill_after_ = std::atol(n);
}

bool TestFaults::next() {
  long current = operations_++;
  if (kill_after_ >= 0 && current >= kill_after_) ::raise(SIGKILL);
  return fail_after_ >= 0 && current >= fail_after_;
}

}  // namespace svcc
