#!/usr/bin/env bash
# Checks a self-contained `winnow` (scripts/build-static.sh) the way a cluster node runs it:
# under `env -i` (no environment at all, as PySpark's RDD.pipe starts it), from a folder
# outside the repository, linking no Swift library and nothing beyond glibc, libstdc++/libgcc
# and the system libraries Winnow names (ICU 72, OpenCC, zlib, zstd).
#
#   scripts/check-static.sh [BINARY]      (default .build-static/release/winnow)
#
# Fails (exit 1) on the first check that does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bin=${1:-.build-static/release/winnow}
case $bin in /*) ;; *) bin=$ROOT/$bin ;; esac
page=$ROOT/Corpora/pages/cgtn-coalition-2025-03-20.txt

fail() { echo "check-static: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "$bin: no such executable (build it with scripts/build-static.sh)"

# 1. Dynamic libraries: no Swift runtime or Foundation, nothing outside the allowed set.
libs=$(ldd "$bin" | awk '{print $1}' | sed 's,.*/,,')
if grep -q 'libswift\|libFoundation\|lib_Foundation\|libdispatch\|libBlocksRuntime' <<<"$libs"; then
  ldd "$bin" >&2
  fail "$bin links Swift libraries dynamically"
fi
allowed='^(linux-vdso\.so\.1|ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1|lib(c|m|dl|rt|pthread|util|resolv)\.so\.[0-9]+|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libicu(uc|i18n|data)\.so\.72|libopencc\.so\.1\.1|libmarisa\.so\.[0-9]+|libz\.so\.1|libzstd\.so\.1)$'
unexpected=$(grep -Ev "$allowed" <<<"$libs" || true)
[ -z "$unexpected" ] || { ldd "$bin" >&2; fail "unexpected libraries: $unexpected"; }

# Every run below: no environment, working directory / (no file of the repository found by
# a relative path).
run() { env -i -C / "$bin" "$@"; }

# 2. normalize from stdin.
out=$(printf 'ＡＢＣ１２３，ｄｅｆ\n中文，英文\n' | run normalize)
[ "$out" = $'ABC123,def\n中文，英文' ] || fail "normalize under env -i gave: $out"

# 3. The default pipeline (normalize, boilerplate, segment, entities) on the sample page, as JSONL.
out=$(run run --quiet --format jsonl "$page") || fail "winnow run on the sample page exited $?"
grep -q '"text":"Britain' <<<"$out" || fail "winnow run under env -i: no article text in: ${out:0:300}"
grep -q '"reason":"language-picker"' <<<"$out" || fail "winnow run under env -i: the boilerplate was not dropped"
# The entities stage's shipped gazetteer is compiled into the binary: no file beside it.
grep -q '"kind":"GPE","text":"Britain".*"id":"GB"' <<<"$out" || fail "winnow run under env -i: no gazetteer entity (Britain → GB)"
# The same as `winnow clean` (the article), and tokens from the dictionary engine (Chinese).
run clean "$page" | grep -q '^Military chiefs from around 30 countries' || fail "winnow clean under env -i"
n=$(run tokenize --count "$page")
[ "$n" -gt 300 ] || fail "tokenize --count under env -i gave $n"
zh=$(printf '互联网新闻信息许可证\n' | run tokenize)
grep -q '新闻 信息' <<<"$zh" || fail "Chinese tokens (ICU's dictionary) under env -i: $zh"

# 4. The streaming filter Spark runs: a line in, a line out; a broken line is an error line.
out=$(printf '{"id":1,"text":"Ｍｉｌｉｔａｒｙ chiefs met in Britain on Thursday to discuss a plan for peace."}\n{"id":2,"text":\n' |
  run run --input-format jsonl --jobs 1 --quiet --document-errors-ok -) || fail "the filter exited $? under env -i"
[ "$(wc -l <<<"$out")" -eq 2 ] || fail "the filter gave $(wc -l <<<"$out") lines for 2: $out"
head -1 <<<"$out" | grep -q '"text":"Military chiefs' || fail "the filter's first line: $(head -1 <<<"$out")"
tail -1 <<<"$out" | grep -q '"winnow":{"error":{' || fail "the filter's error line: $(tail -1 <<<"$out")"

echo "check-static: ok ($bin, $(du -h "$bin" | cut -f1); under env -i from /: normalize, run, clean, tokenize ($n tokens on the sample page), the JSONL filter; links only: $(tr '\n' ' ' <<<"$libs"))"
