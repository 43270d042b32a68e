#!/usr/bin/env bash
# Sets up the machine, builds everything (Release, into build/) and runs every test:
# unit tests, golden tests (one ctest entry per case) and whatever else ctest knows.
# Then builds svcc again with ASan and UBSan (Debug, into build-asan/) and runs every
# golden case and fuzz corpus file through it (scripts/asan.sh; `scripts/asan.sh --unit`
# runs all unit tests sanitized, which takes longer than CI may). Exits non-zero when
# anything fails.
# docs/development.md says what else there is (format, tidy, fuzz) and why CI skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
options=(-G Ninja "${launcher[@]}")

echo "test: configuring and building into build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${options[@]}" >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2 --timeout 300

echo "test: the golden cases and the fuzz corpus under ASan and UBSan (build-asan/)"
bash scripts/asan.sh
