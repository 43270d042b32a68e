#!/usr/bin/env bash
# Runs clang-tidy (the checks of .clang-tidy) over every project .cpp file, two at a time,
# with the compile commands of build/ (configure it first: scripts/test.sh does). Exits
# non-zero on any warning. Usage: scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json; configure $build first" >&2; exit 2; }
# ANTLR's parser is generated into the build tree at build time; its headers must exist.
ninja -C "$build" svcc_antlr_generated >/dev/null

# Project sources that the build compiles (bench/ and the fuzzer are built only on request,
# so they have no compile command in a default build).
mapfile -t files < <(git ls-files '*.cpp' | grep -v '^tests/golden/\|^tests/fixtures/' |
  while read -r f; do grep -q "\"file\": \"$PWD/$f\"" "$build/compile_commands.json" && echo "$f"; done)
echo "tidy: ${#files[@]} files"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# -Wno-unknown-warning-option: the commands are GCC's (-Wno-restrict). --quiet drops the per-file "N warnings generated" chatter; the system headers' own
# warnings are not shown (HeaderFilterRegex) and do not count.
status=0
printf '%s\n' "${files[@]}" | xargs -P2 -n4 clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option >"$log" 2>&1 || status=$?
if grep -q 'warning:\|error:' "$log"; then
  cat "$log"
  echo "tidy: $(grep -c 'warning:\|error:' "$log") findings" >&2
  exit 1
fi
[ "$status" -eq 0 ] || { cat "$log"; exit "$status"; }
echo "tidy: clean"
