#!/usr/bin/env python3
"""Trains the boilerplate line model and writes it as Swift.

    python3 -m venv .venv-model && .venv-model/bin/pip install numpy scikit-learn   # once
    .venv-model/bin/python scripts/train-boilerplate-model.py          # export, validate, write

Steps:
  1. Exports one feature row per DEV page line with the Swift test `exportLineModelRows`
     (the rows come from the classifier's own hook, `LineModel.fill`, so training sees what
     inference computes); `--rows file.tsv` reuses an export.
  2. Labels each line: main text when its text (NFKC, casefolded, no spaces, as score.py
     squashes) occurs in the page's gold, or at least half its 8-character shingles do.
  3. Trains a gradient-boosted tree ensemble (scikit-learn) on the lines no pattern fixed,
     each weighted by its share of the page's scoring tokens (score.py's tokenizer: CJK per
     character), so every page counts alike, as in the macro F1.
  4. Validates honestly: the gold pages of index.jsonl split by position (even / odd),
     trained on one half, scored on the other with score.py's page P/R/F1, both ways, next
     to the rules alone; per group (all / zh / recall).
  5. Trains on all gold pages and writes Sources/WinnowBoilerplate/LineModel+Generated.swift
     (flat arrays) and Corpora/boilerplate/line-model-fixtures.tsv (rows with the
     probabilities scikit-learn gives, for the Swift test).

Options: --data (the DEV folder), --scratch (the Swift build folder), --trees, --depth,
--rate, --cut, --no-write (validate only), --block-features (validate with the eighth
round's block features, computed in Python from the rows; they did not win held out, so
Swift does not compute them).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

CUTS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
ADDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def export_rows(data: str, scratch: str, out: str) -> None:
    env = dict(os.environ, WINNOW_LINE_MODEL_DEV=data, WINNOW_LINE_MODEL_OUT=out)
    subprocess.run(["swift", "test", "--scratch-path", scratch, "--filter", "exportLineModelRows"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def page_lines(text: str) -> list:
    """The lines as BoilerplateClassifier.clean splits them."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def load(rows_path: str):
    with open(rows_path, encoding="utf-8") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        names = header[4:]
        ids, fixed, keep0, X = [], [], [], []
        for row in r:
            ids.append(row[0])
            fixed.append(row[2] == "1")
            keep0.append(row[3] == "1")
            X.append([float(v) for v in row[4:]])
    return names, np.array(ids), np.array(fixed), np.array(keep0), np.array(X, dtype=np.float32)


BLOCK_NAMES = ["gb_inside", "gb_share", "gb_rank", "gb_good_lines", "gb_stop", "gb_terminal", "gb_fixed_share",
               "gb_kept_share", "gb_mean_length", "gb_distance_main", "gb_units_between", "gb_before_main",
               "gb_after_main", "gb_order", "gb_units_before", "gb_blocks", "gb_second_ratio", "gb_length_cv",
               "same_shape5"]


