#!/usr/bin/env bash
# Checks that the Swift sources follow the repository's .swift-format (100 columns, 2-space
# indentation): fails on the first finding. `scripts/lint.sh --fix` formats them in place.
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks)
if [ "${1:-}" = "--fix" ]; then
  swift format format --in-place --recursive "${paths[@]}"
else
  swift format lint --strict --recursive "${paths[@]}"
fi
