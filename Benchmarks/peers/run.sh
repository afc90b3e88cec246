#!/usr/bin/env bash
# Runs the peer comparison: installs the peers into Benchmarks/peers/.venv (pip), builds
# winnow in release mode, and times everything on the same files in one run.
# Usage: Benchmarks/peers/run.sh [CORPUS_DIR]   (default: .corpus, see scripts/make-bench-corpus.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/.corpus}
if [ ! -d "$here/.venv" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q --no-cache-dir -r "$here/requirements.txt"
fi
(cd "$root" && swift build -c release --product winnow >/dev/null)
exec "$here/.venv/bin/python" "$here/peers.py" --winnow "$root/.build/release/winnow" --corpus "$corpus" "${@:2}"
