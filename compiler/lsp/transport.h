// Phase: lsp (transport).
// Takes the bytes of stdin; hands out JSON-RPC message bodies framed the way the Language
// Server Protocol frames them (`Content-Length: N`, an empty line, N bytes), and frames
// the bodies written back. JSON itself is not looked at here.
//
// The input is untrusted (any process can write to a server's stdin): nothing read here
// grows without a bound. A header line is at most kMaxHeaderLineBytes, a body at most
// kMaxMessageBytes; a larger body is skipped, not allocated, and reported so the server
// can answer it and go on.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace svcc::lsp {

inline constexpr size_t kMaxMessageBytes = size_t{64} << 20;
// Real headers are `Content-Length: N` and `Content-Type: ...`, well under 100 bytes.
inline constexpr size_t kMaxHeaderLineBytes = 4096;

struct Incoming {
  enum class Kind {
    Message,   // body holds the message
    TooLarge,  // the body of `length` bytes was over kMaxMessageBytes and was skipped
    End,       // the input ended between messages
    Broken,    // a header that cannot be read, or a truncated body: the stream is unusable
  };
  Kind kind = Kind::End;
  std::string body;
  size_t length = 0;
  std::string problem;  // what was wrong, for Broken
};

Incoming readMessage(std::istream& in);
void writeMessage(std::ostream& out, const std::string& body);

}  // namespace svcc::lsp
