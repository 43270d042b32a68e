#!/usr/bin/env bash
# AddressSanitizer and UndefinedBehaviorSanitizer (-DSVCC_SANITIZE=ON, Debug, build-asan/).
#   scripts/asan.sh          CI's part (scripts/test.sh): a sanitized svcc runs every golden
#                            case (the Release unit-test binary of build/ drives it) and
#                            every fuzz corpus file (`dump ast` and `fmt`)
#   scripts/asan.sh --unit   every unit test sanitized too (a second build of the tests;
#                            about 17 minutes on two cores, past CI's budget)
# A report fails the run: ASan and UBSan exit with 99, LeakSanitizer with 23, and the
# golden runner fails any case that exits above 2.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -g1: line tables for the reports' stack traces, at less build time than full -g.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DSVCC_SANITIZE=ON -DSVCC_FORMAT_CHECK=OFF \
  "${launcher[@]}" >/dev/null
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"

# Runs "$@" as two gtest shards (a third process for HostileStrings with --unit), in
# parallel: a sanitized process takes a tenth of a second to start, so one process per
# test (ctest's way) would spend most of the time starting.
run_shards() {
  local pids=() failed=0 shard
  for shard in 0 1; do
    GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=$shard "$@" >"build-asan/unit-$shard.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  cat build-asan/unit-[01].log | grep -v '^Running main()'
  return "$failed"
}

if [ "${1:-}" = "--unit" ]; then
  ninja -C build-asan -j2 svcc_unit_tests  # and svcc, which the golden cases run
  unit=build-asan/tests/svcc_unit_tests
  "$unit" --gtest_brief=1 --gtest_filter='HostileStrings*' >build-asan/unit-hostile.log 2>&1 &
  hostile=$!
  failed=0
  run_shards "$unit" --gtest_brief=1 --gtest_filter='-HostileStrings*' || failed=1
  wait "$hostile" || failed=1
  grep -v '^Running main()' build-asan/unit-hostile.log
  [ "$failed" -eq 0 ] || { echo "asan: sanitized unit tests failed (build-asan/unit-*.log)" >&2; exit 1; }
  echo "asan: every unit test passed sanitized"
  exit 0
fi

[ -x build/tests/svcc_unit_tests ] || { echo "asan: build build/ first (scripts/test.sh does)" >&2; exit 2; }
ninja -C build-asan -j2 svcc
svcc="$PWD/build-asan/compiler/svcc"
SVCC_TEST_SVCC="$svcc" run_shards build/tests/svcc_unit_tests --gtest_brief=1 --gtest_filter='Golden/*' ||
  { echo "asan: golden cases failed under the sanitized svcc (build-asan/unit-*.log)" >&2; exit 1; }

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
echo "asan: golden cases and $(ls "$corpus"/*.svc | wc -l) corpus files clean under ASan and UBSan"
