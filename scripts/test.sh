#!/usr/bin/env bash
# Sets up the machine, builds everything (Release, into build/) and runs every test:
# unit tests, golden tests (one ctest entry per case) and whatever else ctest knows.
# Then builds the unit-test binary and svcc again with ASan and UBSan (Debug, into
# build-asan/) and runs the unit tests there: the golden cases (each runs the sanitized
# svcc) and the fuzz corpus replay are among them. Exits non-zero when anything fails;
# ctest's summary is the last thing printed. docs/development.md says what else there is.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# SVCC_FORMAT_CHECK=OFF until the tree has been reformatted once (scripts/format.sh -i);
# then drop it, and the `format` test runs with the others.
options=(-G Ninja -DSVCC_FORMAT_CHECK=OFF "${launcher[@]}")

echo "test: configuring and building into build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${options[@]}" >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2 --timeout 300

echo "test: the unit tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSVCC_SANITIZE=ON "${options[@]}" >/dev/null
ninja -C build-asan -j2 svcc_unit_tests  # and svcc, which the golden cases run
# Any report fails the test it happens in: UBSan stops at the first (-fno-sanitize-recover),
# a leak makes the process exit non-zero.
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# One process per half of the tests, not ctest's one per test: a sanitized process takes
# a tenth of a second to start. HostileStrings (over a thousand runs of svcc) is a third
# process of its own, so that the two halves and it end at about the same time.
unit=build-asan/tests/svcc_unit_tests
pids=()
for shard in 0 1; do
  GTEST_TOTAL_SHARDS=2 GTEST_SHARD_INDEX=$shard "$unit" --gtest_brief=1 --gtest_filter='-HostileStrings*' \
    >"build-asan/unit-$shard.log" 2>&1 &
  pids+=($!)
done
"$unit" --gtest_brief=1 --gtest_filter='HostileStrings*' >build-asan/unit-hostile.log 2>&1 &
pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
cat build-asan/unit-*.log | grep -v '^Running main()'
[ "$failed" -eq 0 ] || { echo "test: the sanitized unit tests failed (build-asan/unit-*.log)" >&2; exit 1; }
echo "test: sanitized unit tests passed"
