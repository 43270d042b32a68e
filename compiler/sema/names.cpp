#include "sema/names.h"

#include <algorithm>
#include <vector>

namespace svcc::sema {
namespace {

using Reason = std::optional<std::string>;

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlnumLower(char c) { return isLower(c) || isDigit(c); }
bool isAlnum(char c) { return isLower(c) || isUpper(c) || isDigit(c); }
bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string code(std::string_view s) { return "`" + std::string(s) + "`"; }

// Names the offending character the way a reader wants to see it.
std::string describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (isUpper(c)) return "an uppercase letter " + code(std::string(1, c));
  if (c == ' ') return "a space";
  if (u < 0x20 || u == 0x7f) return "a control character";
  if (u >= 0x80) return "a non-ASCII character";
  return code(std::string(1, c));
}

Reason tooLong(std::string_view s, size_t limit) {
  if (s.size() <= limit) return std::nullopt;
  return "longer than " + std::to_string(limit) + " characters (" + std::to_string(s.size()) + ")";
}

// The first character outside `allowed`, as "contains ...", with a hint for the usual slips.
template <typename Allowed>
Reason badCharacter(std::string_view s, Allowed allowed, std::string_view underscore_hint = "") {
  for (char c : s) {
    if (allowed(c)) continue;
    std::string reason = "contains " + describe(c);
    if (c == '_' && !underscore_hint.empty()) reason += std::string(" (") + std::string(underscore_hint) + ")";
    return reason;
  }
  return std::nullopt;
}

Reason dnsLabel(std::string_view s, size_t limit, bool letter_first) {
  if (s.empty()) return "is empty";
  if (auto r = badCharacter(
          s, [](char c) { return isAlnumLower(c) || c == '-'; }, "use `-` instead of `_`"))
    return r;
  if (letter_first && !isLower(s.front())) return "must start with a letter";
  if (!isAlnumLower(s.front())) return "must start with a letter or digit";
  if (!isAlnumLower(s.back())) return "must end with a letter or digit";
  return tooLong(s, limit);
}

// domain-component := [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
Reason checkHost(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    const std::string_view inner = host.substr(1, host.size() - 2);
    if (inner.find_first_not_of("0123456789abcdefABCDEF:") == std::string_view::npos) return std::nullopt;
    return "registry " + code(host) + " is not an IPv6 address";
  }
  size_t begin = 0;
  while (true) {
    const size_t dot = host.find('.', begin);
    const std::string_view part = host.substr(begin, dot == std::string_view::npos ? host.npos : dot - begin);
    if (part.empty()) return "registry " + code(host) + " has an empty part";
    for (char c : part)
      if (!isAlnum(c) && c != '-') return "registry " + code(host) + " contains " + describe(c);
    if (part.front() == '-' || part.back() == '-')
      return "registry " + code(host) + " has a part that starts or ends with `-`";
    if (dot == std::string_view::npos) return std::nullopt;
    begin = dot + 1;
  }
}

