// W1017: a credential written into `env` as literal text. It would land in plain text in
// the Deployment, the compose file and every CI log that prints them; `secret(…)` keeps it
// out. Two signs, either enough: the variable's name ends in a credential word
// (DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY), or the value has the shape of a
// well-known credential (an AWS key id, a GitHub or Slack token, a PEM private key, a URL
// with a password in it), whatever the name.
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "lint/rules.h"

namespace svcc::lint {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The credential word the name ends in, as a whole `_`-separated word or words.
std::optional<std::string_view> credentialName(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kWords = {
      "PASSWORD",   "PASSWD",      "SECRET",     "TOKEN",       "APIKEY",       "API_KEY",
      "ACCESS_KEY", "PRIVATE_KEY", "SECRET_KEY", "CREDENTIALS", "CLIENT_SECRET"};
  std::string n = upper(name);
  for (std::string_view word : kWords) {
    if (n == word || endsWith(n, "_" + std::string(word))) return word;
  }
  return std::nullopt;
}

bool allOf(std::string_view s, size_t from, size_t count, int (*is)(int)) {
  if (s.size() < from + count) return false;
  for (size_t i = from; i < from + count; ++i) {
    if (!is(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

int isUpperOrDigit(int c) { return std::isupper(c) || std::isdigit(c); }
int isTokenChar(int c) { return std::isalnum(c) || c == '_' || c == '-'; }

// What kind of well-known credential `value` looks like, if any.
std::optional<std::string> credentialShape(std::string_view value) {
  for (size_t at = value.find("AKIA"); at != std::string_view::npos; at = value.find("AKIA", at + 1)) {
    if (allOf(value, at + 4, 16, isUpperOrDigit)) return "an AWS access key id";
  }
  for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}) {
    size_t at = value.find(prefix);
    if (at != std::string_view::npos && allOf(value, at + prefix.size(), 20, isTokenChar)) return "a GitHub token";
  }
  for (std::string_view prefix : {"xoxb-", "xoxp-", "xoxa-", "xoxr-"}) {
    size_t at = value.find(prefix);
    if (at != std::string_view::npos && allOf(value, at + prefix.size(), 10, isTokenChar)) return "a Slack token";
  }
  for (std::string_view prefix : {"sk_live_", "rk_live_"}) {
    size_t at = value.find(prefix);
    if (at != std::string_view::npos && allOf(value, at + prefix.size(), 16, isTokenChar)) return "a Stripe key";
  }
  if (value.find("-----BEGIN") != std::string_view::npos && value.find("PRIVATE KEY") != std::string_view::npos) {
    return "a PEM private key";
  }
  // scheme://user:password@host
  size_t scheme = value.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view rest = value.substr(scheme + 3);
    size_t at = rest.find('@');
    size_t end = rest.find_first_of("/?#");
    if (at != std::string_view::npos && (end == std::string_view::npos || at < end)) {
      std::string_view userinfo = rest.substr(0, at);
      size_t colon = userinfo.find(':');
      if (colon != std::string_view::npos && colon + 1 < userinfo.size()) return "a URL with a password in it";
    }
  }
  return std::nullopt;
}

}  // namespace

void credentialRules(const Context& c, sema::ServiceId id) {
  const sema::Service& s = c.model.services[id];
  for (const sema::EnvEntry& e : s.env) {
    if (e.kind != sema::EnvEntry::Kind::Literal || e.value.empty() || !c.inUserFile(e.span)) continue;
    std::optional<std::string> why = credentialShape(e.value);
    if (!why) {
      std::optional<std::string_view> word = credentialName(e.name);
      if (!word) continue;
      why = "literal text in a variable named like a credential (`…" + std::string(*word) + "`)";
    }
    c.diags.report(Code::W1017, e.span, "env `" + e.name + "` of service `" + s.name + "` holds a literal credential")
        .label(*why)
        .withHelp("svcc writes env values in plain text into the manifests and compose.yaml; read it from a secret, `" +
                  e.name + " = secret(\"NAME\", \"KEY\")`, or `--allow W1017` if it is not a credential");
  }
}

}  // namespace svcc::lint
