#!/usr/bin/env bash
# CI fuzz step (issue 7): every libFuzzer target for SECONDS (default 60) on the committed
# seed corpus only (Corpora/fuzz/TARGET/), one target after another.
#
#   scripts/fuzz-ci.sh [SECONDS]
#
# Runs scripts/fuzz.sh in its own scratch folder (FUZZ_SCRATCH, default .build-fuzz-ci) with
# the working corpus emptied first, so a run starts from the seeds and not from a local
# scratch corpus. A finding lands in Corpora/fuzz-findings/TARGET/ and fails the step
# (exit 1; the log's report and each new file as Base64 are printed); a build error exits
# 2. Reproduce a CI finding from the log: `base64 -d` its line into a file under
# Corpora/fuzz-findings/TARGET/, then `swift test --filter FuzzRegressionTests` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
export FUZZ_SCRATCH=${FUZZ_SCRATCH:-.build-fuzz-ci}
rm -rf "$FUZZ_SCRATCH/corpus"
status=0
scripts/fuzz.sh "$seconds" || status=$?
if [[ $status -ne 0 ]]; then
  echo "fuzz-ci.sh: failed (exit $status); new files under Corpora/fuzz-findings:" >&2
  git status --porcelain -- Corpora/fuzz-findings >&2 || true
  # Each new file as Base64, so the CI log is enough to replay it (`base64 -d > FILE`).
  git ls-files --others --exclude-standard -- Corpora/fuzz-findings | while read -r f; do
    echo "$f (base64):" >&2
    head -c 4096 "$f" | base64 -w 0 >&2
    echo >&2
  done
fi
exit $status
