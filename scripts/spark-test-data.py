#!/usr/bin/env python3
"""Data and checks for scripts/test-spark.sh.

    spark-test-data.py corpus N [--broken-at I] > corpus.jsonl
        N JSONL pages built from the sample pages in Corpora/ (deterministic): pages of 50 sites,
        each page the site's header and footer lines (which only the corpus pass can tell are
        boilerplate) around lines of the two articles, some in full-width forms; extra fields
        (url, meta) that must pass through. With --broken-at I, line I (0-based) is a line
        that is not JSON.

    spark-test-data.py compare REFERENCE SPARK_OUTPUT_DIR --min-partitions P [--expect-errors E]
        Checks that the part files of the Spark output, in order, equal the reference (one
        `winnow run` over the corpus): every line the same bytes, except that a failed
        document must fail in both with the same error code (its message names the input
        line, which differs: a file line there, a partition line here); with --expect-errors,
        exactly E documents carry `winnow.error`. Exits 1 on a mismatch.
"""

import argparse
import glob
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITES = 50


def material():
    """The article lines of the two sample pages (the boilerplate lines are left out)."""
    english = open(os.path.join(ROOT, "Corpora/pages/cgtn-coalition-2025-03-20.txt"), encoding="utf-8").read()
    chinese = open(os.path.join(ROOT, "Corpora/boilerplate/people-health-gold.txt"), encoding="utf-8").read()
    lines = [l for l in english.splitlines() if len(l) > 80] + [l for l in chinese.splitlines() if len(l) > 20]
    if len(lines) < 10:
        sys.exit("spark-test-data: too little material in Corpora/")
    return lines


def fullwidth(line):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in line)


def corpus(n, broken_at):
    rng = random.Random(20250320)
    lines = material()
    out = sys.stdout
    for i in range(n):
        if i == broken_at:
            out.write('{"id": "broken", "text": "an unterminated string\n')
        site = i % SITES
        host = f"news{site}.example"
        header = [f"News {site} | World | Business | 健康·生活 | 登录|注册", f"热词：滚动 生活宝典 News{site} 大家谈"]
        footer = [f"Copyright © 1997-2025 by www.news{site}.example. all rights reserved"]
        body = rng.sample(lines, rng.randint(2, 5))
        body = [fullwidth(l) if rng.random() < 0.15 else l for l in body]
        doc = {
            "id": i,
            "url": f"https://{host}/article/{i}.html",
            "host": host,
            "text": "\n".join(header + body + footer) + "\n",
            "meta": {"n": i, "tags": ["spark", None, i % 2 == 0]},
        }
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def compare(reference, output_dir, min_partitions, expect_errors):
    parts = sorted(glob.glob(os.path.join(output_dir, "part-*")))
    if len(parts) < min_partitions:
        print(f"spark-test: {len(parts)} partitions, wanted at least {min_partitions}", file=sys.stderr)
        return 1
    got = []
    for p in parts:
        with open(p, encoding="utf-8") as f:
            got.extend(f.read().splitlines())
    with open(reference, encoding="utf-8") as f:
        want = f.read().splitlines()
    if len(got) != len(want):
        print(f"spark-test: {len(got)} output lines, winnow run gave {len(want)}", file=sys.stderr)
        return 1
    errors = 0
    for i, (g, w) in enumerate(zip(got, want)):
        if g == w:
            continue
        wo, go = json.loads(w), json.loads(g)
        we, ge = wo.get("winnow", {}).get("error"), go.get("winnow", {}).get("error")
        if we and ge and we.get("code") == ge.get("code") and {k: v for k, v in wo.items() if k != "winnow"} == {
            k: v for k, v in go.items() if k != "winnow"
        }:
            errors += 1
            continue
        print(f"spark-test: line {i + 1} differs\n  spark:      {g[:300]}\n  winnow run: {w[:300]}", file=sys.stderr)
        return 1
    failed = sum(1 for g in got if "error" in json.loads(g).get("winnow", {}))
    if expect_errors is not None and failed != expect_errors:
        print(f"spark-test: {failed} error documents, expected {expect_errors}", file=sys.stderr)
        return 1
    print(f"spark-test: {len(got)} documents in {len(parts)} partitions equal to one winnow run "
          f"({failed} error document{'s' if failed != 1 else ''}, {errors} with a partition-relative line)")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("n", type=int)
    c.add_argument("--broken-at", type=int, default=-1)
    k = sub.add_parser("compare")
    k.add_argument("reference")
    k.add_argument("output_dir")
    k.add_argument("--min-partitions", type=int, default=4)
    k.add_argument("--expect-errors", type=int, default=None, help="how many error documents there must be")
    args = parser.parse_args()
    if args.command == "corpus":
        corpus(args.n, args.broken_at)
        return 0
    return compare(args.reference, args.output_dir, args.min_partitions, args.expect_errors)


if __name__ == "__main__":
    sys.exit(main())