def block_features(names, X, page_rows, gap=4):
    """Block features of every line (eighth round, validation only: `--block-features`; not
    computed in Swift). Blocks are runs of good lines (class good, no fixed reason) with
    gaps of at most `gap`; each line gets its block's (inside it, else the nearest block's)
    aggregates and its place relative to the heaviest block, plus the share of the lines
    within ±5 of a similar length (lists)."""
    c = {n: k for k, n in enumerate(names)}
    out = np.zeros((len(X), len(BLOCK_NAMES)), dtype=np.float32)
    for rows in page_rows:
        P = X[rows]
        n = len(rows)
        cls = P[:, c["class"]]
        fk = P[:, c["fixed_kind"]]
        units = P[:, c["units"]]
        length = P[:, c["length"]]
        stop = P[:, c["stop_density"]]
        term = P[:, c["terminal"]]
        keep = P[:, c["rules_keep"]]
        good = (cls == 3) & (fk == 0)
        blocks = []  # [start, end]
        last = -10**9
        for i in range(n):
            if good[i]:
                if blocks and i - last - 1 <= gap:
                    blocks[-1][1] = i
                else:
                    blocks.append([i, i])
                last = i
        page_units = units.sum() or 1.0
        good_units_page = units[good].sum() or 1.0
        F = np.zeros((n, len(BLOCK_NAMES)), dtype=np.float32)
        if not blocks:
            F[:, 2] = 11
            F[:, 9] = n
            out[rows] = F
            continue
        bu = []
        stats = []
        for s, e in blocks:
            g = good[s:e + 1]
            u = units[s:e + 1]
            gu = u[g].sum()
            bu.append(gu)
            L = length[s:e + 1][g]
            stats.append((gu, g.sum(), (stop[s:e + 1][g] * u[g]).sum() / max(gu, 1), term[s:e + 1][g].mean(),
                          (fk[s:e + 1] == 3).mean(), (keep[s:e + 1] * u).sum() / max(u.sum(), 1), L.mean(),
                          L.std() / max(L.mean(), 1)))
        bu = np.array(bu)
        order = np.argsort(-bu, kind="stable")
        rank = np.empty(len(blocks), dtype=int)
        rank[order] = np.arange(len(blocks))
        main = int(order[0])
        heaviest = bu[main] or 1
        second = bu[order[1]] / heaviest if len(blocks) > 1 else 0
        ms, me = blocks[main]
        cum = np.concatenate([[0], np.cumsum(units)])
        # nearest block of each line (inside, else nearest by line distance)
        bi = np.zeros(n, dtype=int)
        inside = np.zeros(n, dtype=bool)
        j = 0
        for i in range(n):
            while j + 1 < len(blocks) and blocks[j][1] < i and (blocks[j + 1][0] - i) < (i - blocks[j][1]):
                j += 1
            while j + 1 < len(blocks) and blocks[j + 1][0] <= i:
                j += 1
            bi[i] = j
            inside[i] = blocks[j][0] <= i <= blocks[j][1]
        before_units = np.concatenate([[0], np.cumsum(bu)])
        for i in range(n):
            b = bi[i]
            st = stats[b]
            F[i, 0] = inside[i]
            F[i, 1] = bu[b] / heaviest
            F[i, 2] = min(rank[b], 10)
            F[i, 3] = st[1]
            F[i, 4] = st[2]
            F[i, 5] = st[3]
            F[i, 6] = st[4]
            F[i, 7] = st[5]
            F[i, 8] = st[6]
            F[i, 9] = 0 if ms <= i <= me else (ms - i if i < ms else i - me)
            F[i, 10] = (0 if ms <= i <= me else (cum[ms] - cum[i + 1] if i < ms else cum[i] - cum[me + 1])) / page_units
            F[i, 11] = i < ms
            F[i, 12] = i > me
            F[i, 13] = b / max(len(blocks) - 1, 1)
            F[i, 14] = before_units[b] / good_units_page
            F[i, 15] = min(len(blocks), 30)
            F[i, 16] = second
            F[i, 17] = st[7]
        # same shape: share of the non-empty lines within +-5 whose length is within 30 % of this one's
        ne = fk != 2
        for i in range(n):
            a, b2 = max(0, i - 5), min(n, i + 6)
            cnt = tot = 0
            for k in range(a, b2):
                if k == i or not ne[k]:
                    continue
                tot += 1
                if length[i] > 0 and abs(length[k] - length[i]) <= 0.3 * length[i]:
                    cnt += 1
            F[i, 18] = cnt / tot if tot else 0
        out[rows] = F
    return out


