#!/usr/bin/env bash
# Installs what building and testing svcc needs on Debian 12, as root (or with sudo).
# Idempotent: only missing packages are installed, and `npm ci` runs only where a
# tests/*/package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package, and for packages another distribution of the same tool may replace
# (NodeSource's nodejs ships its own npm), the command that proves it is there.
packages=(
  cmake ninja-build g++ git
  clang                      # the libFuzzer build (-DSVCC_FUZZ=ON, scripts/fuzz.sh)
  clang-format clang-tidy    # scripts/format.sh and scripts/tidy.sh (.clang-format, .clang-tidy)
  antlr4 default-jre-headless libantlr4-runtime-dev
  libyaml-cpp-dev libfmt-dev libcli11-dev nlohmann-json3-dev libgtest-dev
  nodejs:node npm:npm        # the conformance validators under tests/*/
  graphviz:dot               # the test that `dot -Tsvg` accepts `svcc graph` output
  python3:python3            # the language-server test and the generated benchmark apps
  locales:localedef          # the Turkish locale of the determinism test
  docker-compose:docker-compose  # the test that Debian's docker-compose 1.29 reads compose.yaml
)

missing=()
for entry in "${packages[@]}"; do
  package="${entry%%:*}"
  command="${entry#*:}"
  [ "$command" != "$entry" ] && command -v "$command" >/dev/null 2>&1 && continue
  status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
  [ "$status" = installed ] || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

# The determinism test runs svcc under tr_TR.UTF-8 (dotless i); it is skipped, not
# failed, where the locale cannot be made.
if ! locale -a 2>/dev/null | grep -qi '^tr_TR\.utf-\?8$'; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo localedef -i tr_TR -f UTF-8 tr_TR.UTF-8 || echo "setup: could not generate tr_TR.UTF-8 (the Turkish-locale test will be skipped)"
fi

for lock in tests/*/package-lock.json; do
  [ -f "$lock" ] || continue
  dir="$(dirname "$lock")"
  stamp="$dir/node_modules/.svcc-lock.sha256"
  sum="$(sha256sum "$lock" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    echo "setup: $dir/node_modules is up to date"
    continue
  fi
  echo "setup: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$sum" > "$stamp"
done
