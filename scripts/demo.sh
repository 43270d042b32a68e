#!/usr/bin/env bash
# Sets up the machine, builds svcc (Release, into build/) and runs it on examples/shop.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "demo: configuring and building svcc into build/"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2 svcc

svcc=build/compiler/svcc
echo
echo "demo: $svcc --version"
"$svcc" --version
echo "demo: $svcc check examples/shop"
status=0
"$svcc" check examples/shop || status=$?
echo
if [ "$status" -eq 0 ]; then
  echo "demo: checked $(find examples/shop -name '*.svc' | wc -l) file(s) in examples/shop: no problems found"
else
  echo "demo: svcc check examples/shop exited with $status (see the diagnostics above)"
fi
exit "$status"
