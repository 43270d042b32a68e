#include "lsp/analysis.h"

#include <filesystem>

#include "base/fs.h"

#include "lsp/stdlib_cache.h"
#include "lsp/uri.h"

namespace svcc::lsp {

namespace {

namespace fs = std::filesystem;

std::string uriOf(const Analysis& a, const SourceFile& file, const ServerOptions& options, bool lone) {
  if (file.is_stdlib && !options.stdlib_dir) {
    std::optional<std::string> cache = stdlibCacheDir();
    return cache ? pathToUri(*cache + "/" + file.path) : "";
  }
  if (lone && file.id == a.c.inputs.front()) return a.root;
  return pathToUri(fs::absolute(file.path).lexically_normal().generic_string());
}

}  // namespace

std::string appRootOf(const Document& doc) {
  std::error_code ec;
  if (!doc.path || !fs::is_regular_file(*doc.path, ec)) return doc.uri;
  return fs::path(*doc.path).parent_path().generic_string();
}

bool appIncludes(const std::string& root, const std::string& path) {
  if (root.empty() || root.front() != '/') return false;
  std::string prefix = root.back() == '/' ? root : root + "/";
  return path.compare(0, prefix.size(), prefix) == 0;
}

std::unique_ptr<Analysis> analyze(const std::string& root, const Documents& docs, const ServerOptions& options) {
  auto a = std::make_unique<Analysis>();
  a->root = root;
  const Document* lone = docs.find(root);
  if (lone) {
    a->c.inputs.push_back(a->c.sources.add(lone->path ? displayPath(*lone->path) : lone->uri, lone->text));
  } else {
    OpenBuffers buffers = docs.buffers();
    loadInputs({root}, a->c, &buffers);
  }
  sema::SemaOptions sema;
  sema.modules.stdlib_dir = options.stdlib_dir;
  sema.index = &a->index;
  lintLoaded(a->c, sema, options.lint);
  a->uris.reserve(a->c.sources.size());
  for (FileId id = 0; id < a->c.sources.size(); ++id)
    a->uris.push_back(uriOf(*a, a->c.sources.file(id), options, lone != nullptr));
  return a;
}

FileId fileOf(const Analysis& a, const std::string& uri) {
  for (FileId id = 0; id < a.uris.size(); ++id) {
    if (a.uris[id] == uri) return id;
  }
  return kNoFile;
}

const ast::File* astOf(const Analysis& a, FileId file) {
  for (const ast::File& f : a.c.program.files) {
    if (f.file == file) return &f;
  }
  for (const ast::File& f : a.c.asts) {
    if (f.file == file) return &f;
  }
  return nullptr;
}

}  // namespace svcc::lsp
