#!/usr/bin/env bash
# From a fresh Debian 12 machine with Swift 6.3: install the system libraries, build
# winnow (release) and clean the bundled sample page to standard output: the default
# normalization, then boilerplate removal (the article, without the cookie banner, the
# language pickers, the licence line, the hotline and the caption's photo credit).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product winnow >&2
.build/release/winnow clean Corpora/pages/cgtn-coalition-2025-03-20.txt
