#!/bin/sh
# Determinism of `svcc build` (issue 4 item 9, issue 6 item 5): each example is built
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
for spec in seed shop shop:prod; do
  example=${spec%%:*}
  profile=${spec#*:}
  [ "$profile" = "$spec" ] && profile=
  name=$example${profile:+-$profile}
  files=$(find "examples/$example" -name '*.svc' | LC_ALL=C sort -r)
  for form in tree stdout ir; do
    case $form in
      tree) args_a="-o $work/a/$name" args_b="-o $work/b/$name" ;;
      stdout) args_a=--stdout args_b=--stdout ;;
      ir) args_a="--emit ir" args_b="--emit ir" ;;
    esac
    # shellcheck disable=SC2086 # word splitting of the argument lists is wanted
    LC_ALL=C TZ=UTC "$svcc" build "examples/$example" ${profile:+--profile "$profile"} $args_a --quiet \
      >"$work/$name.$form.a"
    # shellcheck disable=SC2086
    LOCPATH="$work/locale" LC_ALL=$other_locale TZ=Pacific/Chatham \
      "$svcc" build $files ${profile:+--profile "$profile"} $args_b --quiet >"$work/$name.$form.b"
    cmp "$work/$name.$form.a" "$work/$name.$form.b"
  done
  diff -r "$work/a/$name" "$work/b/$name"
  echo "$name: $(find "$work/a/$name" -type f | wc -l) files, stream and IR identical"
done
