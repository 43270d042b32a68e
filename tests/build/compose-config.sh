#!/bin/sh
# Compose files that come up (issue 11 item 3): Debian's docker-compose 1.29, the real
# consumer, reads every compose.yaml that `svcc build` writes from the examples (with and
# without a profile) and from the apps in tests/build/compose/, and every compose.yaml of
# the golden trees (tests/golden-outputs/, tests/golden/), with `docker-compose -f FILE
# config`. The secrets' variables are set to one value each, as a developer's .env does,
# and the env files of `env_from` get one key each;
# the edge app's variables must come back as exactly the values they were given.
# Usage: compose-config.sh SVCC SOURCE_DIR WORK [DOCKER_COMPOSE]
set -eu
svcc=$1 src=$2 work=$3 compose=${4:-docker-compose}
rm -rf "$work"
mkdir -p "$work"
status=0

# Runs docker-compose config on $1 with every ${SVCC_SECRET_…:?…} variable set to
# "value-of-<VARIABLE>"; the resolved file is left in $1.config.
config() {
  vars=$(grep -o '\${SVCC_SECRET_[A-Za-z0-9_]*' "$1" | sed 's/^\${//' | sort -u)
  for v in $vars; do export "$v=value-of-$v"; done
  # ... and the env files of `env_from`, one key each, as a developer writes them.
  for f in $(grep -o 'env/[a-z]*-[a-z0-9.-]*\.env' "$1" | sort -u); do
    mkdir -p "$(dirname "$1")/env"
    [ -e "$(dirname "$1")/$f" ] || echo "FROM_$(basename "$f" .env | tr 'a-z.-' 'A-Z__')=1" >"$(dirname "$1")/$f"
  done
  if (cd "$(dirname "$1")" && "$compose" -f "$(basename "$1")" config) >"$1.config" 2>"$1.err"; then
    echo "ok: ${1#"$work"/}"
  else
    echo "docker-compose refuses ${1#"$work"/}:"
    cat "$1.err"
    status=1
  fi
  for v in $vars; do unset "$v"; done
}

# The examples and the test apps, built as a user at the repository root builds them
# into out/ (the golden trees have the same layout, so their build contexts resolve).
cp -R "$src/examples" "$work/examples"
mkdir -p "$work/apps"
cp -R "$src/tests/build/compose/." "$work/apps/"
cd "$work"
for spec in examples/seed examples/shop examples/shop:prod examples/runtimes examples/blog apps/edge apps/containers apps/ready apps/templates; do
  dir=${spec%%:*}
  profile=${spec#*:}
  [ "$profile" = "$spec" ] && profile=
  out="out/$(basename "$dir")${profile:+-$profile}"
  "$svcc" build "$dir" ${profile:+--profile "$profile"} -o "$out" --quiet || status=1
  config "$work/$out/compose.yaml"
done

# The golden trees, each where its build contexts point: tests/golden-outputs/<example>
# at out/<example> beside the examples; the golden cases' trees in place.
mkdir -p "$work/golden/out"
cp -R "$src/examples" "$work/golden/examples"
for tree in "$src"/tests/golden-outputs/*/; do
  name=$(basename "$tree")
  cp -R "$tree" "$work/golden/out/$name"
  config "$work/golden/out/$name/compose.yaml"
done
find "$src/tests/golden" -name compose.yaml | sort | while read -r file; do
  copy="$work/golden/cases/${file#"$src"/tests/golden/}"
  mkdir -p "$(dirname "$copy")"
  cp "$file" "$copy"
  echo "$copy"
done >"$work/golden-cases.txt"
while read -r copy; do config "$copy"; done <"$work/golden-cases.txt"

# What compose resolved for the edge app: two secrets whose names and keys once joined
# to one variable keep two values, and the env name longer than YAML's 1024-character
# implicit key survives (compose prints it back as an explicit `? ` key), and the
# grace period is read as one, and the scratch is a sized tmpfs.
edge="$work/out/edge/compose.yaml.config"
long="L$(printf '%01099d' 0 | tr 0 O)NG"
for want in "DB_PASSWORD: value-of-SVCC_SECRET_DB_PROD__PASSWORD" \
            "PROD_PASSWORD: value-of-SVCC_SECRET_DB__PROD_PASSWORD" "? $long" "stop_grace_period: 20s" \
            "- /var/cache/edge:size=104857600" "target: /etc/edge/flags.env"; do
  if ! grep -qF -- "$want" "$edge"; then
    echo "compose resolved the edge app wrongly: no line with $want" | cut -c1-120
    status=1
  fi
done
# ... and for the containers app: the init containers as one-shot services the app waits
# for, and the sidecar in the app's network namespace.
resolved="$work/out/containers/compose.yaml.config"
for want in "api-migrate:" "condition: service_completed_successfully" "db-fix-permissions:" \
            'restart: "no"' "network_mode: service:api" "- /stats" \
            "docker/api-warmer/Dockerfile"; do
  if ! grep -qF -- "$want" "$resolved"; then
    echo "compose resolved the containers app wrongly: no line with $want"
    status=1
  fi
done
# ... and for the ready app: db (no healthcheck here) gets a wait the app and its init
# container wait for; cache (a healthcheck) is waited for as healthy.
resolved="$work/out/ready/compose.yaml.config"
for want in "api-wait-db:" "until nc -z \"\$\$SVCC_WAIT_HOST\" \"\$\$SVCC_WAIT_PORT\"" "SVCC_WAIT_PORT: '5432'" \
            "condition: service_healthy"; do
  if ! grep -qF -- "$want" "$resolved"; then
    echo "compose resolved the ready app wrongly: no line with $want"
    status=1
  fi
  if grep -qF -- "api-wait-cache" "$resolved"; then
    echo "compose runs a wait for cache, which has a healthcheck"
    status=1
  fi
done
# ... and for the templates app: compose's copy of a template dials the container port
# (api:8000), where the ConfigMap has the Service's (api:80).
for want in "out/templates/config/web/site/default.conf:proxy_pass http://api:8000/;" \
            "out/templates/config/web/upstreams/upstreams:api http://api:8000"; do
  file=${want%%:*}
  if ! grep -qF -- "${want#*:}" "$work/$file"; then
    echo "compose's copy of $file is wrong: no line with ${want#*:}"
    status=1
  fi
done
exit $status
