#!/usr/bin/env python3
"""The eighth round's block-level experiments, on the rules' port in boilerplate-sim.py.

    WINNOW_BOILERPLATE_EXPLAIN=1 OUT=.build-boil/dev-feat scripts/score-boilerplate.sh   # the .feat files
    python3 scripts/boilerplate-block-experiments.py oracle .build-boil/dev-feat
    .venv-model/bin/python scripts/boilerplate-block-experiments.py main-model .build-boil/dev-feat
    .venv-model/bin/python scripts/boilerplate-block-experiments.py segment-model .build-boil/dev-feat
    python3 scripts/boilerplate-block-experiments.py dense-grid .build-boil/dev-feat

oracle         upper bounds chosen per page with the gold: the best of the rules' blocks as
               the main block, and kept segments (runs of kept lines split at more than 4
               dropped lines) dropped greedily.
main-model     a learned main-block chooser (features per rules' block), trained on one half
               of the gold pages (even / odd by position in index.jsonl), scored on the other.
segment-model  a learned segment dropper (features per kept segment), held out the same way.
dense-grid     the dense-page rule's grid (share of long lines, long length, dense good length).
page-model     a learned page-level switch: keep every line no pattern fixed instead of the
               rules' choice (pages whose gold is not prose), held out the same way.

main-model, segment-model and page-model need numpy and scikit-learn (the `.venv-model` of
train-boilerplate-model.py). Results: docs/quality-boilerplate.md, "Eighth round".
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("boilerplate_sim", os.path.join(HERE, "boilerplate-sim.py"))
B = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(B)
S = B.S
SECTION = set(B.SECTION_ENDS)


def load(out):
    data = S.Data(B.DATA)
    ids = [r["id"] for r in data.index if r.get("has_gold")]
    group = {r["id"]: r["group"] for r in data.index}
    return data, ids, group, B.load(out, ids)


def f1(data, i, fs, keep):
    return S.page_prf(S.tokenize("\n".join(f.text for f, k in zip(fs, keep) if k)), data.gold[i])[2]


def rule_blocks(fs, o=B.DEFAULTS):
    """The context pass's classes and keep, and the blocks the main-block rule sees."""
    good, near = B.page_lengths(fs, o)
    cls, final, _, count = B.context_pass(fs, o, good, o["good_han"], near)
    if count < o["sparse"]:
        s = o["scale"]
        cls, final, _, count = B.context_pass(fs, o, int(good * s), int(o["good_han"] * s), int(near * s))
    keep = [c == "good" for c in final]
    blocks, gap = [], 0
    for i, k in enumerate(keep):
        if k:
            if not blocks or gap > o["gap"]:
                blocks.append([i, i, 0])
            blocks[-1][1] = i
            blocks[-1][2] += fs[i].units if cls[i] == "good" else 0
            gap = 0
        else:
            gap += 1
    return cls, keep, blocks


def segments(keep, gap=4):
    segs, g = [], 10 ** 9
    for i, k in enumerate(keep):
        if k:
            if not segs or g > gap:
                segs.append([i, i])
            segs[-1][1] = i
            g = 0
        else:
            g += 1
    return segs


def oracle(data, ids, pages):
    base = best_main = best_drop = 0.0
    for i in ids:
        fs = pages[i]
        keep, _ = B.classify(fs)
        b = f1(data, i, fs, keep)
        base += b
        _, _, blocks = rule_blocks(fs)
        best_main += max([b] + [f1(data, i, fs, B.classify(fs, main_block=m)[0]) for m in range(len(blocks))])
        cur, best = list(keep), b
        improved = True
        while improved:
            improved = False
            for s, e in segments(cur):
                t = cur[:s] + [False] * (e - s + 1) + cur[e + 1:]
                v = f1(data, i, fs, t)
                if v > best + 1e-9:
                    cur, best, improved = t, v, True
                    break
        best_drop += best
    n = len(ids)
    print(f"rules {base / n:.4f}  best main block {best_main / n:.4f}  best segments dropped {best_drop / n:.4f}")


def block_rows(fs, keep, cls, blocks):
    w = [b[2] for b in blocks]
    heavy = max(w) or 1
    main = w.index(max(w))
    units = sum(f.units for f in fs) or 1
    rows = []
    for n, (s, e, wt) in enumerate(blocks):
        good = [j for j in range(s, e + 1) if keep[j] and cls[j] == "good"]
        lengths = [fs[j].eff for j in good] or [0]
        runs, r = [], 0
        for j in range(s, e + 1):
            if keep[j] and cls[j] == "good":
                r += 1
            elif r:
                runs.append(r)
                r = 0
        if r:
            runs.append(r)
        stops = sum(fs[j].stops + fs[j].funcs for j in good) / max(1, sum(fs[j].units for j in good))
        rows.append([wt / heavy, n == main, n < main, n > main, n / max(1, len(blocks) - 1), s / len(fs),
                     sum(fs[j].units for j in range(s)) / units, len(good), sum(lengths) / len(lengths),
                     sum(runs) / len(runs) if runs else 0, len(good) / (e - s + 1), stops,
                     sum(1 for j in range(s) if fs[j].fixed in SECTION),
                     sum(1 for j in range(s, e + 1) if fs[j].fixed is not None) / (e - s + 1), len(blocks),
                     sorted(w)[-2] / heavy])
    return rows, main


