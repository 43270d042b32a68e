// Phase: lsp (open documents).
// Takes didOpen/didChange/didClose (full text sync); hands out the buffers the editor
// holds, by URI and, for `file:` documents, by path.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "pipeline/pipeline.h"

namespace svcc::lsp {

struct Document {
  std::string uri;
  std::optional<std::string> path;  // absolute, lexically normal; set for `file:` URIs
  std::string text;
  int64_t version = 0;
};

class Documents {
 public:
  const Document& open(const std::string& uri, std::string text, int64_t version);
  // nullptr when the document is not open.
  const Document* change(const std::string& uri, std::string text, int64_t version);
  void close(const std::string& uri) { docs_.erase(uri); }
  const Document* find(const std::string& uri) const;
  const std::map<std::string, Document>& all() const { return docs_; }
  // The open `file:` documents, for loadInputs.
  OpenBuffers buffers() const;

 private:
  std::map<std::string, Document> docs_;  // by URI
};

}  // namespace svcc::lsp
