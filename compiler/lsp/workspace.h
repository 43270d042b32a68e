// Phase: lsp (the server's state).
// Takes the document notifications; keeps one Analysis per app with an open document,
// re-checks the apps an edit touches and publishes their diagnostics; hands out the
// analysis a request about a document is answered from.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "lsp/analysis.h"
#include "lsp/positions.h"

namespace svcc::lsp {

class Workspace {
 public:
  using Notify = std::function<void(const std::string& method, Json params)>;

  Workspace(ServerOptions options, Notify notify) : options_(std::move(options)), notify_(std::move(notify)) {}

  // From `initialize`, before any document is open.
  void setLintOptions(LintOptions lint) { options_.lint = std::move(lint); }

  void open(const std::string& uri, std::string text, int64_t version);
  void change(const std::string& uri, std::string text, int64_t version);
  void close(const std::string& uri);
  // Files changed on disk (`workspace/didChangeWatchedFiles`): every app is checked again.
  void recheckAll();

  struct View {
    const Document& doc;
    const Analysis& analysis;
    FileId file;  // the document in the analysis
    // While the app does not parse: its last analysis that did, for the names completion
    // offers (null otherwise).
    const Analysis* parsed_before;
  };
  // nullopt when `uri` is not open.
  std::optional<View> view(const std::string& uri) const;
  const Documents& documents() const { return docs_; }

 private:
  // Checks the app at `root` again and publishes; `trigger` gets what has no place.
  void recheck(const std::string& root, const std::string& trigger);
  // The app of `doc` and every other checked app that includes its file.
  void recheckAround(const Document& doc);
  // Every checked app but `except` whose directory holds `path`.
  void recheckIncluding(const std::string& path, const std::string& except);
  void clear(const std::string& root);
  // Whether `root` is inside the standard library's directory: read-only files, no app.
  bool inLibrary(const std::string& root) const;
  // The URI an open document was opened with, for a URI svcc made from a path.
  std::string clientUri(const std::string& uri) const;

  ServerOptions options_;
  Notify notify_;
  Documents docs_;
  std::map<std::string, std::unique_ptr<Analysis>> analyses_;  // by root
  std::map<std::string, std::unique_ptr<Analysis>> parsed_;    // by root: View::parsed_before
  std::map<std::string, std::set<std::string>> published_;     // root -> URIs given diagnostics
};

}  // namespace svcc::lsp
