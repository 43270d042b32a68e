// Phase: lsp (protocol constants).
// The JSON-RPC and LSP error codes svcc answers with, and the error a request handler
// throws to answer with one of them.
#pragma once

#include <stdexcept>
#include <string>

namespace svcc::lsp {

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
};

// Thrown by a request handler: the request is answered with this error, and the server
// carries on.
class RequestError : public std::runtime_error {
 public:
  RequestError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace svcc::lsp