def models():
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    return (("gbm", lambda: GradientBoostingClassifier(n_estimators=50, max_depth=2, min_samples_leaf=10, random_state=0)),
            ("logit", lambda: LogisticRegression(C=0.3, max_iter=5000)))


def main_model(data, ids, pages):
    import numpy as np
    P = []
    for k, i in enumerate(ids):
        fs = pages[i]
        cls, keep, blocks = rule_blocks(fs)
        if len(blocks) < 2:
            continue
        rows, main = block_rows(fs, keep, cls, blocks)
        scores = [f1(data, i, fs, B.classify(fs, main_block=m)[0]) for m in range(len(blocks))]
        P.append((k % 2, rows, scores, main))
    for name, make in models():
        for margin in (0.0, 0.2, 0.4):
            out = []
            for h in (0, 1):
                train = [p for p in P if p[0] != h]
                X = np.array([r for p in train for r in p[1]], dtype=float)
                y = np.array([int(n == int(np.argmax(p[2]))) for p in train for n in range(len(p[1]))])
                w = np.array([max(p[2]) - min(p[2]) + 1e-3 for p in train for _ in p[1]])
                mu, sd = X.mean(0), X.std(0) + 1e-9
                scale = (lambda Z: Z) if name == "gbm" else (lambda Z: (Z - mu) / sd)
                m = make()
                m.fit(scale(X), y, sample_weight=w)
                gain = switched = better = 0
                for p in P:
                    if p[0] != h:
                        continue
                    s = m.predict_proba(scale(np.array(p[1], dtype=float)))[:, 1]
                    c = int(np.argmax(s))
                    if c != p[3] and s[c] - s[p[3]] > margin:
                        d = p[2][c] - p[2][p[3]]
                        gain, switched, better = gain + d, switched + 1, better + (d > 0)
                half = sum(1 for k in range(len(ids)) if k % 2 == h)
                out.append(f"{('even', 'odd')[h]} {gain / half:+.4f} ({switched} switched, {better} better)")
            print(f"{name} margin {margin}: " + "  ".join(out))


def segment_model(data, ids, pages):
    import numpy as np
    recs, keeps, base = [], {}, {}
    for k, i in enumerate(ids):
        fs = pages[i]
        keep, _ = B.classify(fs)
        keeps[i], base[i] = keep, f1(data, i, fs, keep)
        segs = segments(keep)
        if len(segs) < 2:
            continue
        u = [sum(fs[j].units for j in range(s, e + 1) if keep[j]) for s, e in segs]
        big = u.index(max(u))
        page_units = sum(f.units for f in fs) or 1
        for n, (s, e) in enumerate(segs):
            kept = [j for j in range(s, e + 1) if keep[j]]
            ss, se = segs[big]
            row = [u[n] / (sum(u) or 1), u[n] / (max(u) or 1), n == big, n < big, n > big,
                   0 if n == big else (ss - e if n < big else s - se), len(kept), e - s + 1,
                   sum(fs[j].eff for j in kept) / len(kept),
                   sum(1 for j in kept if fs[j].term and fs[j].eff >= 60) / len(kept),
                   sum(1 for j in kept if fs[j].term) / len(kept),
                   sum(fs[j].stops + fs[j].funcs for j in kept) / max(1, sum(fs[j].units for j in kept)),
                   sum(1 for j in range(s) if fs[j].fixed in SECTION),
                   sum(1 for j in range(s, e + 1) if fs[j].fixed is not None) / (e - s + 1), len(segs), s / len(fs),
                   u[n] / page_units, sum(fs[j].han for j in kept) / max(1, u[n])]
            t = keep[:s] + [False] * (e - s + 1) + keep[e + 1:]
            recs.append((k % 2, i, (s, e), row, f1(data, i, fs, t) - base[i]))
    X = np.array([r[3] for r in recs], dtype=float)
    D = np.array([r[4] for r in recs])
    H = np.array([r[0] for r in recs])
    y, w = (D > 0).astype(int), np.abs(D) + 1e-4
    print(f"{len(recs)} segments on pages with two or more, {int(y.sum())} better dropped")
    for name, make in models():
        for th in (0.5, 0.7, 0.9):
            out = []
            for h in (0, 1):
                tr = H != h
                mu, sd = X[tr].mean(0), X[tr].std(0) + 1e-9
                Z = X if name == "gbm" else (X - mu) / sd
                m = make()
                m.fit(Z[tr], y[tr], sample_weight=w[tr])
                drop = {}
                for r, p in zip(recs, m.predict_proba(Z)[:, 1] >= th):
                    if r[0] == h and p:
                        drop.setdefault(r[1], []).append(r[2])
                pages_h = [i for k, i in enumerate(ids) if k % 2 == h]
                total = 0.0
                for i in pages_h:
                    t = list(keeps[i])
                    for s, e in drop.get(i, []):
                        t[s:e + 1] = [False] * (e - s + 1)
                    total += f1(data, i, pages[i], t) if i in drop else base[i]
                before = sum(base[i] for i in pages_h) / len(pages_h)
                out.append(f"{('even', 'odd')[h]} {before:.4f} -> {total / len(pages_h):.4f} "
                           f"({sum(len(v) for v in drop.values())} dropped)")
            print(f"{name} threshold {th}: " + "  ".join(out))


