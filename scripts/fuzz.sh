#!/usr/bin/env bash
# Runs Winnow's libFuzzer targets (issue 7), one at a time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS: time per target (default 60). TARGET: FuzzNormalize FuzzTokenize FuzzJSONL
# FuzzPipelineConfig FuzzEntities FuzzBoilerplate (default: all). Each target is built with libFuzzer and
# AddressSanitizer in .build-fuzz (exactly the flags of /work/shared/TOOLCHAIN.md: swiftc
# keeps only the last -sanitize=, so both go in one -Xswiftc flag), then run on the
# committed seeds (Corpora/fuzz/TARGET/, never written) plus a growing scratch corpus
# (.build-fuzz/corpus/TARGET/). Crashes, timeouts and OOMs land in
# Corpora/fuzz-findings/TARGET/; Tests/WinnowTests/FuzzRegressionTests.swift replays them.
# Logs: .build-fuzz/logs/TARGET.log. Exit status: 0 if no target found anything, 1 if one
# did, 2 on a build error. Environment: FUZZ_FLAGS adds libFuzzer flags (e.g. -seed=1);
# FUZZ_SCRATCH sets the scratch folder (default .build-fuzz);
# FUZZ_CONFIG=debug builds without optimization (about 5x fewer executions per second than
# the default, release, which keeps Swift's bounds and overflow checks).
#
# A `make fuzz` target belongs to the Makefile's owner; it should call this script.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL=(FuzzNormalize FuzzTokenize FuzzJSONL FuzzPipelineConfig FuzzEntities FuzzBoilerplate)
SECONDS_PER_TARGET=60
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then SECONDS_PER_TARGET=$1; shift; fi
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")

SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
CONFIG=${FUZZ_CONFIG:-release}
mkdir -p "$SCRATCH/logs"
status=0
summary=()
for t in "${TARGETS[@]}"; do
  if [[ ! -d "Sources/$t" ]]; then echo "fuzz.sh: unknown target $t (known: ${ALL[*]})" >&2; exit 2; fi
  echo "== building $t"
  if ! swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product "$t" --sanitize=fuzzer \
      -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address >"$SCRATCH/logs/$t.build.log" 2>&1; then
    grep -E "error" "$SCRATCH/logs/$t.build.log" | head -20 >&2
    echo "fuzz.sh: build of $t failed (log: $SCRATCH/logs/$t.build.log)" >&2
    exit 2
  fi
  bin="$SCRATCH/$CONFIG/$t"
  seeds="Corpora/fuzz/$t"
  work="$SCRATCH/corpus/$t"
  findings="Corpora/fuzz-findings/$t"
  mkdir -p "$work" "$findings" "$seeds"
  before=$(ls "$findings" | wc -l)
  echo "== running $t for ${SECONDS_PER_TARGET}s"
  # -timeout: one input taking 30 s is a finding (inputs are < 4 KB).
  # -detect_leaks=0: LeakSanitizer reports the Swift runtime's and ICU's process-lifetime
  #  caches as leaks; leaks are not what these targets look for.
  # SWIFT_BACKTRACE=enable=no: the Swift backtracer trips ASan (memcpy in memserver_read)
  #  after a finding's fatalError; libFuzzer's own report is enough.
  started=$(date +%s)
  SWIFT_BACKTRACE=enable=no "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -rss_limit_mb=2048 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$findings/" ${FUZZ_FLAGS:-} "$work" "$seeds" \
    >"$SCRATCH/logs/$t.log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - started ))
  after=$(ls "$findings" | wc -l)
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$SCRATCH/logs/$t.log" | grep -Eo '[0-9]+$' | tail -1)
  corp=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$SCRATCH/logs/$t.log" | tail -1 | sed 's/corp: //')
  line="$t: ${elapsed}s of ${SECONDS_PER_TARGET}s, ${execs:-?} executions, corpus ${corp:-?} (units/bytes), exit $rc, new findings $((after - before))"
  summary+=("$line")
  echo "$line"
  if [[ $rc -ne 0 || $after -ne $before ]]; then
    status=1
    # The report in full (the finding's message, the stack, "Test unit written to …" and
    # the input as Base64), without libFuzzer's progress lines: a CI log alone must be
    # enough to reproduce a finding (`base64 -d` the line into a file, replay it).
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED|RELOAD)' "$SCRATCH/logs/$t.log" \
      | sed -n '/finding:\|ERROR: AddressSanitizer\|ERROR: libFuzzer\|Fatal error/,$p' | head -80 >&2
  fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
