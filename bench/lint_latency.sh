#!/bin/sh
# `svcc lint` latency on a ~1,000-line file, whole process (docs/performance.md, "Lint
# latency"). Usage: sh bench/lint_latency.sh [SVCC] [RUNS]. Writes the file with
# bench/gen_services.py (its app header plus its services, in one file), then runs
# `svcc lint FILE` RUNS times (default 30) and prints the best and the median wall time,
# /usr/bin/time's user and system time and peak RSS of one run, and with `perf` the mean
# CPU time (task-clock) of `svcc lint`, `svcc check`, `svcc dump ast` (parse only) and
# `svcc --version` (process start), which on a loaded machine says more than wall time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svcc=${1:-$here/../build/compiler/svcc}
runs=${2:-30}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$here/gen_services.py" "$dir/gen" 66 >/dev/null
{ cat "$dir/gen/app.svc"; echo; sed 1d "$dir/gen/services-000.svc"; } > "$dir/app.svc"
echo "input: $(wc -l < "$dir/app.svc") lines, $(wc -c < "$dir/app.svc") bytes, 66 services"
"$svcc" lint "$dir/app.svc" 2>"$dir/findings" || true
echo "findings: $(grep -c '^warning\[' "$dir/findings" || true) warnings, $(grep -c '^error\[' "$dir/findings" || true) errors"
: > "$dir/times"
i=0
while [ "$i" -lt "$runs" ]; do
  start=$(date +%s%N)
  "$svcc" lint "$dir/app.svc" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 )) >> "$dir/times"
  i=$((i + 1))
done
sort -n "$dir/times" | awk '{ t[NR] = $1 } END { printf "wall: best %.1f ms, median %.1f ms over %d runs\n", t[1] / 1000, t[int((NR + 1) / 2)] / 1000, NR }'
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "one run: user %U s, system %S s, max RSS %M KB" "$svcc" lint "$dir/app.svc" >/dev/null 2>"$dir/time" || true
  tail -1 "$dir/time"
fi
if command -v perf >/dev/null 2>&1; then
  for command in "--version" "dump ast $dir/app.svc" "check $dir/app.svc" "lint $dir/app.svc"; do
    # shellcheck disable=SC2086
    perf stat -r "$runs" -x, -e task-clock "$svcc" $command >/dev/null 2>"$dir/perf" || true
    echo "cpu: svcc ${command%% *}: $(grep task-clock "$dir/perf" | cut -d, -f1) ms (task-clock, mean of $runs)"
  done
fi
