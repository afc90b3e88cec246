#!/usr/bin/env bash
# Builds a self-contained `winnow` for cluster nodes (Swift runtime linked in statically) and
# checks that it runs under `env -i` and links no Swift library dynamically.
# A node needs only glibc, libstdc++ and the system libraries: ICU 72 (libicu72), OpenCC
# (libopencc1.1), zlib and zstd — Debian 12: apt-get install libicu72 libopencc1.1 zlib1g libzstd1.
# Output: .build-static/release/winnow
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product winnow --static-swift-stdlib --scratch-path .build-static
bin=.build-static/release/winnow
if ldd "$bin" | grep -q 'libswift\|libFoundation\|lib_Foundation'; then
  echo "build-static: $bin still links Swift libraries dynamically:" >&2
  ldd "$bin" >&2
  exit 1
fi
out=$(printf 'ＡＢＣ１２３，ｄｅｆ\n中文，英文\n' | env -i "$bin" normalize)
expected=$'ABC123,def\n中文，英文'
if [ "$out" != "$expected" ]; then
  echo "build-static: unexpected output under env -i: $out" >&2
  exit 1
fi
n=$(env -i "$bin" tokenize --count Corpora/pages/cgtn-coalition-2025-03-20.txt)
echo "build-static: ok ($bin, $(du -h "$bin" | cut -f1); runs under env -i; $n tokens on the sample page)"
