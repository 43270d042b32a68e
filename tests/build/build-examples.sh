#!/bin/sh
# Conformance of what `svcc build` really writes (issue 4 item 7): every example, with
# no profile and with each of the profiles named here, built into WORK; every manifest
# validated by tests/conformance/validate-k8s.mjs (official OpenAPI schema, no unknown
# fields, Pod Security "restricted"), every Dockerfile linted and compose.yaml checked
# against the Compose specification by the docker helper's validators.
# Usage: build-examples.sh SVCC SOURCE_DIR WORK NODE
set -eu
svcc=$1 src=$2 work=$3 node=$4
rm -rf "$work"
cd "$src"
status=0
for spec in seed shop shop:prod runtimes blog; do
  example=${spec%%:*}
  profile=${spec#*:}
  [ "$profile" = "$spec" ] && profile=
  out="$work/$example${profile:+-$profile}"
  "$svcc" build "examples/$example" ${profile:+--profile "$profile"} -o "$out" --quiet
  printf '%s: ' "examples/$example${profile:+ --profile $profile}"
  "$node" "$src/tests/conformance/validate-k8s.mjs" "$out/k8s" || status=1
done
# ... and the app of init and sidecar containers, one of which builds its own image.
"$svcc" build tests/build/compose/containers -o "$work/containers" --quiet
printf '%s: ' "tests/build/compose/containers"
"$node" "$src/tests/conformance/validate-k8s.mjs" "$work/containers/k8s" || status=1
# Over WORK at once: the linter's exemption for the seed's fixed Dockerfile is keyed
# by the path below it (seed/docker/my-service/Dockerfile).
"$node" "$src/tests/conformance/lint-dockerfiles.mjs" "$work" || status=1
"$node" "$src/tests/conformance/validate-compose.mjs" "$work" || status=1
exit $status
