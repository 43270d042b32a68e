#include "lsp/documents.h"

#include "lsp/uri.h"

namespace svcc::lsp {

const Document& Documents::open(const std::string& uri, std::string text, int64_t version) {
  Document& d = docs_[uri];
  d = Document{uri, uriToPath(uri), std::move(text), version};
  return d;
}

const Document* Documents::change(const std::string& uri, std::string text, int64_t version) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return nullptr;
  it->second.text = std::move(text);
  it->second.version = version;
  return &it->second;
}

const Document* Documents::find(const std::string& uri) const {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

OpenBuffers Documents::buffers() const {
  OpenBuffers out;
  for (const auto& [uri, d] : docs_) {
    if (d.path) out.emplace(*d.path, d.text);
  }
  return out;
}

}  // namespace svcc::lsp
