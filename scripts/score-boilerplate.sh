#!/bin/sh
# Scores the boilerplate classifier on the DEV set with the shared scorer.
#
#   scripts/score-boilerplate.sh [DATA_DIR] [OUT_DIR] [score.py options...]
#
# DATA_DIR defaults to ../shared/data/boilerplate (relative to the package root), OUT_DIR to
# .build-boil/dev-out. The outputs are written by the test `exportDevOutputs` (enabled only when
# WINNOW_BOILERPLATE_OUT is set), then score.py prints P/R/F1 next to the keep-everything
# baseline. Set WINNOW_BOILERPLATE_EXPLAIN=1 to also write <id>.txt.explain files.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/data/boilerplate}
out=${2:-$root/.build-boil/dev-out}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
data=$(cd "$data" && pwd)
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
WINNOW_BOILERPLATE_DEV="$data" WINNOW_BOILERPLATE_OUT="$out" \
  swift test --scratch-path "${SCRATCH:-.build-boil}" --filter exportDevOutputs >/dev/null
python3 "$data/score.py" "$out" "$@"
