#!/usr/bin/env bash
# Sets up the machine, builds svcc (Release, into build/) and builds examples/shop into out/shop.
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
echo "demo: $svcc build examples/shop -o out/shop"
status=0
"$svcc" build examples/shop -o out/shop || status=$?
echo
if [ "$status" -eq 0 ]; then
  echo "demo: files written below out/shop:"
  find out/shop -type f | LC_ALL=C sort | sed 's/^/  /'
  echo
  echo "demo: out/shop/k8s/frontend/deployment.yaml begins:"
  head -n 20 out/shop/k8s/frontend/deployment.yaml | sed 's/^/  /'
else
  echo "demo: svcc build examples/shop exited with $status (see the diagnostics above)"
fi
exit "$status"
