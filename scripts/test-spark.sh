#!/usr/bin/env bash
# The Spark test (issue 8): `winnow run` as the streaming filter of PySpark's RDD.pipe gives
# the same documents as one `winnow run` over the whole corpus.
#
# 1. A venv ($VENV, default .venv-spark, reused) with pyspark ($PYSPARK, default 4.3.0).
# 2. A corpus of $DOCS (default 12000) JSONL pages from Corpora/ with one line that is not
#    JSON in the middle (scripts/spark-test-data.py).
# 3. `winnow learn` writes the corpus state; the reference is one `winnow run` that learns
#    in-process.
# 4. examples/spark/winnow_spark.py under spark-submit, master local[2] on loopback, UI off,
#    $PARTITIONS (default 4) partitions, the binary and the state shipped with --files.
# 5. The part files, in order, equal the reference; the broken line is an error document
#    and the job succeeded. Exit 1 on a mismatch.
#
# The binary: $WINNOW_BIN (default .build-static/release/winnow, built by
# scripts/build-static.sh when missing). Needs Java 17+ (Debian: default-jre-headless) and
# python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

VENV=${VENV:-.venv-spark}
PYSPARK=${PYSPARK:-4.3.0}
DOCS=${DOCS:-12000}
PARTITIONS=${PARTITIONS:-4}
WINNOW_BIN=${WINNOW_BIN:-.build-static/release/winnow}
case $VENV in /*) ;; *) VENV=$ROOT/$VENV ;; esac
case $WINNOW_BIN in /*) ;; *) WINNOW_BIN=$ROOT/$WINNOW_BIN ;; esac

t0=$(date +%s)
step() { echo "test-spark: [$(( $(date +%s) - t0 ))s] $*"; }

command -v java >/dev/null || { echo "test-spark: needs Java 17+ (Debian: apt-get install default-jre-headless)" >&2; exit 1; }
if [ ! -x "$WINNOW_BIN" ]; then
  step "building the static binary"
  scripts/build-static.sh
fi

if ! "$VENV/bin/python" -c "import pyspark; assert pyspark.__version__ == '$PYSPARK'" 2>/dev/null; then
  step "installing pyspark $PYSPARK into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "pyspark==$PYSPARK"
fi

work=$(mktemp -d /tmp/winnow-spark-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

step "corpus: $DOCS documents and a broken line"
python3 scripts/spark-test-data.py corpus "$DOCS" --broken-at $(( DOCS * 5 / 8 )) > "$work/corpus.jsonl"

step "winnow learn"
"$WINNOW_BIN" learn --quiet -o "$work/state.json" "$work/corpus.jsonl"

step "reference: one winnow run (exit 65: the broken line is a failed document)"
status=0
"$WINNOW_BIN" run --quiet -o "$work/reference.jsonl" "$work/corpus.jsonl" || status=$?
[ "$status" -eq 65 ] || { echo "test-spark: winnow run exited $status, expected 65" >&2; exit 1; }

step "spark-submit: local[2], $PARTITIONS partitions"
export SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON="$VENV/bin/python"
(cd "$work" && "$VENV/bin/spark-submit" \
  --master 'local[2]' \
  --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 \
  --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.showConsoleProgress=false \
  --driver-java-options '-Dlog4j2.rootLogger.level=warn' \
  --files "$WINNOW_BIN,$work/state.json" \
  "$ROOT/examples/spark/winnow_spark.py" \
  --binary winnow --state state.json --partitions "$PARTITIONS" \
  "$work/corpus.jsonl" "$work/out") > "$work/spark.log" 2>&1 || {
  tail -60 "$work/spark.log" >&2
  echo "test-spark: spark-submit failed" >&2
  exit 1
}
grep -E '^winnow_spark:' "$work/spark.log" || true
[ -f "$work/out/_SUCCESS" ] || { echo "test-spark: the Spark job failed (no _SUCCESS)" >&2; exit 1; }

step "comparing"
python3 scripts/spark-test-data.py compare "$work/reference.jsonl" "$work/out" --min-partitions "$PARTITIONS" --expect-errors 1
step "ok"
