// Phase: ir (checks lowering runs before anything is emitted).
// Takes names and label text; hands out whether Kubernetes accepts them.
#pragma once

#include <string_view>

namespace svcc::ir {

// RFC 1123 label: 1..63 of [a-z0-9-], starting and ending alphanumeric: volume and
// namespace names. A Service's name must also start with a letter (RFC 1035), which
// the language requires of every name anyway.
bool isDnsLabel(std::string_view name);
// An IANA service name, what Kubernetes requires of a port name: a DNS label of at
// most 15 characters with at least one letter and no `--`.
bool isPortName(std::string_view name);
// RFC 1123 subdomain: dot-separated DNS labels, 253 characters at most (namespaces
// allow only a label; secret names and label-key prefixes allow a subdomain).
bool isDnsSubdomain(std::string_view name);
// A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name 1..63 of
// [A-Za-z0-9-_.] starting and ending alphanumeric.
bool isLabelKey(std::string_view key);
// A label value: empty, or up to 63 of [A-Za-z0-9-_.] starting and ending alphanumeric.
bool isLabelValue(std::string_view value);

}  // namespace svcc::ir
