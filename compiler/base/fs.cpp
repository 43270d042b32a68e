#include "base/fs.h"

#include "base/utf8.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace svcc {

namespace fs = std::filesystem;

std::string fileKind(unsigned st_mode) {
  if (S_ISDIR(st_mode)) return "a directory";
  if (S_ISFIFO(st_mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(st_mode)) return "a character device";
  if (S_ISBLK(st_mode)) return "a block device";
  if (S_ISSOCK(st_mode)) return "a socket";
  if (S_ISLNK(st_mode)) return "a symbolic link";
  return "not a regular file";
}

namespace {

ReadResult refuse(ReadResult result, const struct stat& st) {
  result.not_regular = true;
  result.error = "it is " + fileKind(st.st_mode);
  return result;
}

std::string tooLargeReason(size_t max_bytes) {
  return max_bytes >= (size_t{1} << 20) ? "it is larger than " + std::to_string(max_bytes >> 20) + " MiB"
                                        : "it is larger than " + std::to_string(max_bytes) + " bytes";
}

}  // namespace

// stat first, so that a FIFO or a device is refused without being opened at all; then
// open with O_NONBLOCK (a FIFO swapped in meanwhile cannot block the open) and fstat the
// descriptor, which is the file actually read. Reads until the end rather than trusting
// the size (procfs files say 0), bounded by `max_bytes`. `svcc build -o` reads every
// file of its output this way.
ReadResult readFile(const fs::path& path, size_t max_bytes) {
  ReadResult result;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    result.missing = errno == ENOENT || errno == ENOTDIR;
    result.error = std::strerror(errno);
    return result;
  }
  if (!S_ISREG(st.st_mode)) return refuse(std::move(result), st);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return refuse(std::move(result), st);
  }
  if (static_cast<uintmax_t>(st.st_size) > max_bytes) {
    ::close(fd);
    result.too_large = true;
    result.error = tooLargeReason(max_bytes);
    return result;
  }
  // One byte more than the size: a file that grew meanwhile is still read to its end.
  result.text.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : size_t{1} << 12);
  size_t used = 0;
  while (true) {
    if (used == result.text.size()) result.text.resize(result.text.size() * 2);
    ssize_t n = ::read(fd, result.text.data() + used, result.text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.error = std::strerror(errno);
      ::close(fd);
      result.text.clear();
      return result;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (used > max_bytes) {
      ::close(fd);
      result.text.clear();
      result.text.shrink_to_fit();
      result.too_large = true;
      result.error = tooLargeReason(max_bytes);
      return result;
    }
  }
  ::close(fd);
  result.text.resize(used);
  result.ok = true;
  return result;
}

std::optional<EncodingError> firstEncodingError(std::string_view text) {
  EncodingError at;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c == 0 ? 0 : c < 0x80 ? 1 : utf8SequenceLength(text, i);
    if (len == 0) {
      at.offset = i;
      at.byte = c;
      at.nul = c == 0;
      return at;
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    i += len;
  }
  return std::nullopt;
}

std::string displayPath(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  fs::path cwd = fs::current_path(ec);
  fs::path shown = path.lexically_normal();
  if (!ec) {
    fs::path relative = absolute.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") shown = relative;
  }
  std::string text = shown.generic_string();
  if (text.size() > 1 && text.back() == '/') text.pop_back();
  return text.empty() ? "." : text;
}

fs::path commonDirectory(const std::vector<fs::path>& files) {
  std::error_code ec;
  fs::path common;
  for (size_t i = 0; i < files.size(); ++i) {
    fs::path dir = fs::absolute(files[i], ec).lexically_normal().parent_path();
    if (i == 0) {
      common = dir;
      continue;
    }
    fs::path shared;
    for (auto a = common.begin(), b = dir.begin(); a != common.end() && b != dir.end() && *a == *b; ++a, ++b) {
      shared /= *a;
    }
    common = shared;
  }
  return common.empty() ? fs::current_path(ec) : common;
}

ExpandedInputs expandInputs(const std::vector<std::string>& args) {
  ExpandedInputs out;
  auto add = [&](const fs::path& p) { out.files.push_back({p, displayPath(p)}); };
  for (const std::string& arg : args) {
    fs::path path(arg);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      out.missing.push_back(arg);
      continue;
    }
    if (!fs::is_directory(status)) {
      add(path);
      continue;
    }
    size_t before = out.files.size();
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().extension() == ".svc" && it->is_regular_file(ec)) add(it->path());
    }
    if (out.files.size() == before) out.empty_dirs.push_back(arg);
  }
  std::sort(out.missing.begin(), out.missing.end());
  out.missing.erase(std::unique(out.missing.begin(), out.missing.end()), out.missing.end());
  std::sort(out.files.begin(), out.files.end(),
            [](const InputFile& a, const InputFile& b) { return a.display < b.display; });
  out.files.erase(std::unique(out.files.begin(), out.files.end(),
                              [](const InputFile& a, const InputFile& b) { return a.display == b.display; }),
                  out.files.end());
  return out;
}

}  // namespace svcc
