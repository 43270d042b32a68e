#!/usr/bin/env bash
# Builds everything with Debian's clang, libFuzzer, ASan and UBSan into build-fuzz/
# (-DSVCC_FUZZ=ON; every target, so the whole tree must build with clang too) and runs
# the parser fuzzer over tests/fuzz/corpus for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS]
# New inputs go to a temporary folder, not into tests/fuzz/corpus: add one there by hand
# when it is worth keeping (a crasher, once fixed, always is). A crash leaves its input
# in build-fuzz/crashes/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DSVCC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${launcher[@]}" >/dev/null
ninja -C build-fuzz -j2

new="$(mktemp -d)"
trap 'rm -rf "$new"' EXIT
mkdir -p build-fuzz/crashes
# The first folder receives what the run finds; the corpus is only read.
build-fuzz/tests/fuzz/svcc_parse_fuzzer "$new" tests/fuzz/corpus -max_total_time="$seconds" \
  -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1
echo "fuzz: no crash in ${seconds}s; $(find "$new" -type f | wc -l) new inputs (discarded)"