def shingles(s: str, k: int = 8) -> list:
    return [s[i:i + k] for i in range(0, max(1, len(s) - k + 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "boilerplate"))
    ap.add_argument("--scratch", default=".build-model")
    ap.add_argument("--rows", help="reuse an export instead of running the Swift test")
    ap.add_argument("--trees", type=int, default=50)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--subsample", type=float, default=1.0)
    ap.add_argument("--leaf", type=int, default=50, help="min_samples_leaf")
    ap.add_argument("--cut", type=float, default=0.5, help="with --fixed-cuts: a kept line stays from this probability")
    ap.add_argument("--add", type=float, default=0.5, help="with --fixed-cuts: a dropped line comes back from this probability")
    ap.add_argument("--fixed-cuts", action="store_true", help="use --cut/--add instead of choosing them by an inner 2-fold split")
    ap.add_argument("--exclude", default="", help="comma-separated feature names left out")
    ap.add_argument("--grid", action="store_true", help="print held-out scores for a grid of cuts")
    ap.add_argument("--unweighted", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--block-features", action="store_true",
                    help="validate with the block features appended (computed here from the rows; implies --no-write)")
    ap.add_argument("--linear", action="store_true", help="validate a logistic regression instead (implies --no-write)")
    a = ap.parse_args()
    data = os.path.abspath(a.data)
    sys.path.insert(0, data)
    import score  # the scorer's tokenizer and page P/R/F1

    rows_path = a.rows
    if not rows_path:
        rows_path = os.path.join(ROOT, a.scratch, "line-model-rows.tsv")
        export_rows(data, a.scratch, rows_path)
    names, ids, fixed, keep0, X = load(rows_path)
    if a.block_features:
        rows_of = {}
        for k, i in enumerate(ids):
            rows_of.setdefault(i, []).append(k)
        B = block_features(names, X, [np.array(v) for v in rows_of.values()])
        X = np.concatenate([X, B], axis=1)
        names = names + BLOCK_NAMES
        a.no_write = True
    excluded = [n.strip() for n in a.exclude.split(",") if n.strip()]
    for n in excluded:
        if n not in names:
            sys.exit(f"--exclude: no feature {n}")
    cols = [k for k, n in enumerate(names) if n not in excluded]

    index = [json.loads(l) for l in open(os.path.join(data, "index.jsonl"), encoding="utf-8") if l.strip()]
    gold_pages = [r for r in index if r.get("has_gold")]
    half = {r["id"]: i % 2 for i, r in enumerate(gold_pages)}  # 0 even, 1 odd
    group = {r["id"]: r["group"] for r in index}

    # Per page: lines, labels, token counts, gold tokens.
    page_of = {}
    order = []
    for k, i in enumerate(ids):
        if i not in page_of:
            page_of[i] = []
            order.append(i)
        page_of[i].append(k)
    y = np.zeros(len(ids), dtype=np.int32)
    w = np.zeros(len(ids))
    toks = {}
    gold = {}
    for i in order:
        text = open(os.path.join(data, "pages", i + ".txt"), encoding="utf-8").read()
        lines = page_lines(text)
        rows = page_of[i]
        assert len(lines) == len(rows), (i, len(lines), len(rows))
        toks[i] = [score.tokenize(l) for l in lines]
        if i not in half:
            continue
        g = open(os.path.join(data, "gold", i + ".txt"), encoding="utf-8").read()
        gold[i] = score.tokenize(g)
        gs = score.squash(g)
        total = sum(len(t) for t in toks[i]) or 1
        for k, l in zip(rows, lines):
            s = score.squash(l)
            if s and (s in gs or (len(s) >= 16 and np.mean([h in gs for h in shingles(s)]) >= 0.5)):
                y[k] = 1
        for k, t in zip(rows, toks[i]):
            w[k] = len(t) / total
    # Scale so the weights average 1 over the lines that carry any.
    w = w * (np.count_nonzero(w) / max(w.sum(), 1e-9))
    if a.unweighted:
        w = (w > 0).astype(float)

    def fit(pages):
        m = np.isin(ids, list(pages)) & ~fixed & (w > 0)
        if a.linear:  # validation only: logistic regression on log-scaled, standardized features
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import FunctionTransformer, StandardScaler
            clf = make_pipeline(FunctionTransformer(lambda z: np.sign(z) * np.log1p(np.abs(z))), StandardScaler(),
                                LogisticRegression(C=0.1, max_iter=2000))
            clf.fit(X[m][:, cols], y[m], logisticregression__sample_weight=w[m])
            return clf
        clf = GradientBoostingClassifier(n_estimators=a.trees, max_depth=a.depth, learning_rate=a.rate,
                                         min_samples_leaf=a.leaf, subsample=a.subsample, random_state=0)
        clf.fit(X[m][:, cols], y[m], sample_weight=w[m])
        return clf

    def select_cuts(pages):
        """The cut pair with the best F1 over `pages` in a 2-fold split of them (each part
        scored by a model trained on the other): chosen without the pages it is used on."""
        parts = [pages[0::2], pages[1::2]]
        keeps = {}
        for h in (0, 1):
            clf = fit(parts[1 - h])
            p = clf.predict_proba(X[:, cols])[:, 1]
            for cut in CUTS:
                for add in ADDS:
                    k = np.where(fixed, keep0, np.where(keep0, p >= cut, p >= add))
                    keeps.setdefault((cut, add), [None, None])[h] = k
        best = max(keeps, key=lambda c: sum(evaluate(parts[h], keeps[c][h])["all"][2] * len(parts[h]) for h in (0, 1)))
        return best

    def evaluate(pages, keep):
        """Mean P / R / F1 over pages, all and zh, as score.py computes them."""
        res = {"all": [], "zh": []}
        for i in pages:
            out = []
            for k, t in zip(page_of[i], toks[i]):
                if keep[k]:
                    out += t
            prf = score.page_prf(out, gold[i])
            res["all"].append(prf)
            if group[i] == "zh":
                res["zh"].append(prf)
        return {g: np.mean(v, axis=0) if v else np.zeros(3) for g, v in res.items()}

    probs = {}

    def model_keep(clf, cut, add=None):
        """The model's keep: a line the rules kept stays from `cut`, a line they dropped
        comes back from `add` (default `cut`)."""
        if id(clf) not in probs:
            probs[id(clf)] = clf.predict_proba(X[:, cols])[:, 1]
        p = probs[id(clf)]
        add = cut if add is None else add
        return np.where(fixed, keep0, np.where(keep0, p >= cut, p >= add)), p

    def fmt(r):
        return f"{r['all'][0]:.3f} / {r['all'][1]:.3f} / {r['all'][2]:.3f}   zh {r['zh'][2]:.3f}"

    halves = [[i for i in half if half[i] == h] for h in (0, 1)]
    allp = list(half)
    print(f"{len(allp)} gold pages, {int((~fixed).sum())} lines decided by the model, "
          f"{int(y[~fixed].sum())} of them gold")
    print("rules, all pages (sim):", fmt(evaluate(allp, keep0)))
    print("labels as the decision (oracle on the model's lines):", fmt(evaluate(allp, np.where(fixed, keep0, y == 1))))
    print("labels as the decision (every line):", fmt(evaluate(allp, y == 1)))
    print("\nheld-out (train on one half, score the other): P / R / F1 all, F1 zh")
    held = {}
    for h, name in ((0, "even"), (1, "odd")):
        clf = fit(halves[1 - h])
        cut, add = (a.cut, a.add) if a.fixed_cuts else select_cuts(halves[1 - h])
        k, _ = model_keep(clf, cut, add)
        held[name] = (evaluate(halves[h], keep0), evaluate(halves[h], k))
        print(f"  {name:4}  rules {fmt(held[name][0])}   model {fmt(held[name][1])}  (drop below {cut}, add from {add})")
        if a.grid:
            for cut in (0.05, 0.1, 0.2, 0.3, 0.5):
                for add in (0.5, 0.6, 0.7, 0.8, 0.9, 1.01):
                    kc, _ = model_keep(clf, cut, add)
                    print(f"        drop below {cut}, add from {add}: {fmt(evaluate(halves[h], kc))}")
    comb_rules = {g: (held['even'][0][g] * len(halves[0]) + held['odd'][0][g] * len(halves[1])) / len(allp) for g in ("all",)}
    comb_model = {g: (held['even'][1][g] * len(halves[0]) + held['odd'][1][g] * len(halves[1])) / len(allp) for g in ("all",)}
    print(f"  both held-out halves together: rules P/R/F1 {np.round(comb_rules['all'], 3)}  model {np.round(comb_model['all'], 3)}")

    cut, add = (a.cut, a.add) if a.fixed_cuts else select_cuts(allp)
    a.cut, a.add = cut, add
    clf = fit(allp)
    k, p = model_keep(clf, cut, add)
    print(f"\ncuts for the shipped model: drop below {cut}, add from {add}")
    print("\nin-sample (trained on all gold pages):", fmt(evaluate(allp, k)))
    for h, name in ((0, "even"), (1, "odd")):
        print(f"  {name:4} {fmt(evaluate(halves[h], k))}")
    imp = sorted(zip(getattr(clf, "feature_importances_", np.zeros(len(cols))), [names[c] for c in cols]), reverse=True)[:15]
    print("top features:", ", ".join(f"{n} {v:.3f}" for v, n in imp))
    if a.no_write or a.linear:
        return
    write_swift(clf, names, cols, a, X, ids, fixed)


def write_swift(clf, names, cols, a, X, ids, fixed) -> None:
    prior = clf.init_.class_prior_[1]
    base = float(np.log(prior / (1 - prior)))
    D = a.depth
    inner, leaves = 2 ** D - 1, 2 ** D
    # Every tree as a perfect tree of depth D (implicit children 2n+1, 2n+2): a leaf above
    # depth D becomes inner nodes that always go left (threshold +inf) down to copies of it.
    feature, threshold, value = [], [], []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        f = [0] * inner
        th = [float("inf")] * inner
        v = [0.0] * leaves

        def place(node, slot, depth):
            if depth == D:
                assert t.children_left[node] < 0
                v[slot - inner] = float(a.rate * t.value[node][0][0])
                return
            if t.children_left[node] < 0:
                place(node, 2 * slot + 1, depth + 1)
                place(node, 2 * slot + 2, depth + 1)
                return
            f[slot] = cols[int(t.feature[node])]
            th[slot] = float(t.threshold[node])
            place(t.children_left[node], 2 * slot + 1, depth + 1)
            place(t.children_right[node], 2 * slot + 2, depth + 1)

        place(0, 0, 0)
        feature += f
        threshold += th
        value += v
    trees = len(clf.estimators_)

    # Check the flat form against scikit-learn before writing it.
    def raw(x):
        s = base
        for k in range(trees):
            n = 0
            for _ in range(D):
                n = 2 * n + (1 if float(np.float32(x[feature[k * inner + n]])) <= threshold[k * inner + n] else 2)
            s += value[k * leaves + n - inner]
        return s
    sample = np.linspace(0, len(X) - 1, 400).astype(int)
    ref = clf.decision_function(X[sample][:, cols])
    mine = np.array([raw(X[k]) for k in sample])
    assert np.max(np.abs(ref - mine)) < 1e-9, np.max(np.abs(ref - mine))

    def arr(xs, fmt=repr):
        out, line = [], "    "
        for x in xs:
            s = fmt(x) + ", "
            if len(line) + len(s) > 118:
                out.append(line.rstrip())
                line = "    "
            line += s
        out.append(line.rstrip())
        return "\n".join(out)

    path = os.path.join(ROOT, "Sources", "WinnowBoilerplate", "LineModel+Generated.swift")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""// Generated by scripts/train-boilerplate-model.py (do not edit): a scikit-learn
// GradientBoostingClassifier ({a.trees} trees, depth {a.depth}, learning rate {a.rate}, min_samples_leaf
// {a.leaf}) trained on the DEV pages' lines that no pattern fixed ({len(set(ids))} pages' export,
// {int((~fixed).sum())} lines), labels from the gold texts. Retrain after a rule change with
// `.venv-model/bin/python scripts/train-boilerplate-model.py` (see docs/quality-boilerplate.md).

extension LineModel {{
  /// The trees as flat arrays, each a perfect binary tree of depth `depth`: tree `t`'s inner
  /// node `n` (children `2n+1`, `2n+2`) is `feature` / `threshold[t * (2^depth - 1) + n]` and
  /// sends a row left when `Double(row[feature]) <= threshold`; its leaf `m` (the node
  /// `2^depth - 1 + m`) is `value[t * 2^depth + m]` (learning rate applied), added to the
  /// log-odds `base`.
  enum Generated {{
    /// Features per row (`LineModel.featureNames`).
    static let featureCount = {len(names)}
    /// Log-odds of the training prior.
    static let base: Double = {base!r}
    /// A line the rules kept is dropped below this probability.
    static let cut: Double = {a.cut!r}
    /// A line the rules dropped comes back from this probability (above 1: never).
    static let add: Double = {a.add!r}
    /// Trees.
    static let trees = {trees}
    /// Depth of every tree.
    static let depth = {D}
    static let feature: [Int16] = [
{arr(feature, str)}
    ]
    static let threshold: [Double] = [
{arr(threshold, lambda x: ".infinity" if x == float("inf") else repr(x))}
    ]
    static let value: [Double] = [
{arr(value)}
    ]
  }}
}}
""")
    # Fixtures: a spread of rows with scikit-learn's probability.
    fx = os.path.join(ROOT, "Corpora", "boilerplate", "line-model-fixtures.tsv")
    pick = np.linspace(0, len(X) - 1, 24).astype(int)
    prob = clf.predict_proba(X[pick][:, cols])[:, 1]
    with open(fx, "w", encoding="utf-8") as f:
        f.write("# probability\tfeature row (LineModel.featureNames); written by scripts/train-boilerplate-model.py\n")
        for k, q in zip(pick, prob):
            f.write(repr(float(q)) + "\t" + "\t".join(repr(float(v)) for v in X[k]) + "\n")
    print(f"wrote {path} ({trees} trees of depth {D}) and {fx}")


if __name__ == "__main__":
    main()
