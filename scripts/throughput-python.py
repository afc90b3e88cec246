#!/usr/bin/env python3
"""Throughput of the Python package against the CLI on many small documents.

Builds N documents of about SIZE bytes each (consecutive lines of the pages in Corpora/,
Chinese and English, deterministic), writes them as JSONL, then times:

- the CLI: `winnow run --format jsonl --input-format jsonl -o out.jsonl - < docs.jsonl`
  (all cores, or --jobs 1), process start-up included;
- Python: `Pipeline.process_batch(texts)` (all cores; each result parsed into a dict) and
  a plain loop of `pipeline.process(text)` (one thread), plus `clean_batch`.

MB/s counts the documents' text bytes; MB/CPU-s divides by CPU time (user + system, the
CLI's as a child process), which other load on the machine disturbs less than wall time.
Rounds are interleaved and the best of each kept. Not a test: run it by hand (scripts/throughput-python.sh)
and copy the numbers into docs/capi-python.md. Needs the `winnow` package importable and
WINNOW_BIN (or --winnow) naming the `winnow` binary of the same build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def measure(fn) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process's threads plus waited-for children)."""
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    fn()
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime for a, b in ((r0, r1), (c0, c1)))
    return wall, cpu


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

        runs = {
            f"CLI, --jobs {cores}": cli(cores),
            f"Python process_batch, {cores} threads": lambda: p.process_batch(docs),
            "CLI, --jobs 1": cli(1),
            "Python process loop, 1 thread": lambda: [p.process(d) for d in docs],
            f"Python clean_batch, {cores} threads": lambda: p.clean_batch(docs),
        }
        # Interleaved rounds, best of each: the machine's load changes over a run.
        best: dict = {}
        for _ in range(args.runs):
            for name, fn in runs.items():
                wall, cpu = measure(fn)
                w, c = best.get(name, (wall, cpu))
                best[name] = (min(w, wall), min(c, cpu))
        p.close()

    cli_all = best[f"CLI, --jobs {cores}"]
    cli_one = best["CLI, --jobs 1"]
    print(f"{'':40} {'wall s':>7} {'MB/s':>6} {'vs CLI':>6} {'CPU s':>7} {'MB/CPU-s':>8} {'vs CLI':>6}")
    for name, (wall, cpu) in best.items():
        base = cli_one if "1 thread" in name or "--jobs 1" in name else cli_all
        print(f"{name:40} {wall:7.2f} {mb / wall:6.2f} {base[0] / wall:6.0%} {cpu:7.2f} {mb / cpu:8.2f} {base[1] / cpu:6.0%}")
    ratio = cli_all[0] / best[f"Python process_batch, {cores} threads"][0]
    cpu_ratio = cli_all[1] / best[f"Python process_batch, {cores} threads"][1]
    print(f"Python process_batch vs CLI: {ratio:.0%} of its MB/s, {cpu_ratio:.0%} of its MB per CPU-second (goal >= 50%)")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
