#!/usr/bin/env python3
"""Where the boilerplate stage loses gold text, and which lost lines are cheap to bring back.

    WINNOW_BOILERPLATE_EXPLAIN=1 scripts/score-boilerplate.sh   # writes <id>.txt.feat files
    python3 scripts/boilerplate-recall.py [OUT]                  # OUT: that run's output folder

Replays the stage with `boilerplate-sim.py` on the `.feat` files and labels every page line
gold when its squashed text (as `score.py` squashes it) occurs in the page's gold, or half
its 8-character shingles do. For every dropped line it adds the line's scoring units (tokens;
characters for Chinese) to its drop reason and place (inside the kept span, before its
first kept line, after its last one) and to the sub-families of `short-context` and
`related-links` below, as gold units (shares of each page's gold units, averaged over pages)
and non-gold units (shares of each page's units). A family is cheap when it restores many
gold units per non-gold unit (`ratio`: gold / non-gold units, summed); `pages` counts the
pages where it holds gold, `sites` their distinct sites.
"""
import importlib.util
import json
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("sim", os.path.join(ROOT, "scripts", "boilerplate-sim.py"))
sim = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sim)
S = sim.S

LIST_MARK = re.compile(r"^\s*([-•*·▪●◦–—]|\d{1,3}[.)、]|[a-z][.)]|[（(]?\d{1,2}[)）]|[一二三四五六七八九十]+[、.])\s*", re.I)
TABLE = re.compile(r"\t|\|.*\||(\d[\d.,%]*\s+){2,}")
CODE = re.compile(r"[{};=]\s*$|^\s*(def|class|import|from|return|if|for|while|var|let|const|function|#include|\$)\b|\(\)|==|->|=>")


def units(text, zh):
    return len(S.tokenize(text))


def label(fs, gold_text):
    g = S.squash(gold_text)
    out = []
    for f in fs:
        t = S.squash(f.text)
        if not t:
            out.append(False)
            continue
        if t in g:
            out.append(True)
            continue
        sh = [t[i:i + 8] for i in range(0, max(1, len(t) - 7))]
        out.append(sum(s in g for s in sh) * 2 >= len(sh) and len(t) >= 8)
    return out


def shape_tags(f, lengths, code=True):
    """Tags of a line's shape shared with boilerplate-precision.py: a list mark, a table row,
    code (with `code`), a trailing colon, the effective-length bucket (bounds `lengths`:
    `eff<20`, `eff20-40`, …, `eff>=40`), clause punctuation."""
    tags = []
    if LIST_MARK.match(f.text):
        tags.append("list-mark")
    if TABLE.search(f.text):
        tags.append("table")
    if code and CODE.search(f.text):
        tags.append("code")
    if f.text.rstrip().endswith((":", "：")):
        tags.append("colon")
    low = None
    for bound in lengths:
        if f.eff < bound:
            tags.append(f"eff<{bound}" if low is None else f"eff{low}-{bound}")
            break
        low = bound
    else:
        tags.append(f"eff>={lengths[-1]}")
    if f.clause > 0:
        tags.append("clause")
    return tags


def families(fs, keep, reasons, k, first, last):
    """Sub-families of a dropped line (besides its reason and place)."""
    f = fs[k]
    r = reasons[k]
    fam = []
    prev = next((x for x in range(k - 1, -1, -1) if fs[x].units > 0), None)
    nxt = next((x for x in range(k + 1, len(fs)) if fs[x].units > 0), None)
    pk = prev is not None and keep[prev]
    nk = nxt is not None and keep[nxt]
    if pk and nk:
        fam.append("between-kept")
    elif pk or nk:
        fam.append("next-to-kept")
    if f.term:
        fam.append("terminal")
    fam += shape_tags(f, (20, 40))
    if f.stops + f.funcs > 0:
        fam.append("stops")
    return [r + "/" + x for x in fam] + ([r + "/between-kept+" + x for x in fam if x != "between-kept"] if "between-kept" in fam else [])


def replayed(out=None):
    """The DEV gold pages replayed from the `.feat` files in `out` (argv[1], else
    .build-boil/dev-out): the number of pages, then per page its id, site, lines, gold labels,
    the stage's keep decisions and reasons, and each line's scoring units."""
    out = out or (sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-boil", "dev-out"))
    data = S.Data(sim.DATA)
    ids = [r["id"] for r in data.index if r.get("has_gold")]
    site = {r["id"]: r.get("site") or r["id"] for r in data.index}
    pages = sim.load(out, ids)

    def each():
        for i in ids:
            fs = pages[i]
            gl = label(fs, S.read_text(os.path.join(sim.DATA, "gold", i + ".txt")))
            keep, reasons = sim.classify(fs)
            u = [len(S.tokenize(f.text)) for f in fs]
            yield i, site[i], fs, gl, keep, reasons, u

    return len(ids), each()


def main():
    n, pages = replayed()
    acc = defaultdict(lambda: [0.0, 0.0, 0, 0, set(), set()])  # gold share, non-gold share, gold u, non u, pages, sites
    for i, site_i, fs, gl, keep, reasons, u in pages:
        gtot = sum(x for x, g in zip(u, gl) if g) or 1
        tot = sum(u) or 1
        kept_idx = [k for k in range(len(fs)) if keep[k]]
        first, last = (kept_idx[0], kept_idx[-1]) if kept_idx else (len(fs), -1)
        for k, f in enumerate(fs):
            if keep[k] or u[k] == 0:
                continue
            pos = "inside" if first < k < last else "before" if k < first else "after"
            keys = ["reason/" + reasons[k], "reason+pos/" + reasons[k] + "@" + pos, "pos/" + pos]
            if reasons[k] in ("short-context", "related-links", "off-main", "after-article"):
                keys += families(fs, keep, reasons, k, first, last)
                keys += [x + "@" + pos for x in families(fs, keep, reasons, k, first, last) if "between" not in x]
            for key in keys:
                a = acc[key]
                if gl[k]:
                    a[0] += u[k] / gtot
                    a[2] += u[k]
                    a[4].add(i)
                    a[5].add(site_i)
                else:
                    a[1] += u[k] / tot
                    a[3] += u[k]
    print("%-55s %7s %7s %7s %7s %6s %5s %5s" % ("family", "goldsh", "nonsh", "gold_u", "non_u", "ratio", "pages", "sites"))
    for key, a in sorted(acc.items(), key=lambda kv: (kv[0].split("/")[0], -kv[1][0])):
        if a[2] == 0 and a[3] < 200:
            continue
        print("%-55s %7.4f %7.4f %7d %7d %6.2f %5d %5d" % (key, a[0] / n, a[1] / n, a[2], a[3], a[2] / max(1, a[3]), len(a[4]), len(a[5])))


if __name__ == "__main__":
    main()
