#include "lsp/transport.h"

#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

namespace svcc::lsp {

namespace {

// One header line without its `\r\n`; nullopt at the end of input.
std::optional<std::string> headerLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> readMessage(std::istream& in) {
  std::optional<size_t> length;
  while (true) {
    std::optional<std::string> line = headerLine(in);
    if (!line) return std::nullopt;
    if (line->empty()) break;
    size_t colon = line->find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string_view name = std::string_view(*line).substr(0, colon);
    if (!equalsIgnoringCase(name, "Content-Length")) continue;
    std::string_view value = std::string_view(*line).substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n > kMaxMessageBytes) return std::nullopt;
    length = n;
  }
  if (!length) return std::nullopt;
  std::string body(*length, '\0');
  if (!in.read(body.data(), static_cast<std::streamsize>(body.size()))) return std::nullopt;
  return body;
}

void writeMessage(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace svcc::lsp
