#!/usr/bin/env bash
# Builds a self-contained `winnow` for cluster nodes (Swift runtime linked in statically),
# then checks it as a node runs it (scripts/check-static.sh: under `env -i`, linking no
# Swift library).
# A node needs only glibc, libstdc++ and the system libraries: ICU 72 (libicu72), OpenCC
# (libopencc1.1), zlib and zstd — Debian 12: apt-get install libicu72 libopencc1.1 zlib1g libzstd1.
# Output: .build-static/release/winnow
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product winnow --static-swift-stdlib --scratch-path .build-static
scripts/check-static.sh .build-static/release/winnow
