#!/usr/bin/env python3
"""Where the boilerplate stage keeps text that is not gold, and which kept lines are cheap to drop.

    WINNOW_BOILERPLATE_EXPLAIN=1 scripts/score-boilerplate.sh   # writes <id>.txt.feat files
    python3 scripts/boilerplate-precision.py [OUT]               # OUT: that run's output folder

The mirror image of `boilerplate-recall.py`: replays the stage with `boilerplate-sim.py`,
labels every page line gold as that script does, and for every KEPT line adds its scoring
units to its keep reason (`content`, `context`, `inner-gap`, …), its place (`head`: above
the page's first gold line, `inside`, `tail`: below its last gold line) and the sub-families
of its shape below, as non-gold units (shares of each page's kept units, averaged over
pages) and gold units (shares of each page's gold units). A family is cheap to drop when it
holds many non-gold units per gold unit (`ratio`: non-gold / gold units, summed); `pages`
and `sites` count where it holds non-gold text.
"""
import importlib.util
import os
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts", path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


sim = _load("sim", "boilerplate-sim.py")
rec = _load("rec", "boilerplate-recall.py")


def shape(fs, keep, reasons, k):
    """Sub-families of a kept line's shape."""
    f = fs[k]
    fam = []
    if f.term:
        fam.append("terminal")
    else:
        fam.append("open")
    fam += rec.shape_tags(f, (20, 40, 80), code=False)
    if f.stops + f.funcs == 0:
        fam.append("no-stops")
    if sim.HEAD_DATE.search(f.text.strip().encode()) or sim.DATE.search(f.text):
        fam.append("date")
    if f.cjk:
        fam.append("cjk")
    return fam


def main():
    n, pages = rec.replayed()
    acc = defaultdict(lambda: [0.0, 0.0, 0, 0, set(), set()])  # non share, gold share, non u, gold u, pages, sites
    for i, site_i, fs, gl, keep, reasons, u in pages:
        ktot = sum(x for x, k in zip(u, keep) if k) or 1
        gtot = sum(x for x, g in zip(u, gl) if g) or 1
        gidx = [k for k in range(len(fs)) if gl[k] and u[k] > 0]
        gfirst, glast = (gidx[0], gidx[-1]) if gidx else (len(fs), -1)
        for k, f in enumerate(fs):
            if not keep[k] or u[k] == 0:
                continue
            pos = "inside" if gfirst <= k <= glast else "head" if k < gfirst else "tail"
            r = reasons[k]
            fam = shape(fs, keep, reasons, k)
            keys = ["reason/" + r, "pos/" + pos, "reason@pos/" + r + "@" + pos]
            keys += ["shape/" + x for x in fam] + ["shape@pos/" + x + "@" + pos for x in fam]
            keys += ["reason+shape@pos/" + r + "+" + x + "@" + pos for x in fam]
            for key in keys:
                a = acc[key]
                if gl[k]:
                    a[1] += u[k] / gtot
                    a[3] += u[k]
                else:
                    a[0] += u[k] / ktot
                    a[2] += u[k]
                    a[4].add(i)
                    a[5].add(site_i)
    minimum = int(os.environ.get("MIN_NON", "300"))
    print("%-55s %7s %7s %7s %7s %6s %5s %5s" % ("family", "nonsh", "goldsh", "non_u", "gold_u", "ratio", "pages", "sites"))
    for key, a in sorted(acc.items(), key=lambda kv: (kv[0].split("/")[0], -kv[1][0])):
        if a[2] < minimum:
            continue
        print("%-55s %7.4f %7.4f %7d %7d %6.2f %5d %5d" % (key, a[0] / n, a[1] / n, a[2], a[3], a[2] / max(1, a[3]), len(a[4]), len(a[5])))


if __name__ == "__main__":
    main()
