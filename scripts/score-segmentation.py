#!/usr/bin/env python3
"""Word segmentation F1 of `winnow tokenize` on the UD Chinese GSD dev sets.

Standard SIGHAN-style scoring (see ../shared/data/segmentation/NOTICE.md): whitespace removed,
every word a (start, end) span of characters, a predicted word is correct when a gold word has
the same span; punctuation tokens count as words; "mixed" restricts to sentences whose gold text
holds a Latin letter or a decimal digit.

Usage: scripts/score-segmentation.py [--winnow .build/release/winnow] [--data ../shared/data/segmentation]
Prints a Markdown table for QUALITY.md (both engines, both sets).
"""
import argparse
import os
import re
import subprocess
import sys


def spans(words):
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def score(gold_lines, pred_lines, only=None):
    correct = predicted = gold = 0
    for i, (g, p) in enumerate(zip(gold_lines, pred_lines)):
        if only is not None and not only(g):
            continue
        gw, pw = g.split(), p.split()
        if "".join(gw) != "".join(pw):
            # Tokens must cover the same characters (whitespace aside); report, don't crash.
            print(f"line {i + 1}: token text differs from gold text", file=sys.stderr)
        gs, ps = spans(gw), spans(pw)
        correct += len(gs & ps)
        predicted += len(ps)
        gold += len(gs)
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", default=os.path.join(root, ".build/release/winnow"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "segmentation"))
    args = ap.parse_args()
    mixed = lambda g: re.search(r"[A-Za-z0-9]", g) is not None
    print("| set | engine | P | R | F1 | F1 (mixed sentences) |")
    print("|---|---|---|---|---|---|")
    for name in ("gsdsimp", "gsd"):
        raw = os.path.join(args.data, f"ud-zh-{name}-dev.raw.txt")
        with open(os.path.join(args.data, f"ud-zh-{name}-dev.txt"), encoding="utf-8") as f:
            gold = f.read().split("\n")[:-1]
        for engine in ("fast", "icu"):
            out = subprocess.run(
                [args.winnow, "tokenize", "--engine", engine, "--punct", "--format", "text", raw],
                check=True, capture_output=True, text=True).stdout.split("\n")[:-1]
            if len(out) != len(gold):
                sys.exit(f"{name}/{engine}: {len(out)} output lines for {len(gold)} gold lines")
            p, r, f = score(gold, out)
            _, _, fm = score(gold, out, mixed)
            print(f"| UD {name} dev | {engine} | {p:.4f} | {r:.4f} | {f:.4f} | {fm:.4f} |")


if __name__ == "__main__":
    main()
