#!/usr/bin/env bash
# Sets up the machine, builds everything (Release, into build/) and runs every test:
# unit tests, golden tests (one ctest entry per case) and whatever else ctest knows.
# Exits non-zero when anything fails; ctest's summary is the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "test: configuring and building into build/"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2
ctest --test-dir build --output-on-failure -j2 --timeout 300
