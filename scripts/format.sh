#!/usr/bin/env bash
# Checks that every hand-written C++ file is formatted as .clang-format says:
#   scripts/format.sh       report the files that differ (clang-format --dry-run -Werror); exit 1 if any
#   scripts/format.sh -i    reformat them in place
# Generated code (ANTLR's, in the build tree) is not in git; test inputs under fixtures/
# and golden/ are data and are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--dry-run -Werror)
if [ "${1:-}" = "-i" ]; then
  mode=(-i)
elif [ $# -gt 0 ]; then
  echo "usage: scripts/format.sh [-i]" >&2
  exit 2
fi
git ls-files -z '*.cpp' '*.h' ':!:tests/golden/**' ':!:tests/fixtures/**' ':!:tests/*/fixtures/**' |
  xargs -0 -P2 -n16 clang-format --style=file "${mode[@]}" ||
  { echo "format: files above differ from .clang-format; scripts/format.sh -i fixes them" >&2; exit 1; }
