// Phase: lsp (input limits).
// How deeply a JSON text nests, found without parsing it. nlohmann::json parses any
// depth, but copying and destroying a value recurse once per level, so one request of
// 100,000 nested arrays overflows the stack; the server measures first and refuses.
#pragma once

#include <cstddef>
#include <string_view>

namespace svcc::lsp {

// LSP messages nest a handful of levels; a document symbol tree or an edit list a few more.
inline constexpr size_t kMaxJsonDepth = 256;

// True when no array or object in `json` (brackets outside strings) is nested deeper than
// `limit`. Malformed JSON is the parser's to report, so only the depth is judged here.
bool jsonDepthAtMost(std::string_view json, size_t limit);

}  // namespace svcc::lsp
