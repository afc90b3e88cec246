#!/usr/bin/env python3
"""Builds a JSONL corpus of page-like documents from a plain-text corpus (one block per line).

Each document gathers consecutive lines until it reaches --doc-bytes, and carries an id, a
url and a user field that `winnow run` must pass through untouched. The input is re-read from
the start until --size bytes of JSONL are written.

    scripts/make-jsonl.py .corpus/mixed.txt /tmp/big.jsonl --size 1G --doc-bytes 4096
"""
import argparse
import json
import sys


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("output")
    ap.add_argument("--size", default="64M", help="JSONL bytes to write (K/M/G suffixes)")
    ap.add_argument("--doc-bytes", type=int, default=4096, help="approximate text bytes per document")
    args = ap.parse_args()
    limit = parse_size(args.size)
    written = 0
    n = 0
    with open(args.output, "w", encoding="utf-8") as out:
        while written < limit:
            with open(args.corpus, encoding="utf-8", errors="replace") as src:
                buf, size = [], 0
                for line in src:
                    buf.append(line)
                    size += len(line.encode("utf-8"))
                    if size >= args.doc_bytes:
                        doc = {"id": f"d{n}", "url": f"https://example.org/{n % 97}/{n}", "text": "".join(buf), "meta": {"n": n}}
                        s = json.dumps(doc, ensure_ascii=False) + "\n"
                        out.write(s)
                        written += len(s.encode("utf-8"))
                        n += 1
                        buf, size = [], 0
                        if written >= limit:
                            break
    print(f"{args.output}: {n} documents, {written} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
