// Phase: sema (pure library, no AST).
// Takes names as written (services, ports, env vars, secrets, images); hands out the reason
// a name is invalid, parsed image references, and "did you mean" suggestions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace svcc::sema {

// Each returns std::nullopt when valid, else a lower-case reason usable as a label or note.
std::optional<std::string> checkRfc1123Label(std::string_view s);  // service names, k8s names (<= 63)
// Kubernetes Service objects need the stricter RFC 1035 label: it must start with a letter.
std::optional<std::string> checkRfc1035Label(std::string_view s);
std::optional<std::string> checkRfc1123Subdomain(std::string_view s);  // secret names (<= 253)
std::optional<std::string> checkIanaServiceName(
    std::string_view s);  // port names: <= 15, [a-z0-9-], a letter, no leading/trailing/double '-'
std::optional<std::string> checkEnvVarName(std::string_view s);      // [A-Za-z_][A-Za-z0-9_]*
std::optional<std::string> checkSecretKey(std::string_view s);       // [-._a-zA-Z0-9]+, <= 253
std::optional<std::string> checkImageReference(std::string_view s);  // [registry[:port]/]path[:tag][@algo:hex]

// Parsed parts of an image reference; a part is empty when absent (no defaults filled in).
struct ImageRef {
  std::string registry, repository, tag, digest;
};
std::optional<ImageRef> parseImageReference(std::string_view s);

// Optimal-string-alignment Damerau-Levenshtein distance (adjacent transpositions count 1).
size_t editDistance(std::string_view a, std::string_view b);

// "did you mean": the closest candidate by editDistance, only when it is close
// (distance <= max(1, len(wanted)/3)); ties go to the smallest name. Never `wanted` itself.
std::optional<std::string> nearestName(std::string_view wanted, std::span<const std::string_view> candidates);

// The name of `names` meant by `written` where names are in capitals (signals,
// capabilities): `written` upper-cased when that is one of them, else the nearest to it.
std::optional<std::string> nearestCapitalName(std::string_view written, std::span<const std::string_view> names);

// "`a`, `b`, `c`": names as a help text lists them.
std::string quotedList(std::span<const std::string_view> names);

}  // namespace svcc::sema
