#include "lsp/stdlib_cache.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/fs.h"
#include "pipeline/embedded_stdlib.h"
#include "pipeline/pipeline.h"

namespace svcc::lsp {

namespace {

namespace fs = std::filesystem;

std::optional<fs::path> cacheRoot() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return fs::path(xdg) / "svcc";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return fs::path(home) / ".cache" / "svcc";
  return std::nullopt;
}

// Writes beside the target and renames, so that an editor never opens half a file.
bool writeReadOnly(const fs::path& target, std::string_view text) {
  std::error_code ec;
  ReadResult existing = readFile(target, kMaxSourceBytes);
  if (existing.ok && existing.text == text) return true;
  fs::create_directories(target.parent_path(), ec);
  fs::path temporary = target;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out.write(text.data(), static_cast<std::streamsize>(text.size()))) return false;
  }
  fs::permissions(temporary, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
  fs::rename(temporary, target, ec);
  return !ec;
}

std::optional<std::string> writeCache() {
  std::optional<fs::path> root = cacheRoot();
  if (!root) return std::nullopt;
  fs::path dir = *root / (std::string("stdlib-") + SVCC_VERSION);
  for (const EmbeddedFile& file : embeddedStdlib()) {
    if (!writeReadOnly(dir / file.path, file.text)) return std::nullopt;
  }
  return dir.lexically_normal().generic_string();
}

}  // namespace

std::optional<std::string> stdlibCacheDir() {
  static const std::optional<std::string> dir = writeCache();
  return dir;
}

}  // namespace svcc::lsp
