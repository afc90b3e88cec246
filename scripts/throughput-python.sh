#!/usr/bin/env bash
# Throughput of the Python package vs `winnow run` on 10,000 documents of ~1 KB
# (scripts/throughput-python.py). Release build; a venv with the package in .build-venv.
# Not a CI test (wall-clock noise here is large); record the numbers in docs/capi-python.md.
# Environment: SCRATCH=.build, VENV=.build-venv; arguments go to throughput-python.py.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=${SCRATCH:-.build}
VENV=${VENV:-.build-venv}
case $VENV in /*) ;; *) VENV=$ROOT/$VENV ;; esac

swift build -c release --scratch-path "$SCRATCH" --product WinnowC
swift build -c release --scratch-path "$SCRATCH" --product winnow
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
rm -rf python/build python/*.egg-info
cd /tmp
WINNOW_LIB="$BIN/libWinnowC.so" WINNOW_BIN="$BIN/winnow" "$VENV/bin/python" "$ROOT/scripts/throughput-python.py" "$@"
