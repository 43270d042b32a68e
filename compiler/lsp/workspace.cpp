#include "lsp/workspace.h"

#include <filesystem>
#include <vector>

#include "lsp/publish.h"
#include "lsp/stdlib_cache.h"
#include "lsp/uri.h"
#include "parse/parse.h"

namespace svcc::lsp {

namespace {

// Parsing every example, golden and fuzz input (and broken copies) leaves under 50 DFA
// states; only hostile text gets near this, and it bounds what that text can make us keep.
constexpr size_t kMaxParserCacheStates = 10000;

// Whether checking got past parsing (a file with syntax errors stops it there).
bool parsed(const Analysis& a) { return !a.c.program.files.empty(); }

}  // namespace

void Workspace::open(const std::string& uri, std::string text, int64_t version) {
  recheckAround(docs_.open(uri, std::move(text), version));
}

void Workspace::change(const std::string& uri, std::string text, int64_t version) {
  if (const Document* doc = docs_.change(uri, std::move(text), version)) recheckAround(*doc);
}

void Workspace::close(const std::string& uri) {
  const Document* doc = docs_.find(uri);
  if (!doc) return;
  std::string root = appRootOf(*doc);
  std::optional<std::string> path = doc->path;
  docs_.close(uri);
  std::string still_open;
  for (const auto& [other, d] : docs_.all()) {
    if (appRootOf(d) == root) still_open = other;
  }
  if (still_open.empty()) {
    clear(root);
  } else {
    recheck(root, still_open);
  }
  if (path) recheckIncluding(*path, root);
}

void Workspace::recheckAll() {
  std::map<std::string, std::string> roots;
  for (const auto& [uri, d] : docs_.all()) roots.emplace(appRootOf(d), uri);
  for (const auto& [root, trigger] : roots) recheck(root, trigger);
}

std::optional<Workspace::View> Workspace::view(const std::string& uri) const {
  const Document* doc = docs_.find(uri);
  if (!doc) return std::nullopt;
  auto it = analyses_.find(appRootOf(*doc));
  if (it == analyses_.end()) return std::nullopt;
  const Analysis& a = *it->second;
  FileId file = fileOf(a, doc->path ? pathToUri(*doc->path) : uri);
  if (file == kNoFile) file = fileOf(a, uri);
  auto before = parsed_.find(it->first);
  return View{*doc, a, file, before == parsed_.end() ? nullptr : before->second.get()};
}

void Workspace::recheckAround(const Document& doc) {
  std::string root = appRootOf(doc);
  recheck(root, doc.uri);
  if (doc.path) recheckIncluding(*doc.path, root);
}

void Workspace::recheckIncluding(const std::string& path, const std::string& except) {
  std::vector<std::string> around;
  for (const auto& [root, a] : analyses_) {
    if (root != except && appIncludes(root, path)) around.push_back(root);
  }
  for (const std::string& root : around) recheck(root, "");
}

bool Workspace::inLibrary(const std::string& root) const {
  std::optional<std::string> library =
      options_.stdlib_dir ? std::filesystem::absolute(*options_.stdlib_dir).lexically_normal().generic_string()
                          : stdlibCacheDir();
  return library && (root == *library || appIncludes(*library, root));
}

std::string Workspace::clientUri(const std::string& uri) const {
  std::optional<std::string> path = uriToPath(uri);
  if (!path) return uri;
  for (const auto& [client, d] : docs_.all()) {
    if (d.path == path) return client;
  }
  return uri;
}

void Workspace::recheck(const std::string& root, const std::string& trigger) {
  std::unique_ptr<Analysis>& a = analyses_[root];
  std::unique_ptr<Analysis> previous = std::move(a);
  a = analyze(root, docs_, options_);
  if (!parsed(*a) && previous && parsed(*previous)) parsed_[root] = std::move(previous);
  if (parsed(*a)) parsed_.erase(root);
  trimParserCaches(kMaxParserCacheStates);
  if (inLibrary(root)) return;
  std::map<std::string, Json> found = diagnosticsByUri(*a, trigger);
  std::set<std::string>& before = published_[root];
  std::set<std::string> now;
  for (auto& [uri, list] : found) {
    std::string shown = clientUri(uri);
    // An open document of another app (a subdirectory of this one) shows its own app's.
    const Document* doc = docs_.find(shown);
    if (doc && appRootOf(*doc) != root) continue;
    now.insert(shown);
    notify_("textDocument/publishDiagnostics", Json{{"uri", shown}, {"diagnostics", std::move(list)}});
  }
  for (const std::string& uri : before) {
    if (!now.count(uri)) notify_("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", Json::array()}});
  }
  // A document with nothing to report gets an empty list, so that a client showing the
  // previous check's findings for it (from another app) drops them.
  if (!trigger.empty() && !now.count(trigger) && !before.count(trigger)) {
    notify_("textDocument/publishDiagnostics", Json{{"uri", trigger}, {"diagnostics", Json::array()}});
  }
  before = std::move(now);
}

void Workspace::clear(const std::string& root) {
  for (const std::string& uri : published_[root]) {
    notify_("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", Json::array()}});
  }
  published_.erase(root);
  analyses_.erase(root);
  parsed_.erase(root);
}

}  // namespace svcc::lsp
