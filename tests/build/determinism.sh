#!/bin/sh
# Determinism of `svcc build` (issue 4 item 9, issue 6 item 5): each example (and two
# multi-file apps: a golden case and 300 generated services in 4 files) is built three
# times and every output byte is compared: the -o tree, the --stdout stream, the
# --emit ir JSON and the --all-profiles tree.
#   a: from the source tree, directory named, LC_ALL=C, TZ=UTC;
#   b: the same working directory, files named one by one in reverse order, a Turkish
#      locale (generated into WORK; C.UTF-8 if localedef cannot) and TZ=Pacific/Chatham
#      (UTC+12:45, a half-hour-odd offset);
#   c: another working directory (WORK/elsewhere), every path absolute, and an emptied
#      environment (env -i, another HOME) - so no path, locale or variable leaks in.
# Usage: determinism.sh SVCC SOURCE_DIR WORK
set -eu
svcc=$1 src=$2 work=$3
# Moves the -o tree of the current form aside as run $1's, so the next run starts afresh.
keep_tree() {
  case $form in tree | profiles)
    mkdir -p "$work/$1" && mv "$work/out/$name" "$work/$1/$name.$form" ;;
  esac
}
rm -rf "$work"
mkdir -p "$work/locale"
other_locale=C.UTF-8
if localedef -i tr_TR -f UTF-8 "$work/locale/tr_TR.UTF-8" >/dev/null 2>&1; then
  other_locale=tr_TR.UTF-8
fi
echo "run b: LC_ALL=$other_locale TZ=Pacific/Chatham, files in reverse order"
echo "run c: from $work/elsewhere, absolute paths, env -i"
mkdir -p "$work/elsewhere"
cd "$src"
python3 bench/gen_services.py "$work/generated" 300
for spec in examples/seed examples/shop examples/shop:prod examples/blog tests/golden/ir/two_files "$work/generated"; do
  input=${spec%%:*}
  profile=${spec#*:}
  [ "$profile" = "$spec" ] && profile=
  name=$(basename "$input")${profile:+-$profile}
  files=$(find "$input" -name '*.svc' | LC_ALL=C sort -r)
  absolute_input=$(cd "$input" && pwd)
  forms="tree stdout ir"
  [ -z "$profile" ] && forms="$forms profiles"
  for form in $forms; do
    case $form in
      tree) args="-o $work/out/$name" ;;
      profiles) args="--all-profiles -o $work/out/$name" ;;
      stdout) args=--stdout ;;
      ir) args="--emit ir" ;;
    esac
    # The same output directory every time: paths in compose.yaml are relative to it.
    # shellcheck disable=SC2086 # word splitting of the argument lists is wanted
    LC_ALL=C TZ=UTC "$svcc" build "$input" ${profile:+--profile "$profile"} $args --quiet >"$work/$name.$form.a"
    keep_tree a
    # shellcheck disable=SC2086
    LOCPATH="$work/locale" LC_ALL=$other_locale TZ=Pacific/Chatham \
      "$svcc" build $files ${profile:+--profile "$profile"} $args --quiet >"$work/$name.$form.b"
    keep_tree b
    # shellcheck disable=SC2086
    (cd "$work/elsewhere" && env -i HOME="$work/elsewhere" PATH=/usr/bin:/bin \
      "$svcc" build "$absolute_input" ${profile:+--profile "$profile"} $args --quiet >"$work/$name.$form.c")
    keep_tree c
    cmp "$work/$name.$form.a" "$work/$name.$form.b"
    cmp "$work/$name.$form.a" "$work/$name.$form.c"
    case $form in tree | profiles)
      diff -r "$work/a/$name.$form" "$work/b/$name.$form"
      diff -r "$work/a/$name.$form" "$work/c/$name.$form" ;;
    esac
  done
  echo "$name: $(echo "$files" | wc -l) input files, $(find "$work/a/$name.tree" -type f | wc -l) output files; trees, stream and IR identical across a, b, c"
done
