// Phase: lsp (transport).
// Takes the bytes of stdin; hands out JSON-RPC message bodies framed the way the Language
// Server Protocol frames them (`Content-Length: N`, an empty line, N bytes), and frames
// the bodies written back. JSON itself is not looked at here.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace svcc::lsp {

// A body larger than this is taken as a broken stream, not allocated.
inline constexpr size_t kMaxMessageBytes = size_t{64} << 20;

// The next message body; nullopt at the end of input or on a header that cannot be read
// (no `Content-Length`, a bad number, a truncated body): the stream is unusable then.
std::optional<std::string> readMessage(std::istream& in);
void writeMessage(std::ostream& out, const std::string& body);

}  // namespace svcc::lsp
