#include "sema/pod_values.h"

#include <algorithm>
#include <array>

#include "sema/names.h"

namespace svcc::sema {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Four dot-separated numbers, or anything with a `:` (IPv6, or a port, which a host
// cannot carry either).
bool looksLikeIpAddress(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;
  int parts = 1;
  for (char c : host) {
    if (c == '.') ++parts;
    else if (!isDigit(c)) return false;
  }
  return parts == 4;
}

}  // namespace

std::optional<std::string> checkIngressHost(std::string_view host) {
  if (host.empty()) return std::nullopt;
  if (looksLikeIpAddress(host)) return "a host is a DNS name, not an IP address or a port";
  std::string_view name = host;
  if (name.starts_with("*.")) name.remove_prefix(2);
  if (name.find('*') != std::string_view::npos) return "a wildcard is allowed only as a leading `*.`";
  if (auto why = checkRfc1123Subdomain(name)) return "not a lower-case DNS name: " + *why;
  size_t begin = 0;
  while (begin < name.size()) {
    size_t end = std::min(name.find('.', begin), name.size());
    if (end - begin > 63) return "each part between dots is at most 63 characters";
    begin = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> checkIngressPath(std::string_view path) {
  if (!path.starts_with("/")) return "an ingress path must start with `/`";
  // It is matched against a request's URL path, which holds no raw space or control
  // character (RFC 3986); those are written percent-encoded.
  for (unsigned char c : path) {
    if (c <= 0x20 || c == 0x7F)
      return "an ingress path holds no spaces or control characters; write them as `%20`, `%09`…";
  }
  static constexpr std::array<std::string_view, 5> kSequences = {"//", "/./", "/../", "%2f", "%2F"};
  for (std::string_view seq : kSequences) {
    if (path.find(seq) != std::string_view::npos) return "an ingress path must not contain `" + std::string(seq) + "`";
  }
  for (std::string_view suffix : {std::string_view("/.."), std::string_view("/.")}) {
    if (path.ends_with(suffix)) return "an ingress path must not end with `" + std::string(suffix) + "`";
  }
  return std::nullopt;
}

std::optional<std::string> checkMountPath(std::string_view mount) {
  if (!mount.starts_with("/")) return "a mount path must be absolute (start with `/`)";
  if (normalMountPath(mount) == "/") return "a volume cannot be mounted over the root directory";
  if (mount.find(':') != std::string_view::npos) return "a mount path cannot contain `:`";
  size_t begin = 0;
  while (begin <= mount.size()) {
    size_t end = mount.find('/', begin);
    if (end == std::string_view::npos) end = mount.size();
    if (mount.substr(begin, end - begin) == "..") return "a mount path cannot contain `..`";
    begin = end + 1;
  }
  return std::nullopt;
}

std::string normalMountPath(std::string_view mount) {
  std::string out;
  size_t begin = 0;
  while (begin <= mount.size()) {
    size_t end = mount.find('/', begin);
    if (end == std::string_view::npos) end = mount.size();
    std::string_view segment = mount.substr(begin, end - begin);
    if (!segment.empty() && segment != ".") {
      out += '/';
      out += segment;
    }
    begin = end + 1;
  }
  return out.empty() ? std::string("/") : out;
}

}  // namespace svcc::sema
