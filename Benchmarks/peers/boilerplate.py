#!/usr/bin/env python3
"""Boilerplate stage speed: Winnow's `boilerplate` stage vs trafilatura, in one run.

  Benchmarks/peers/boilerplate.py --winnow PATH/TO/release/winnow \
      [--data ../shared/data/boilerplate] [--corpus .corpus/mixed.txt] [--chunk 200] [--reps 5]

Measures, single thread (`winnow run --jobs 1`):
  1. MB/s of the stage on the mixed benchmark corpus cut into page-sized documents of
     --chunk lines (the corpus has one block per line). The stage's own cost is measured
     directly: `winnow run --timings` prints the CPU (thread CPU time) and wall seconds of
     the stage's `process` calls and of its corpus pass; the stage's time is their sum.
     (Since round 11 the pass keeps its documents for the run, within --pass-memory, so
     the input is read and parsed once, in the pass, and `--timings` counts that as the
     run's reading and parsing; with `--pass-memory 0` the pass reads and parses again and
     its row holds that work.) Measured again with the state learned beforehand (`winnow learn`, then
     `winnow run --load-state`): the per-document work alone (no corpus pass).
  2. Pages/s on the DEV pages (page text, one block per line), the same way, and
     trafilatura's pages/s on the same pages. The DEV set has no HTML, so trafilatura gets
     each page's text as HTML: one <p> per line in <html><body> (escaped); it is timed in
     this process on `trafilatura.extract(html)` alone, 3 repetitions, the best kept. Then
     --pairs paired rounds (a Winnow --timings run, a trafilatura pass right after it) give
     a ratio per pair; their median is the figure to quote (the machine's drift hits both).
Each Winnow timing is the best of --reps runs. The figures of earlier rounds (the time of
the pipeline `[boilerplate]` minus that of the empty pipeline `[]`, user + system CPU of the
child, best of 3 each) are printed alongside as "subtraction", for continuity: that
difference of two whole runs moves more from run to run than a speed round's gain. Needs
trafilatura (pip) in the Python running this (e.g. a venv with `pip install trafilatura
lxml_html_clean`).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_winnow(winnow: str, pipeline: str, jsonl: str, reps: int = 3, state: str | None = None) -> tuple:
    """Best wall-clock and best CPU (user + system) seconds of `reps` runs."""
    best, best_cpu = float("inf"), float("inf")
    extra = ["--load-state", state] if state else []
    for _ in range(reps):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([winnow, "run", "--pipeline", pipeline, "--jobs", "1", "--progress", "none",
                        "--format", "jsonl", "-o", os.devnull] + extra + [jsonl],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return best, best_cpu


def parse_timings(stderr: str) -> dict:
    """The rows of a `--timings` table: name -> (documents, CPU s, wall s)."""
    rows, inside = {}, False
    for line in stderr.splitlines():
        if line.startswith("timings ") and "CPU s" in line:
            inside = True
            continue
        parts = line.rsplit(None, 3)
        if inside and len(parts) == 4:
            try:
                rows[parts[0].strip()] = (int(parts[1]), float(parts[2]), float(parts[3]))
            except ValueError:
                pass
    return rows


def stage_timing(winnow: str, pipeline: str, jsonl: str, reps: int, state: str | None = None,
                 stage: str = "boilerplate", reread: bool = False) -> tuple:
    """Best CPU and best wall seconds over `reps` runs of the stage's own time (its process
    calls plus its corpus pass, from `--timings`), and the rows of the best run. With
    `reread`, the run reads the input again after the pass (`--pass-memory 0`): the pass's
    own reading and parsing are then in its row."""
    best_cpu, best_wall, best_rows = float("inf"), float("inf"), {}
    extra = (["--load-state", state] if state else []) + (["--pass-memory", "0"] if reread else [])
    for _ in range(reps):
        r = subprocess.run([winnow, "run", "--pipeline", pipeline, "--jobs", "1", "--progress", "none",
                            "--timings", "--format", "jsonl", "-o", os.devnull] + extra + [jsonl],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        rows = parse_timings(r.stderr)
        if stage not in rows:
            sys.exit(f"no '{stage}' row in the --timings output of {winnow}:\n{r.stderr}")
        passed = rows.get(f"{stage} (corpus pass)", (0, 0.0, 0.0))
        cpu, wall = rows[stage][1] + passed[1], rows[stage][2] + passed[2]
        if cpu < best_cpu:
            best_cpu, best_rows = cpu, rows
        best_wall = min(best_wall, wall)
    return best_cpu, best_wall, best_rows


def write_jsonl(path: str, docs: list) -> int:
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, text in docs:
            size += len(text.encode("utf-8"))
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "boilerplate"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, ".corpus", "mixed.txt"))
    ap.add_argument("--chunk", type=int, default=200, help="lines per document cut from the corpus")
    ap.add_argument("--reps", type=int, default=5, help="runs of each --timings measurement (best kept)")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--pairs", type=int, default=7,
                    help="paired rounds for the DEV ratio: one Winnow --timings run, then one trafilatura "
                         "pass, the ratio taken per pair (median and range printed)")
    a = ap.parse_args()

    # (Removed at exit, also after an error: the corpus copies are ≈ 90 MB.)
    scratch = tempfile.TemporaryDirectory(prefix="winnow-boiler-bench-")
    tmp = scratch.name
    empty = os.path.join(tmp, "empty.yaml")
    boiler = os.path.join(tmp, "boilerplate.yaml")
    with open(empty, "w") as f:
        f.write("stages: []\n")
    with open(boiler, "w") as f:
        f.write("stages:\n  - boilerplate\n")

    # 1. The mixed corpus in page-sized documents.
    with open(a.corpus, encoding="utf-8") as f:
        lines = f.read().split("\n")
    docs = [(str(k), "\n".join(lines[k:k + a.chunk]) + "\n") for k in range(0, len(lines), a.chunk)]
    corpus_jsonl = os.path.join(tmp, "mixed.jsonl")
    size = write_jsonl(corpus_jsonl, docs)
    mb = size / 1e6
    print(f"mixed corpus: {mb:.1f} MB in {len(docs)} documents of {a.chunk} lines")
    sc, sw, rows = stage_timing(a.winnow, boiler, corpus_jsonl, a.reps)
    print(f"  boilerplate stage incl. its corpus pass (--timings, best of {a.reps}): {mb / max(sc, 1e-9):.1f} MB/s CPU, "
          f"{mb / max(sw, 1e-9):.1f} MB/s wall (process {rows['boilerplate'][1]:.3f} s + corpus pass "
          f"{rows.get('boilerplate (corpus pass)', (0, 0.0))[1]:.3f} s CPU)")
    rc, rw, rrows = stage_timing(a.winnow, boiler, corpus_jsonl, a.reps, reread=True)
    print(f"  the same, the input read again after the pass (--pass-memory 0): {mb / max(rc, 1e-9):.1f} MB/s CPU "
          f"(corpus pass {rrows.get('boilerplate (corpus pass)', (0, 0.0))[1]:.3f} s CPU)")
    (t0, c0), (t1, c1) = run_winnow(a.winnow, empty, corpus_jsonl), run_winnow(a.winnow, boiler, corpus_jsonl)
    print(f"  winnow run [] {t0:.2f} s wall / {c0:.2f} s CPU, [boilerplate] {t1:.2f} s wall / {c1:.2f} s CPU (1 job)")
    print(f"  subtraction ([boilerplate] - []): "
          f"{mb / max(t1 - t0, 1e-9):.1f} MB/s wall, {mb / max(c1 - c0, 1e-9):.1f} MB/s CPU; end to end {mb / t1:.1f} MB/s wall")
    # The same with the corpus state learned beforehand (`winnow learn`, then `run --load-state`):
    # the per-document work of the stage alone, with the learned site lines in use.
    state = os.path.join(tmp, "state.json")
    subprocess.run([a.winnow, "learn", "--pipeline", boiler, "--jobs", "1", "-q", "-o", state, corpus_jsonl],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lc, lw, _ = stage_timing(a.winnow, boiler, corpus_jsonl, a.reps, state=state)
    print(f"  boilerplate stage with a loaded state (per-document work only, --timings): {mb / max(lc, 1e-9):.1f} MB/s CPU, "
          f"{mb / max(lw, 1e-9):.1f} MB/s wall")
    t2, c2 = run_winnow(a.winnow, boiler, corpus_jsonl, state=state)
    print(f"  subtraction, loaded state: {mb / max(t2 - t0, 1e-9):.1f} MB/s wall, "
          f"{mb / max(c2 - c0, 1e-9):.1f} MB/s CPU; the corpus pass alone (reading and parsing included) "
          f"{max(c1 - c2, 1e-9):.2f} s CPU")

    # 2. The DEV pages.
    index = [json.loads(l) for l in open(os.path.join(a.data, "index.jsonl"), encoding="utf-8") if l.strip()]
    pages = [(r["id"], open(os.path.join(a.data, "pages", r["id"] + ".txt"), encoding="utf-8").read()) for r in index]
    pages_jsonl = os.path.join(tmp, "pages.jsonl")
    psize = write_jsonl(pages_jsonl, pages)
    # The pages are few and small: repeat them so a run lasts long enough to time.
    reps = 20
    with open(pages_jsonl, encoding="utf-8") as f:
        body = f.read()
    with open(pages_jsonl, "w", encoding="utf-8") as f:
        for _ in range(reps):
            f.write(body)
    n = len(pages) * reps
    print(f"DEV pages: {len(pages)} pages, {psize / 1e6:.2f} MB (x{reps})")
    dc, dw, _ = stage_timing(a.winnow, boiler, pages_jsonl, a.reps)
    direct_pps, direct_cpu_pps = n / max(dw, 1e-9), n / max(dc, 1e-9)
    print(f"  boilerplate stage incl. its corpus pass (--timings, best of {a.reps}): {direct_cpu_pps:.0f} pages/s CPU, "
          f"{direct_pps:.0f} pages/s wall ({psize * reps / 1e6 / max(dc, 1e-9):.1f} MB/s CPU)")
    rdc, _, _ = stage_timing(a.winnow, boiler, pages_jsonl, a.reps, reread=True)
    print(f"  the same, the input read again after the pass (--pass-memory 0): {n / max(rdc, 1e-9):.0f} pages/s CPU")
    (p0, q0), (p1, q1) = run_winnow(a.winnow, empty, pages_jsonl), run_winnow(a.winnow, boiler, pages_jsonl)
    stage_pps = n / max(p1 - p0, 1e-9)
    stage_cpu_pps = n / max(q1 - q0, 1e-9)
    print(f"  subtraction ([boilerplate] - []): {stage_pps:.0f} pages/s wall, {stage_cpu_pps:.0f} pages/s CPU "
          f"({psize * reps / 1e6 / max(q1 - q0, 1e-9):.1f} MB/s CPU); end to end {n / p1:.0f} pages/s wall")

    if not a.no_trafilatura:
        import trafilatura
        htmls = ["<html><body>" + "".join(f"<p>{html.escape(l)}</p>" for l in text.split("\n") if l) + "</body></html>"
                 for _, text in pages]
        best, best_cpu = float("inf"), float("inf")
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            for h in htmls:
                trafilatura.extract(h)
            best, best_cpu = min(best, time.perf_counter() - t), min(best_cpu, time.process_time() - c)
        tps, tps_cpu = len(pages) / best, len(pages) / best_cpu
        print(f"  trafilatura {trafilatura.__version__} extract(): {tps:.1f} pages/s wall, {tps_cpu:.1f} pages/s CPU "
              f"(page text as <p> HTML)")
        print(f"  ratio (--timings): stage {direct_cpu_pps / tps_cpu:.0f}x CPU, {direct_pps / tps:.0f}x wall "
              f"trafilatura's pages/s")
        print(f"  ratio (subtraction): stage {stage_pps / tps:.0f}x wall, {stage_cpu_pps / tps_cpu:.0f}x CPU; "
              f"end to end {n / p1 / tps:.0f}x wall")

        # Paired rounds: the machine is shared, and its speed drifts by tens of percent within
        # a minute; a ratio taken from a Winnow run and a trafilatura pass right after each
        # other sees the same drift on both sides.
        ratios = []
        for _ in range(a.pairs):
            wc, _, _ = stage_timing(a.winnow, boiler, pages_jsonl, 1)
            c = time.process_time()
            for h in htmls:
                trafilatura.extract(h)
            tc = time.process_time() - c
            ratios.append((n / max(wc, 1e-9)) / (len(pages) / max(tc, 1e-9)))
        ratios.sort()
        if ratios:
            print(f"  ratio (--timings, {len(ratios)} paired rounds, CPU): median {ratios[len(ratios) // 2]:.0f}x, "
                  f"range {ratios[0]:.0f}x to {ratios[-1]:.0f}x")


if __name__ == "__main__":
    sys.exit(main())
