#!/usr/bin/env bash
# Sets up the machine, builds svcc and the tools its tests drive (Release, into build/)
# and runs every ctest there: conformance, compose, editors, LSP, layers, format. Then
# builds svcc and the unit tests with ASan and UBSan (Debug, into build-asan/) and runs
# every unit test, every golden case and the fuzz corpus there (scripts/asan.sh). The
# unit tests are built once, sanitized: building them twice would not fit CI's 15
# minutes. `ctest --test-dir build` runs them unsanitized in a tree configured without
# -DSVCC_UNIT_TESTS=OFF. Exits non-zero when anything fails.
# docs/development.md says what else there is (format, tidy, fuzz) and why CI skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
options=(-G Ninja "${launcher[@]}")

echo "test: configuring and building into build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSVCC_UNIT_TESTS=OFF "${options[@]}" >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2 --timeout 300

echo "test: the unit tests, golden cases and fuzz corpus under ASan and UBSan (build-asan/)"
bash scripts/asan.sh