def dense_grid(data, ids, group, pages):
    for share in (0.05, 0.1):
        for long in (130, 150, 170, 200):
            for good in (65, 70, 75, 80):
                o = dict(B.DEFAULTS, dense_share=share, dense_line=long, dense_good=good)
                acc = {"all": [], "even": [], "odd": [], "zh": []}
                for k, i in enumerate(ids):
                    v = f1(data, i, pages[i], B.classify(pages[i], o)[0])
                    acc["all"].append(v)
                    acc[("even", "odd")[k % 2]].append(v)
                    if group[i] == "zh":
                        acc["zh"].append(v)
                print(f"share {share} long {long} good {good}: "
                      + " ".join(f"{g} {sum(v) / len(v):.4f}" for g, v in acc.items()))


def page_model(data, ids, pages):
    import numpy as np
    rows, oracle_sum = [], 0.0
    for k, i in enumerate(ids):
        fs = pages[i]
        keep, _ = B.classify(fs)
        free = [f.fixed is None for f in fs]
        r, a = f1(data, i, fs, keep), f1(data, i, fs, free)
        oracle_sum += max(r, a)
        units = sum(f.units for f in fs) or 1
        kept_units = sum(f.units for f, x in zip(fs, keep) if x)
        free_units = sum(f.units for f, x in zip(fs, free) if x)
        n_free = sum(free) or 1
        row = [kept_units / units, free_units / units, kept_units / (free_units or 1),
               sum(1 for f in fs if f.fixed is None and f.term and f.eff >= 60) / n_free, len(fs), n_free / len(fs),
               1 + sum(1 for j in range(1, len(keep)) if keep[j] and not keep[j - 1]),
               sum(f.han for f in fs) / units, sum(1 for f in fs if f.fixed is None and f.term) / n_free,
               sum(f.eff for f in fs if f.fixed is None) / n_free]
        rows.append((k % 2, row, r, a))
    X = np.array([r[1] for r in rows])
    H = np.array([r[0] for r in rows])
    R = np.array([r[2] for r in rows])
    A = np.array([r[3] for r in rows])
    print(f"rules {R.mean():.4f}, the better of the rules and every non-pattern line per page {oracle_sum / len(ids):.4f}")
    y, w = (A > R).astype(int), np.abs(A - R) + 1e-3
    for name, make in models():
        for th in (0.5, 0.7, 0.9):
            out = []
            for h in (0, 1):
                tr = H != h
                mu, sd = X[tr].mean(0), X[tr].std(0) + 1e-9
                Z = X if name == "gbm" else (X - mu) / sd
                m = make()
                m.fit(Z[tr], y[tr], sample_weight=w[tr])
                p = (m.predict_proba(Z)[:, 1] >= th) & (H == h)
                out.append(f"{('even', 'odd')[h]} {R[H == h].mean():.4f} -> {np.where(p, A, R)[H == h].mean():.4f} "
                           f"({int(p.sum())} pages)")
            print(f"{name} threshold {th}: " + "  ".join(out))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("oracle", "main-model", "segment-model", "dense-grid", "page-model"):
        sys.exit(__doc__)
    data, ids, group, pages = load(sys.argv[2])
    if sys.argv[1] == "oracle":
        oracle(data, ids, pages)
    elif sys.argv[1] == "main-model":
        main_model(data, ids, pages)
    elif sys.argv[1] == "segment-model":
        segment_model(data, ids, pages)
    elif sys.argv[1] == "page-model":
        page_model(data, ids, pages)
    else:
        dense_grid(data, ids, group, pages)


if __name__ == "__main__":
    main()