Reason checkDomain(std::string_view domain) {
  const size_t bracket = domain.rfind(']');
  const size_t colon = domain.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    const std::string_view port = domain.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos)
      return "registry port " + code(port) + " is not a number";
    domain = domain.substr(0, colon);
  }
  return checkHost(domain);
}

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | -+
Reason checkPathComponent(std::string_view part) {
  if (part.empty()) return std::string("has an empty path component");
  for (char c : part)
    if (!isAlnumLower(c) && c != '.' && c != '_' && c != '-')
      return "repository " + code(part) + " contains " + describe(c);
  if (!isAlnumLower(part.front())) return "repository " + code(part) + " must start with a letter or digit";
  if (!isAlnumLower(part.back())) return "repository " + code(part) + " must end with a letter or digit";
  for (size_t i = 0; i < part.size();) {
    if (isAlnumLower(part[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < part.size() && !isAlnumLower(part[j])) ++j;
    const std::string_view sep = part.substr(i, j - i);
    const bool ok = sep == "." || sep == "_" || sep == "__" || sep.find_first_not_of('-') == std::string_view::npos;
    if (!ok) return "repository " + code(part) + " has the separator " + code(sep) + " (use `.`, `_`, `__` or `-`)";
    i = j;
  }
  return std::nullopt;
}

Reason checkTag(std::string_view tag) {
  if (tag.empty()) return std::string("has `:` but no tag after it");
  if (tag.size() > 128) return "tag is longer than 128 characters (" + std::to_string(tag.size()) + ")";
  auto word = [](char c) { return isAlnum(c) || c == '_'; };
  if (!word(tag.front())) return "tag " + code(tag) + " must start with a letter, digit or `_`";
  for (char c : tag)
    if (!word(c) && c != '.' && c != '-') return "tag " + code(tag) + " contains " + describe(c);
  return std::nullopt;
}

Reason checkDigest(std::string_view digest) {
  const size_t colon = digest.find(':');
  if (colon == std::string_view::npos) return "digest " + code(digest) + " has no algorithm (write `sha256:HEX`)";
  const std::string_view algo = digest.substr(0, colon);
  const std::string_view hex = digest.substr(colon + 1);
  // digest-algorithm := [A-Za-z][A-Za-z0-9]* ([+._-] [A-Za-z][A-Za-z0-9]*)*
  bool fresh = true;
  for (char c : algo) {
    if (fresh ? (isLower(c) || isUpper(c)) : isAlnum(c)) {
      fresh = false;
    } else if (!fresh && (c == '+' || c == '.' || c == '_' || c == '-')) {
      fresh = true;
    } else {
      return "digest algorithm " + code(algo) + " is malformed";
    }
  }
  if (algo.empty() || fresh) return "digest algorithm " + code(algo) + " is malformed";
  if (!std::all_of(hex.begin(), hex.end(), isHex)) return "digest " + code(digest) + " is not hexadecimal";
  if (algo == "sha256" && hex.size() != 64)
    return "a sha256 digest has 64 hex digits, this one has " + std::to_string(hex.size());
  if (algo == "sha512" && hex.size() != 128)
    return "a sha512 digest has 128 hex digits, this one has " + std::to_string(hex.size());
  if (hex.size() < 32) return "digest " + code(digest) + " is shorter than 32 hex digits";
  return std::nullopt;
}

// Docker's rule for telling a registry from the first path component: it has a `.` or a
// `:`, is `localhost`, or is not all lowercase.
bool looksLikeRegistry(std::string_view first) {
  return first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
         std::any_of(first.begin(), first.end(), isUpper);
}

// Parses and validates in one pass; the reason is set when the reference is invalid.
ImageRef splitReference(std::string_view s, Reason& reason) {
  ImageRef ref;
  if (s.empty()) {
    reason = "is empty";
    return ref;
  }
  std::string_view rest = s;
  if (const size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if ((reason = checkDigest(ref.digest))) return ref;
  }
  const size_t slash = rest.rfind('/');
  if (const size_t colon = rest.rfind(':');
      colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if ((reason = checkTag(ref.tag))) return ref;
  }
  if (rest.size() > 255) {
    reason = "name is longer than 255 characters (" + std::to_string(rest.size()) + ")";
    return ref;
  }
  if (const size_t first = rest.find('/');
      first != std::string_view::npos && looksLikeRegistry(rest.substr(0, first))) {
    ref.registry = rest.substr(0, first);
    rest = rest.substr(first + 1);
    if ((reason = checkDomain(ref.registry))) return ref;
  }
  ref.repository = rest;
  if (rest.empty()) {
    reason = "has no repository name";
    return ref;
  }
  size_t begin = 0;
  while (true) {
    const size_t next = rest.find('/', begin);
    const auto part = rest.substr(begin, next == std::string_view::npos ? rest.npos : next - begin);
    if ((reason = checkPathComponent(part))) return ref;
    if (next == std::string_view::npos) return ref;
    begin = next + 1;
  }
}

}  // namespace

std::optional<std::string> checkRfc1123Label(std::string_view s) { return dnsLabel(s, 63, false); }

std::optional<std::string> checkRfc1035Label(std::string_view s) { return dnsLabel(s, 63, true); }

std::optional<std::string> checkRfc1123Subdomain(std::string_view s) {
  if (s.empty()) return "is empty";
  if (auto r = badCharacter(
          s, [](char c) { return isAlnumLower(c) || c == '-' || c == '.'; }, "use `-` instead of `_`"))
    return r;
  if (!isAlnumLower(s.front())) return "must start with a letter or digit";
  if (!isAlnumLower(s.back())) return "must end with a letter or digit";
  if (s.find("..") != std::string_view::npos) return "contains `..`";
  if (s.find(".-") != std::string_view::npos || s.find("-.") != std::string_view::npos)
    return "each part between dots must start and end with a letter or digit";
  return tooLong(s, 253);
}

std::optional<std::string> checkIanaServiceName(std::string_view s) {
  if (s.empty()) return "is empty";
  if (auto r = badCharacter(
          s, [](char c) { return isAlnumLower(c) || c == '-'; }, "use `-` instead of `_`"))
    return r;
  if (auto r = tooLong(s, 15)) return r;
  if (s.front() == '-') return "must not start with `-`";
  if (s.back() == '-') return "must not end with `-`";
  if (s.find("--") != std::string_view::npos) return "must not contain `--`";
  if (std::none_of(s.begin(), s.end(), isLower)) return "must contain at least one letter";
  return std::nullopt;
}

std::optional<std::string> checkEnvVarName(std::string_view s) {
  if (s.empty()) return "is empty";
  if (isDigit(s.front())) return "must start with a letter or `_`";
  for (char c : s) {
    if (isAlnum(c) || c == '_') continue;
    std::string reason = "contains " + describe(c);
    if (c == '-' || c == '.') reason += " (use `_`)";
    return reason;
  }
  return std::nullopt;
}

std::optional<std::string> checkSecretKey(std::string_view s) {
  if (s.empty()) return "is empty";
  if (auto r = badCharacter(s, [](char c) { return isAlnum(c) || c == '-' || c == '.' || c == '_'; })) return r;
  if (s == "." || s == "..") return "must not be " + code(s);
  if (s.starts_with("..")) return "must not start with `..`";
  return tooLong(s, 253);
}

std::optional<std::string> checkImageReference(std::string_view s) {
  Reason reason;
  splitReference(s, reason);
  return reason;
}

std::optional<ImageRef> parseImageReference(std::string_view s) {
  Reason reason;
  ImageRef ref = splitReference(s, reason);
  if (reason) return std::nullopt;
  return ref;
}

size_t editDistance(std::string_view a, std::string_view b) {
  // Three rolling rows: the transposition case looks two rows back.
  const size_t m = b.size();
  std::vector<size_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> nearestName(std::string_view wanted, std::span<const std::string_view> candidates) {
  const size_t limit = std::max<size_t>(1, wanted.size() / 3);
  std::optional<std::string_view> best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    if (c == wanted) continue;
    const size_t gap = c.size() > wanted.size() ? c.size() - wanted.size() : wanted.size() - c.size();
    if (gap > limit || gap > best_distance) continue;
    const size_t d = editDistance(wanted, c);
    if (d < best_distance || (d == best_distance && best && c < *best)) {
      best = c;
      best_distance = d;
    }
  }
  if (!best) return std::nullopt;
  return std::string(*best);
}

std::optional<std::string> nearestCapitalName(std::string_view written, std::span<const std::string_view> names) {
  std::string upper(written);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(names.begin(), names.end(), upper) != names.end()) return upper;
  return nearestName(upper, names);
}

std::string quotedList(std::span<const std::string_view> names) {
  std::string list;
  for (std::string_view n : names) list += (list.empty() ? "`" : ", `") + std::string(n) + "`";
  return list;
}

}  // namespace svcc::sema
