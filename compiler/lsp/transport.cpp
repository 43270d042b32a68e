#include "lsp/transport.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

namespace svcc::lsp {

namespace {

enum class LineStatus { Ok, End, TooLong };

// One header line without its `\r\n`, read a byte at a time so that a line without a
// newline cannot grow past kMaxHeaderLineBytes.
LineStatus headerLine(std::istream& in, std::string& line) {
  line.clear();
  std::streambuf* buf = in.rdbuf();
  while (true) {
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return line.empty() ? LineStatus::End : LineStatus::TooLong;  // a partial line is broken
    }
    if (c == '\n') break;
    if (line.size() == kMaxHeaderLineBytes) return LineStatus::TooLong;
    line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return LineStatus::Ok;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

Incoming broken(std::string problem) {
  Incoming r;
  r.kind = Incoming::Kind::Broken;
  r.problem = std::move(problem);
  return r;
}

// Discards n bytes without holding them. Not istream::ignore: libstdc++'s peeks at the
// byte after the last one, which on a pipe waits for the client's next message.
bool skip(std::istream& in, size_t n) {
  char scratch[1 << 16];
  while (n > 0) {
    auto step = static_cast<std::streamsize>(std::min(n, sizeof scratch));
    if (in.rdbuf()->sgetn(scratch, step) != step) return false;
    n -= static_cast<size_t>(step);
  }
  return true;
}

}  // namespace

Incoming readMessage(std::istream& in) {
  std::optional<size_t> length;
  std::string line;
  bool first = true;
  while (true) {
    switch (headerLine(in, line)) {
      case LineStatus::End:
        if (first) return Incoming{};
        return broken("the input ended inside a header");
      case LineStatus::TooLong:
        return broken("a header line without a line break within " + std::to_string(kMaxHeaderLineBytes) + " bytes");
      case LineStatus::Ok:
        break;
    }
    first = false;
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string::npos) return broken("a header line without `:`");
    std::string_view name = std::string_view(line).substr(0, colon);
    if (!equalsIgnoringCase(name, "Content-Length")) continue;
    std::string_view value = std::string_view(line).substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size())
      return broken("a `Content-Length` that is not a number");
    length = n;
  }
  if (!length) return broken("a message without `Content-Length`");
  Incoming r;
  r.length = *length;
  if (*length > kMaxMessageBytes) {
    if (!skip(in, *length)) return broken("the input ended inside a message body");
    r.kind = Incoming::Kind::TooLarge;
    return r;
  }
  r.kind = Incoming::Kind::Message;
  r.body.assign(*length, '\0');
  if (!in.read(r.body.data(), static_cast<std::streamsize>(r.body.size())))
    return broken("the input ended inside a message body");
  return r;
}

void writeMessage(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace svcc::lsp
