// Phase: lsp (checking what the editor shows).
// Takes a document and the open buffers; hands out an Analysis: the app the document
// belongs to, checked exactly as `svcc lint` checks it, with the name-use index and the
// URI of every source file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lsp/documents.h"
#include "pipeline/pipeline.h"
#include "sema/index.h"

namespace svcc::lsp {

struct ServerOptions {
  std::optional<std::string> stdlib_dir;  // `svcc lsp --stdlib DIR`, as for `svcc lint`
  // `svcc lsp --allow CODE --Werror`, or the client's initializationOptions `allow` and
  // `Werror`: the same policy as the project's `svcc lint` command line.
  LintOptions lint;
};

// The app of a document on disk is its directory, as `svcc lint DIR` sees it: every
// `*.svc` below it (docs/editors.md). A document that is not on disk (`untitled:`, a
// deleted file) is an app of its own.
std::string appRootOf(const Document& doc);
// Whether the app rooted at `root` includes the file at `path`.
bool appIncludes(const std::string& root, const std::string& path);

struct Analysis {
  std::string root;  // appRootOf
  Compilation c;
  sema::NameIndex index;
  std::vector<std::string> uris;  // per FileId; empty when a file has no URI to show
};

std::unique_ptr<Analysis> analyze(const std::string& root, const Documents& docs, const ServerOptions& options);

// The file of `uri` in the analysis; kNoFile when it is not part of it.
FileId fileOf(const Analysis& a, const std::string& uri);
// The syntax tree of a file of the analysis, also when checking stopped after parsing.
const ast::File* astOf(const Analysis& a, FileId file);

}  // namespace svcc::lsp
