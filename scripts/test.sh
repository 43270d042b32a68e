#!/usr/bin/env bash
# Sets up the machine, then builds svcc, its unit tests and the tools its tests drive
# once, with ASan and UBSan (Debug, into build-asan/), and runs every test there: the
# unit tests and golden cases, conformance, compose, editors, LSP, layers, format and the
# fuzz corpus (scripts/asan.sh). One sanitized tree, not a Release tree beside it: two
# trees would not fit CI's 15 minutes, and every test then runs under the sanitizers.
# `bash scripts/demo.sh` builds the Release svcc (build/). Exits non-zero when anything
# fails. docs/development.md says what else there is (tidy, fuzz) and why CI skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/asan.sh
