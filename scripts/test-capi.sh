#!/usr/bin/env bash
# Tests the C API: builds libWinnowC.so and `winnow`, compiles tests/capi/test.c with gcc
# against Sources/WinnowCAPI/include/winnow.h, and checks it against `winnow run` on the
# sample page (including 4 threads sharing one pipeline) and, through winnow_process_url, on
# Corpora/boilerplate/url-headline-page.txt with its URL against `winnow clean --url`.
#
# Environment: CONFIG=debug|release (default debug, which reuses `swift test`'s build),
# SCRATCH=.build (SwiftPM's scratch path), CC (default gcc, else the toolchain's clang),
# CXX (default g++, else clang++).
set -euo pipefail
cd "$(dirname "$0")/.."

CONFIG=${CONFIG:-debug}
SCRATCH=${SCRATCH:-.build}
CC=${CC:-$(command -v gcc || command -v clang)}
CXX=${CXX:-$(command -v g++ || command -v clang++ || true)}

swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product WinnowC
swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product winnow
BIN=$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)

OUT=$(mktemp -d "${TMPDIR:-/tmp}/winnow-capi.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

PAGE=Corpora/pages/cgtn-coalition-2025-03-20.txt
"$BIN/winnow" run --format jsonl --quiet < "$PAGE" > "$OUT/expected.jsonl"
"$BIN/winnow" run --format text --quiet < "$PAGE" > "$OUT/expected.txt"
URL_PAGE=Corpora/boilerplate/url-headline-page.txt
URL_FILE=Corpora/boilerplate/url-headline-page.url
"$BIN/winnow" clean --url "$(cat "$URL_FILE")" "$URL_PAGE" > "$OUT/expected-url.txt"

"$CC" -std=c11 -Wall -Wextra -Werror -O1 -pthread \
  -I Sources/WinnowCAPI/include tests/capi/test.c \
  -L "$BIN" -lWinnowC -Wl,-rpath,"$BIN" -o "$OUT/capi-test"
# The header must also compile as C++.
if [ -n "$CXX" ]; then
  echo '#include "winnow.h"
int main() { return winnow_version() == nullptr; }' > "$OUT/cxx.cpp"
  "$CXX" -std=c++17 -Wall -Werror -I Sources/WinnowCAPI/include "$OUT/cxx.cpp" \
    -L "$BIN" -lWinnowC -Wl,-rpath,"$BIN" -o "$OUT/cxx-test"
  "$OUT/cxx-test"
fi

"$OUT/capi-test" "$PAGE" "$OUT/expected.jsonl" "$OUT/expected.txt" \
  "$URL_PAGE" "$URL_FILE" "$OUT/expected-url.txt"
echo "C API test passed"
