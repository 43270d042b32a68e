#include "base/fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace svcc {

namespace fs = std::filesystem;

// Reads in chunks rather than trusting the size the file system reports, so that
// devices and pipes (`/dev/stdin`, `/dev/zero`) are read, and bounded, like files.
ReadResult readFile(const fs::path& path, size_t max_bytes) {
  ReadResult result;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    result.error = "is a directory";
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = std::strerror(errno);
    return result;
  }
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size <= max_bytes) result.text.reserve(static_cast<size_t>(size));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    result.text.append(buffer, static_cast<size_t>(in.gcount()));
    if (result.text.size() > max_bytes) {
      result.text.clear();
      result.text.shrink_to_fit();
      result.too_large = true;
      result.error = "it is larger than " + std::to_string(max_bytes >> 20) + " MiB";
      return result;
    }
  }
  if (in.bad()) {
    result.error = "read error";
    return result;
  }
  result.ok = true;
  return result;
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
