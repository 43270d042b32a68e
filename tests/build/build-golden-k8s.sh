#!/bin/sh
# Conformance of the Kubernetes manifests of every passing `build` golden case (issue 11
# item 1): each tests/golden/build/*.svc without the `fail_` prefix is built into WORK and
# its manifests validated by tests/conformance/validate-k8s.mjs (one app at a time: two
# cases may well use one ingress host), so the corners those cases pin down (escaped env
# values, the assumed user, volumes, ingresses) are not only as expected but also
# accepted by Kubernetes' rules.
# Usage: build-golden-k8s.sh SVCC SOURCE_DIR WORK NODE
set -eu
svcc=$1 src=$2 work=$3 node=$4
rm -rf "$work"
mkdir -p "$work"
cd "$src/tests/golden/build"
status=0
for case in *.svc; do
  case "$case" in fail_*) continue ;; esac
  "$svcc" build "$case" -o "$work/${case%.svc}" --quiet
  printf '%s: ' "tests/golden/build/$case"
  "$node" "$src/tests/conformance/validate-k8s.mjs" "$work/${case%.svc}/k8s" || status=1
done
exit $status
