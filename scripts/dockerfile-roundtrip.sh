#!/usr/bin/env bash
# Dockerfile strings read back by a real builder (issue 11 item 4): the unit property
# test (tests/unit/hostile_strings_test.cpp) reads svcc's Dockerfiles with BuildKit's
# rules re-implemented; this script hands them to Debian's buildah, which parses them
# with the Dockerfile parser Podman and BuildKit share (openshift/imagebuilder on
# moby/buildkit's parser), builds each against a local base image made from busybox,
# and compares what the image records (WorkingDir, Env, Cmd, files written by COPY)
# with the source strings. Too heavy for CI (root, a storage driver, ~1 s per image);
# run it by hand:  sudo bash scripts/dockerfile-roundtrip.sh [SVCC]
# Needs: apt-get install buildah busybox-static jq
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
svcc=${1:-$here/build/compiler/svcc}
work=$(mktemp -d)
trap 'rm -rf "$work"; buildah rm --all >/dev/null 2>&1 || true' EXIT
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot

# A local base image: busybox's static binary and its applets, nothing pulled.
base=svcc-roundtrip-base
if ! buildah inspect --type image "localhost/$base" >/dev/null 2>&1; then
  ctr=$(buildah from scratch)
  mnt=$(buildah mount "$ctr")
  mkdir -p "$mnt/bin" "$mnt/tmp"
  cp /bin/busybox "$mnt/bin/busybox"
  for applet in sh cat printf env ls; do ln -s busybox "$mnt/bin/$applet"; done
  buildah umount "$ctr" >/dev/null
  buildah commit -q "$ctr" "$base" >/dev/null
  buildah rm "$ctr" >/dev/null
fi

# The strings: each is a workdir, an env value, a CMD item and a copied file's name.
strings=('plain' 'a b' '$HOME' '${HOME}' '$(id)' "it's" '"dq"' 'x #c' '---' 'tab	x' $'a\u2028b' $'caf\u00e9' 'a\\nb')
fail=0 ok=0 refused=0
# The svc literal of $1: JSON's escapes are svc's for `"`, `\`, `\n` and `\t`; `$` is escaped.
lit() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1], ensure_ascii=False).replace("$", "\\$"))' "$1"; }
for s in "${strings[@]}"; do
  rm -rf "$work/app" "$work/out"
  mkdir -p "$work/app"
  file="f$s"
  printf 'x' > "$work/app/$file" 2>/dev/null || { echo "skip (not a file name): $s"; continue; }
  wd_want="/w$s"
  # A workdir with quotes or backslashes is refused (E0530); the other positions are
  # then tried under a plain workdir.
  case "$s" in *[\"\'\\]*) wd_want=/w ;; esac
  cat > "$work/app/app.svc" <<SVC
service b {
  build {
    from "localhost/$base"
    workdir $(lit "$wd_want")
    copy $(lit "$file") $(lit "/d/$file")
    env V = $(lit "$s")
    user 10001
  }
  port http = 8080
  command = [$(lit "$s")]
}
SVC
  if ! "$svcc" build "$work/app" -o "$work/out" --quiet 2>"$work/err"; then
    echo "refused by svcc: $s ($(grep -o 'E[0-9]*' "$work/err" | head -1))"; refused=$((refused + 1)); continue
  fi
  img="svcc-roundtrip-$ok$fail$refused"
  if ! buildah bud -q --layers=false -f "$work/out/docker/b/Dockerfile" -t "$img" "$work/app" >"$work/bud" 2>&1; then
    echo "buildah refused the Dockerfile for $s:"; cat "$work/bud"; fail=$((fail + 1)); continue
  fi
  cfg=$(buildah inspect --type image "$img")
  wd=$(jq -r '.OCIv1.config.WorkingDir' <<<"$cfg")
  env=$(jq -r '.OCIv1.config.Env[] | select(startswith("V=")) | .[2:]' <<<"$cfg")
  cmd=$(jq -r '.OCIv1.config.Cmd[0]' <<<"$cfg")
  ctr=$(buildah from "$img"); mnt=$(buildah mount "$ctr")
  copied=no; [ -f "$mnt/d/$file" ] && copied=yes
  buildah umount "$ctr" >/dev/null; buildah rm "$ctr" >/dev/null; buildah rmi "$img" >/dev/null
  if [ "$wd" = "$wd_want" ] && [ "$env" = "$s" ] && [ "$cmd" = "$s" ] && [ $copied = yes ]; then
    ok=$((ok + 1))
  else
    echo "MISMATCH for $(printf %q "$s"): WorkingDir=$(printf %q "$wd") V=$(printf %q "$env") Cmd=$(printf %q "$cmd") copied=$copied"
    fail=$((fail + 1))
  fi
done
echo "dockerfile round trip: $ok exact, $refused refused by svcc, $fail wrong"
[ $fail -eq 0 ]
