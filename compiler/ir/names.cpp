#include "ir/names.h"

namespace svcc::ir {

namespace {

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return isLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

// 1..63 characters, alphanumeric at both ends, `allowed` in between.
template <typename Inner>
bool isToken(std::string_view s, bool (*edge)(char), Inner inner) {
  if (s.empty() || s.size() > 63 || !edge(s.front()) || !edge(s.back())) return false;
  for (char c : s)
    if (!edge(c) && !inner(c)) return false;
  return true;
}

bool isLabelName(std::string_view s) {
  return isToken(s, isAlnum, [](char c) { return c == '-' || c == '_' || c == '.'; });
}

}  // namespace

bool isDnsLabel(std::string_view name) {
  return isToken(name, isLowerAlnum, [](char c) { return c == '-'; });
}

bool isPortName(std::string_view name) {
  if (name.size() > 15 || !isDnsLabel(name) || name.find("--") != std::string_view::npos)
    return false;
  for (char c : name)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}

bool isDnsSubdomain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    if (!isDnsLabel(name.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool isLabelKey(std::string_view key) {
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return isLabelName(key);
  return isDnsSubdomain(key.substr(0, slash)) && isLabelName(key.substr(slash + 1));
}

bool isLabelValue(std::string_view value) { return value.empty() || isLabelName(value); }

}  // namespace svcc::ir
