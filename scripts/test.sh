#!/usr/bin/env bash
# Runs the whole test suite (library and command-line tests).
set -euo pipefail
cd "$(dirname "$0")/.."

swift test "$@"
