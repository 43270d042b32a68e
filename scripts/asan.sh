#!/usr/bin/env bash
# AddressSanitizer and UndefinedBehaviorSanitizer (-DSVCC_SANITIZE=ON, Debug, build-asan/),
# CI's run of every test (scripts/test.sh): every ctest but the unit tests (conformance,
# compose, editors, LSP, layers, format; they run the sanitized svcc), every unit test
# and golden case in shards (the sanitized test binary runs the sanitized svcc), then
# every fuzz corpus file (`dump ast` and `fmt`).
# A report fails the run: ASan and UBSan exit with 99, LeakSanitizer with 23, and the
# golden runner fails any case that exits above 2.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O0 -g1: a sanitized -O1 build takes twice as long to compile (measured: 13.5 against
# about 6 minutes for the tree), more than the tests win back; -g1 gives the reports'
# stack traces their lines at less build time than full -g.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" -DSVCC_SANITIZE=ON \
  "${launcher[@]}" >/dev/null
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"

# Runs "$@" as two gtest shards, in parallel, beside a third process for the slow
# HostileStrings suite: a sanitized process takes a tenth of a second to start, so one
# process per test (ctest's way) would spend most of the time starting.
run_shards() {
  local pids=() failed=0 shard
  "$@" --gtest_filter='HostileStrings*' >build-asan/unit-hostile.log 2>&1 &
  pids+=($!)
  for shard in 0 1; do
    GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=$shard "$@" --gtest_filter='-HostileStrings*' >"build-asan/unit-$shard.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  cat build-asan/unit-hostile.log build-asan/unit-[01].log | grep -v '^Running main()'
  return "$failed"
}

ninja -C build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2 --timeout 300 -LE unit ||
  { echo "asan: a test failed under ASan and UBSan" >&2; exit 1; }
run_shards build-asan/tests/svcc_unit_tests --gtest_brief=1 ||
  { echo "asan: unit tests failed under ASan and UBSan (build-asan/unit-*.log)" >&2; exit 1; }
svcc="$PWD/build-asan/compiler/svcc"

# The corpus files are named by their hashes; svcc reads only `.svc` files.
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
for f in tests/fuzz/corpus/*; do cp "$f" "$corpus/$(basename "$f").svc"; done
failed=0
for f in "$corpus"/*.svc; do
  for command in "dump ast" "fmt"; do
    status=0
    # shellcheck disable=SC2086 # two words on purpose
    "$svcc" $command "$f" >/dev/null 2>"$corpus/stderr" || status=$?
    if [ "$status" -gt 2 ]; then
      echo "asan: svcc $command $(basename "$f" .svc) exited $status" >&2
      cat "$corpus/stderr" >&2
      failed=1
    fi
  done
done
[ "$failed" -eq 0 ] || exit 1
echo "asan: every unit test, every golden case and $(ls "$corpus"/*.svc | wc -l) corpus files clean under ASan and UBSan"
