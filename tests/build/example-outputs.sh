#!/bin/sh
# Golden trees for what `svcc build` writes from each example (issue 5 item 7): the
# Dockerfiles, ignore files, the Bake file, compose.yaml and the Kubernetes manifests,
# compared file by file with tests/golden-outputs/<example>/ (the manifest file, which
# carries the svcc version, and the empty lock file DIR/.svcc-lock are left out). The examples are copied into WORK and built
# from there into WORK/out/<example>, as a user at the repository root would build them
# into out/: the relative paths in the outputs (headers, build contexts) then do not
# depend on where the checkout or the build directory lies.
# Usage: example-outputs.sh SVCC SOURCE_DIR WORK     (SVCC_BLESS=1 rewrites the trees)
set -eu
svcc=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cp -R "$src/examples" "$work/examples"
cd "$work"
status=0
for example in seed shop runtimes blog; do
  out="out/$example"
  expected="$src/tests/golden-outputs/$example"
  "$svcc" build "examples/$example" -o "$out" --quiet
  rm -f "$out/.svcc-manifest.json" "$out/.svcc-lock"
  if [ "${SVCC_BLESS:-}" = 1 ]; then
    rm -rf "$expected"
    mkdir -p "$expected"
    cp -R "$out/." "$expected/"
    echo "blessed $expected"
  elif diff -ru "$expected" "$out"; then
    echo "examples/$example: $(find "$out" -type f | wc -l) files as expected"
  else
    echo "examples/$example: output differs from $expected (SVCC_BLESS=1 to accept)"
    status=1
  fi
done
exit $status
