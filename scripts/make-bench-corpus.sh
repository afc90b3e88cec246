#!/usr/bin/env bash
# Builds the 32 MiB en/zh/mixed benchmark corpora into .corpus/ (git-ignored) with the
# project's shared script (Debian packages; ~2 minutes, ~400 MB download; needs root).
# Usage: scripts/make-bench-corpus.sh [OUTDIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/.corpus}
shared=${WINNOW_SHARED:-$root/../shared}
if [ -f "$out/en.txt" ] && [ -f "$out/zh.txt" ] && [ -f "$out/mixed.txt" ]; then
  echo "corpora already in $out"; exit 0
fi
bash "$shared/bench/make-corpus.sh" "$out"
