#include "driver/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "driver/output_io.h"

namespace svcc {

namespace fs = std::filesystem;

namespace {

// The test hook of SVCC_TEST_HOLD_LOCK: announce the lock, then wait (at most a minute)
// for the test to let go.
void holdForTest() {
  const char* signal = std::getenv("SVCC_TEST_HOLD_LOCK");
  if (!signal || !*signal) return;
  if (int error = writeWholeFile(signal, "locked\n"); error) return;
  for (int i = 0; i < 3000 && ::access(signal, F_OK) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

OutputLock::OutputLock(const fs::path& dir, const std::function<void()>& on_wait) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    reason_ = errnoReason(ec.value());
    return;
  }
  // O_NOFOLLOW: a link in the lock's place would make the lock (and its creation) land
  // elsewhere. O_NONBLOCK: a FIFO there cannot block the open.
  fd_ = ::open((dir / kLockName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd_ < 0) {
    status_ = errno == ELOOP ? Status::Link : Status::Failed;
    reason_ = errnoReason(errno);
    return;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    reason_ = "`" + std::string(kLockName) + "` is not a regular file";
    return;
  }
  int how = LOCK_EX | LOCK_NB;
  while (::flock(fd_, how) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK && how != LOCK_EX) {
      on_wait();
      how = LOCK_EX;  // now block until the other build's process ends or lets go
      continue;
    }
    reason_ = errnoReason(errno);
    return;
  }
  status_ = Status::Held;
  holdForTest();
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

}  // namespace svcc
