// Phase: sema (value checks, used by the finisher, sema/finish*.cpp).
// Takes single values of a service; tells, as a lower-case reason for a label, why
// Kubernetes' own validation (pod and ingress) or the kubelet would refuse them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace svcc::sema {

// An ingress host: a lower-case RFC 1123 subdomain, optionally after a leading `*.`,
// never an IP address (pkg/apis/networking/validation). Empty means any host.
std::optional<std::string> checkIngressHost(std::string_view host);
// A `Prefix` ingress path: absolute, without `//`, `/./`, `/../`, `%2f`, and not ending
// in `/.` or `/..`.
std::optional<std::string> checkIngressPath(std::string_view path);
// A volume's mount path: absolute, not `/` itself, without `..` or `:`.
std::optional<std::string> checkMountPath(std::string_view mount);
// The path the container sees: `//` collapsed, `.` segments and a trailing `/` dropped,
// so `/data/` and `/data` compare equal.
std::string normalMountPath(std::string_view mount);

}  // namespace svcc::sema
