#!/usr/bin/env python3
"""Wraps page text at a fixed width, as a text dump does (`w3m -dump`, `lynx -dump`, `fold -s`).

    scripts/wrap-pages.py FILE [--width 80] [--blank]           # one page to standard output
    scripts/wrap-pages.py --dev DATA OUT [--width 80] [--blank]  # a copy of the DEV set

Greedy, by display columns (a wide CJK character counts two): Latin text breaks at spaces,
CJK text between any two characters; a word longer than the width stays whole; `--width 0`
does not wrap. The same wrap as `TextDump.wrap` (WinnowBoilerplate), byte for byte: the
test `TextDumpScriptTests` keeps the two equal. `--blank` puts a blank line after each line of the page (after its wrapped
lines), as `w3m -dump` puts one between blocks. `--dev`
writes OUT/pages/*.txt wrapped, and links OUT/gold, OUT/index.jsonl and OUT/score.py to
DATA's, so that `DATA=OUT scripts/score-boilerplate.sh` scores the stage on wrapped pages
(QUALITY.md, "Text dumps: wrapped lines and blank lines").
"""
import argparse
import os
import sys


def columns(c: str) -> int:
    o = ord(c)
    wide = (0x1100 <= o <= 0x115F or 0x2E80 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3
            or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60
            or 0xFFE0 <= o <= 0xFFE6 or 0x20000 <= o <= 0x3FFFD)
    return 2 if wide else 1


def wrap(line: str, width: int) -> list:
    if width <= 0 or sum(columns(c) for c in line) <= width:
        return [line]
    # Pieces: a wide character alone, or a run of other characters with its trailing space.
    pieces, run = [], ""
    for c in line:
        if columns(c) == 2:
            if run:
                pieces.append(run)
                run = ""
            pieces.append(c)
        elif c == " ":
            pieces.append(run + c)
            run = ""
        else:
            run += c
    if run:
        pieces.append(run)
    out, current, used = [], "", 0
    for p in pieces:
        w = sum(columns(c) for c in p.rstrip(" "))
        if used + w > width and current.strip(" "):
            out.append(current.rstrip(" "))
            current, used = "", 0
        if out and not current.strip(" "):
            p = p.lstrip(" ")  # the spaces after a break go, however many
        current += p
        used = sum(columns(c) for c in current)
    if current.strip(" "):
        out.append(current.rstrip(" "))
    return out


def wrap_page(text: str, width: int, blank: bool = False) -> str:
    # A line's `\r` (a `\r\n` page) ends each of its pieces, and the blank line after it.
    out, previous_cr = [], False
    for i, line in enumerate(text.split("\n")):
        cr = line.endswith("\r")
        if cr:
            line = line[:-1]
        if i > 0:
            out.append(("\n\r\n" if previous_cr else "\n\n") if blank else "\n")
        previous_cr = cr
        out.append("\n".join(p + ("\r" if cr else "") for p in wrap(line, width) or [""]))
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--width", type=int, default=80)
    ap.add_argument("--blank", action="store_true", help="a blank line after each line of the page")
    ap.add_argument("--dev", action="store_true", help="wrap the DEV set DATA into OUT")
    a = ap.parse_args()
    if not a.dev:
        for p in a.paths:
            with open(p, encoding="utf-8") as f:
                sys.stdout.write(wrap_page(f.read(), a.width, a.blank))
        return
    if len(a.paths) != 2:
        sys.exit("usage: wrap-pages.py --dev DATA OUT [--width N]")
    data, out = (os.path.abspath(p) for p in a.paths)
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    for name in ("gold", "index.jsonl", "score.py"):
        link = os.path.join(out, name)
        if not os.path.lexists(link):
            os.symlink(os.path.join(data, name), link)
    for name in sorted(os.listdir(os.path.join(data, "pages"))):
        with open(os.path.join(data, "pages", name), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(out, "pages", name), "w", encoding="utf-8") as f:
            f.write(wrap_page(text, a.width, a.blank))


if __name__ == "__main__":
    main()
