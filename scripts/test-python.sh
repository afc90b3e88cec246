#!/usr/bin/env bash
# Tests the Python package (python/) and the C API: builds libWinnowC.so and `winnow`,
# creates a venv, installs pytest and the package (`pip install ./python`), runs pytest
# (which compares Python's output with `winnow run`'s), then scripts/test-capi.sh.
#
# Environment: CONFIG=debug|release (default debug, which reuses `swift test`'s build),
# SCRATCH=.build (SwiftPM's scratch path), VENV=.build-venv (reused between runs).
# Needs python3 with venv (Debian: python3-venv) and gcc.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CONFIG=${CONFIG:-debug}
SCRATCH=${SCRATCH:-.build}
VENV=${VENV:-.build-venv}

swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product WinnowC
swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product winnow
BIN=$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)

case $VENV in /*) ;; *) VENV=$ROOT/$VENV ;; esac
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pytest
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
rm -rf python/build python/*.egg-info

# Run from outside python/ so the installed package is the one imported.
cd /tmp
WINNOW_LIB="$BIN/libWinnowC.so" WINNOW_BIN="$BIN/winnow" \
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$ROOT/python/tests"
cd "$ROOT"

CONFIG=$CONFIG SCRATCH=$SCRATCH scripts/test-capi.sh
