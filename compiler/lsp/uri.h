// Phase: lsp (document addresses).
// Takes `file://` URIs as clients send them; hands out local paths and back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace svcc::lsp {

// The absolute, lexically normal path of a `file:` URI (percent-escapes decoded);
// nullopt for other schemes (`untitled:`) and malformed URIs.
std::optional<std::string> uriToPath(std::string_view uri);
// `file://` + the absolute path, with everything but unreserved characters and `/` escaped.
std::string pathToUri(const std::string& path);

}  // namespace svcc::lsp
