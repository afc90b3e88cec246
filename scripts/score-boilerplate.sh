#!/bin/sh
# Scores the boilerplate classifier on the DEV set with the shared scorer.
#
#   [DATA=dir] [OUT=dir] scripts/score-boilerplate.sh [score.py options, e.g. --by-source]
#
# DATA defaults to ../shared/data/boilerplate (relative to the package root), SCRATCH (the
# build folder) to .build-boil, OUT to
# .build-boil/dev-out. WINNOW_BOILERPLATE_OPTIONS='{"headline_run": 12}' tries stage options. The outputs are written by the test `exportDevOutputs` (enabled only when
# WINNOW_BOILERPLATE_OUT is set), then score.py prints P/R/F1 next to the keep-everything
# baseline. Set WINNOW_BOILERPLATE_EXPLAIN=1 to also write <id>.txt.explain files.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=${DATA:-$root/../shared/data/boilerplate}
out=${OUT:-$root/.build-boil/dev-out}
data=$(cd "$data" && pwd)
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
log="$out/../export.log"
if ! WINNOW_BOILERPLATE_DEV="$data" WINNOW_BOILERPLATE_OUT="$out" \
  swift test --scratch-path "${SCRATCH:-.build-boil}" --filter exportDevOutputs >"$log" 2>&1; then
  # (The test's own message: a bad option, a missing page.)
  grep -E "error:|✘|Expectation failed|unknown option" "$log" | head -20 >&2
  echo "score-boilerplate: exporting the DEV outputs failed (log: $log)" >&2
  exit 1
fi
python3 "$data/score.py" "$out" "$@"
