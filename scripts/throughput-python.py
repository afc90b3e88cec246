#!/usr/bin/env python3
"""Throughput of the Python package against the CLI on many small documents.

Builds N documents of about SIZE bytes each (consecutive lines of the pages in Corpora/,
Chinese and English, deterministic), writes them as JSONL, then times:

- the CLI: `winnow run --format jsonl --input-format jsonl -o out.jsonl - < docs.jsonl`
  (all cores, or --jobs 1), process start-up included;
- Python: `Pipeline.process_batch(texts)` (all cores; each result parsed into a dict) and
  a plain loop of `pipeline.process(text)` (one thread), plus `clean_batch`.

MB/s counts the documents' text bytes. Not a test: run it by hand (scripts/throughput-python.sh)
and copy the numbers into docs/capi-python.md. Needs the `winnow` package importable and
WINNOW_BIN (or --winnow) naming the `winnow` binary of the same build.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import winnow

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    "Corpora/pages/cgtn-coalition-2025-03-20.txt",
    "Corpora/boilerplate/people-health-page.txt",
    *sorted(str(p.relative_to(REPO)) for p in (REPO / "Corpora/entities-gold/pages").glob("*.txt")),
]


def make_documents(n: int, size: int) -> list[str]:
    lines = []
    for s in SOURCES:
        lines += [l for l in (REPO / s).read_text(encoding="utf-8").splitlines() if l.strip()]
    docs = []
    for i in range(n):
        start = (i * 7919) % len(lines)
        parts, length, k = [], 0, start
        while length < size:
            line = lines[k % len(lines)]
            parts.append(line)
            length += len(line.encode()) + 1
            k += 1
        docs.append("\n".join(parts) + "\n")
    return docs


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--size", type=int, default=1000, help="approximate bytes per document")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs")
    ap.add_argument("--winnow", default=os.environ.get("WINNOW_BIN"), help="the winnow binary")
    args = ap.parse_args()
    if not args.winnow:
        ap.error("give --winnow or set WINNOW_BIN")

    docs = make_documents(args.documents, args.size)
    total = sum(len(d.encode()) for d in docs)
    mb = total / 1e6
    cores = os.cpu_count() or 1
    print(f"{len(docs)} documents, {total} bytes ({total / len(docs):.0f} per document), {cores} cores, "
          f"library {winnow.find_library(build=False)}")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "docs.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, d in enumerate(docs):
                f.write(json.dumps({"id": str(i), "text": d}, ensure_ascii=False) + "\n")
        out = Path(tmp) / "out.jsonl"

        def cli(jobs: int):
            def run():
                # From stdin, so no corpus pass runs (as through Python, or under Spark):
                # with a file input, `boilerplate` first learns the corpus's repeated lines.
                with src.open("rb") as stdin:
                    subprocess.run([args.winnow, "run", "--format", "jsonl", "--input-format", "jsonl", "--quiet",
                                    "--jobs", str(jobs), "-o", str(out), "-"], stdin=stdin, check=True)
            return run

        p = winnow.Pipeline.from_config()
        # Same output as the CLI (the CLI's lines also carry the id).
        cli(cores)()
        with out.open(encoding="utf-8") as f:
            cli_lines = [json.loads(l) for l in f]
        py = p.process_batch(docs)
        for i in range(0, len(docs), 97):
            expected = dict(cli_lines[i])
            del expected["id"]
            assert py[i] == expected, f"document {i} differs from the CLI's"

        results = {
            f"CLI, --jobs {cores}": best_of(args.runs, cli(cores)),
            "CLI, --jobs 1": best_of(args.runs, cli(1)),
            f"Python process_batch, {cores} threads": best_of(args.runs, lambda: p.process_batch(docs)),
            f"Python clean_batch, {cores} threads": best_of(args.runs, lambda: p.clean_batch(docs)),
            "Python process loop, 1 thread": best_of(args.runs, lambda: [p.process(d) for d in docs]),
        }
        p.close()

    cli_all = results[f"CLI, --jobs {cores}"]
    cli_one = results["CLI, --jobs 1"]
    print(f"{'':42} {'s':>7} {'MB/s':>7} {'vs CLI':>7}")
    for name, t in results.items():
        base = cli_one if "1 thread" in name or "--jobs 1" in name else cli_all
        print(f"{name:42} {t:7.3f} {mb / t:7.2f} {base / t:7.0%}")
    ratio = cli_all / results[f"Python process_batch, {cores} threads"]
    print(f"Python process_batch / CLI: {ratio:.0%} (goal >= 50%)")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
