// Phase: lsp (the requests about a document).
// Each takes the open document with the analysis it belongs to and a byte offset in it;
// hands out the `result` of the request, in the shapes of LSP 3.17.
#pragma once

#include <cstdint>

#include "lsp/positions.h"
#include "lsp/protocol.h"
#include "lsp/workspace.h"

namespace svcc::lsp {

// `textDocument/formatting`: one edit replacing the whole document, `[]` when it is
// already formatted. A document with syntax errors is refused (RequestError
// RequestFailed), as `svcc fmt` refuses it: its tree may be missing pieces.
Json formatting(const Document& doc);
// `textDocument/definition`: a Location, or null.
Json definition(const Workspace::View& view, uint32_t offset);
// `textDocument/hover`: markdown contents and the range hovered, or null.
Json hover(const Workspace::View& view, uint32_t offset);
// `textDocument/completion`: a CompletionItem list read off the text before the cursor,
// so that it works while the document does not parse. `after_space`: invoked by typing a
// space, which only `depends on ` answers.
Json completion(const Workspace::View& view, uint32_t offset, bool after_space);
// `textDocument/documentSymbol`: hierarchical DocumentSymbols.
Json documentSymbols(const Workspace::View& view);

}  // namespace svcc::lsp
