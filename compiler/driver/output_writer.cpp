#include "driver/output_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace svcc {

namespace fs = std::filesystem;

namespace {

std::string reasonOf(int error) {
  std::string reason = std::strerror(error);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

// Returns 0 or the errno of the first failing call.
int writeWhole(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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

// Whether `path` already holds exactly `bytes`. Replacing a file by rename makes ext4
// write it out at once (auto_da_alloc), about 2 ms a file here: an unchanged file is
// left alone, which also keeps its mtime for tools that watch the tree.
bool holdsExactly(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) == bytes.size();
  std::string buffer;
  if (same) {
    buffer.resize(bytes.size() + 1);  // one more: a file that grew meanwhile reads long
    size_t got = 0;
    for (ssize_t n; got < buffer.size() && (n = ::read(fd, buffer.data() + got, buffer.size() - got)) > 0;) {
      got += static_cast<size_t>(n);
    }
    same = got == bytes.size() && std::string_view(buffer.data(), got) == bytes;
  }
  ::close(fd);
  return same;
}

}  // namespace

OutputWriter::OutputWriter(fs::path dir)
    : dir_(std::move(dir)), temp_suffix_(".svcc-tmp-" + std::to_string(::getpid())) {}

OutputWriter::~OutputWriter() {
  if (!committed_) removeStaged(0);
}

void OutputWriter::fail(const fs::path& path, std::string reason) {
  failures_.push_back({path.generic_string(), std::move(reason)});
}

bool OutputWriter::ensureDirectory(const fs::path& dir) {
  if (dir == last_dir_) return true;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    fail(dir, ec ? reasonOf(ec.value()) : "exists and is not a directory");
    return false;
  }
  last_dir_ = dir;
  return true;
}

bool OutputWriter::stage(std::string_view relative, std::string_view bytes) {
  if (!failures_.empty()) return false;
  fs::path final_path = dir_ / fs::path(relative);
  if (!ensureDirectory(final_path.parent_path())) return false;
  if (holdsExactly(final_path, bytes)) {
    ++unchanged_;
    return true;
  }
  fs::path temp = final_path.parent_path() / ("." + final_path.filename().string() + temp_suffix_);
  if (int error = writeWhole(temp, bytes)) {
    fail(final_path, reasonOf(error));
    ::unlink(temp.c_str());
    return false;
  }
  staged_.push_back({std::move(temp), std::move(final_path)});
  return true;
}

bool OutputWriter::commit() {
  if (!failures_.empty()) return false;
  for (size_t i = 0; i < staged_.size(); ++i) {
    if (std::rename(staged_[i].temp.c_str(), staged_[i].final_path.c_str()) != 0) {
      fail(staged_[i].final_path, reasonOf(errno));
      removeStaged(i);
      return false;
    }
  }
  committed_ = true;
  return true;
}

void OutputWriter::removeStaged(size_t from) {
  for (size_t i = from; i < staged_.size(); ++i) ::unlink(staged_[i].temp.c_str());
  staged_.resize(from);
}

}  // namespace svcc
