#!/bin/sh
# Determinism of `svcc build` (issue 4 item 9, issue 6 item 5): each example (and two
# multi-file apps: a golden case and 300 generated services in 4 files) is built
# twice — once from its directory under LC_ALL=C and TZ=UTC, once from its files named
# in reverse order under a Turkish locale (generated into WORK; C.UTF-8 if localedef
# cannot) and TZ=Pacific/Chatham (UTC+12:45, a half-hour-odd offset) — and every output
# byte is compared: the -o tree, the --stdout stream and the --emit ir JSON.
# Usage: determinism.sh SVCC SOURCE_DIR WORK
set -eu
svcc=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work/locale"
other_locale=C.UTF-8
if localedef -i tr_TR -f UTF-8 "$work/locale/tr_TR.UTF-8" >/dev/null 2>&1; then
  other_locale=tr_TR.UTF-8
fi
echo "second run: LC_ALL=$other_locale TZ=Pacific/Chatham, files in reverse order"
cd "$src"
python3 bench/gen_services.py "$work/generated" 300
for spec in examples/seed examples/shop examples/shop:prod tests/golden/ir/two_files "$work/generated"; do
  input=${spec%%:*}
  profile=${spec#*:}
  [ "$profile" = "$spec" ] && profile=
  name=$(basename "$input")${profile:+-$profile}
  files=$(find "$input" -name '*.svc' | LC_ALL=C sort -r)
  for form in tree stdout ir; do
    case $form in
      tree) args_a="-o $work/out/$name" args_b="-o $work/out/$name" ;;
      stdout) args_a=--stdout args_b=--stdout ;;
      ir) args_a="--emit ir" args_b="--emit ir" ;;
    esac
    # shellcheck disable=SC2086 # word splitting of the argument lists is wanted
    LC_ALL=C TZ=UTC "$svcc" build "$input" ${profile:+--profile "$profile"} $args_a --quiet \
      >"$work/$name.$form.a"
    # The same output directory both times: paths in compose.yaml are relative to it.
    if [ "$form" = tree ]; then mkdir -p "$work/a" && mv "$work/out/$name" "$work/a/$name"; fi
    # shellcheck disable=SC2086
    LOCPATH="$work/locale" LC_ALL=$other_locale TZ=Pacific/Chatham \
      "$svcc" build $files ${profile:+--profile "$profile"} $args_b --quiet >"$work/$name.$form.b"
    if [ "$form" = tree ]; then mkdir -p "$work/b" && mv "$work/out/$name" "$work/b/$name"; fi
    cmp "$work/$name.$form.a" "$work/$name.$form.b"
  done
  diff -r "$work/a/$name" "$work/b/$name"
  echo "$name: $(echo "$files" | wc -l) input files, $(find "$work/a/$name" -type f | wc -l) output files, stream and IR identical"
done
