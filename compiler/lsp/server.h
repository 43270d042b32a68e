// Phase: lsp (the server loop).
// Takes JSON-RPC messages on `in`; answers requests and sends notifications on `out`,
// logs to `log` only. Hands out the process exit code: 0 after `shutdown` then `exit`,
// 1 when `exit` comes without `shutdown` or the input ends first.
#pragma once

#include <iosfwd>

#include "lsp/analysis.h"

namespace svcc::lsp {

int runServer(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options);

}  // namespace svcc::lsp
