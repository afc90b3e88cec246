#!/usr/bin/env python3
"""Offline simulation of the boilerplate classifier's page-level rules, for trying rules fast.

    WINNOW_BOILERPLATE_EXPLAIN=1 scripts/score-boilerplate.sh   # also writes <id>.txt.feat files
    python3 scripts/boilerplate-sim.py [OUT]   # OUT: that run's output folder (default .build-boil/dev-out)

Reads, per gold page, the line features and pattern reasons the test `exportDevOutputs`
dumps (`<id>.txt.feat`), replays the context pass, the headline runs, the sparse-page pass,
the main blocks and table gaps, the end-of-article cut, the inner gaps, the list tails, the
thread posts, the record lists, the teaser lists, the end markers, the duplicates, the head datelines, the inner clause lines and the date meta lines of
`BoilerplateClassifier` (a port: keep it in
step with the Swift code), and prints P / R / F1 for all pages, Chinese pages and the
even / odd halves (pages by position among the gold pages of index.jsonl). It reproduces the
stage's scores to about ±0.001 (photo credits are not cut). Edit `DEFAULTS` or `classify`
to try a rule, then implement it in Swift and measure it with the scorer.
"""
import os
import re
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("DATA", os.path.join(ROOT, "..", "shared", "data", "boilerplate"))
sys.path.insert(0, DATA)
import score as S  # noqa: E402  (the set's scorer)

DEFAULTS = dict(good=60, good_han=25, near_good=40, run=8, headline_max=150, headline_clause=0,
                sparse=3, scale=0.5, gap=4, share=0.2, lead=0.05, end_at_section_header=True,
                thread_post_share=2, record_list_share=2, keep_inner_gaps=True, keep_table_gaps=True,
                keep_list_tails=True, dense_line=150, dense_share=0.05, dense_good=70,
                teaser_pairs=3, end_markers=True, duplicate_length=0, datelines=True,
                inner_clause=True, date_meta=True)
SECTION_ENDS = ("related-links", "comment-section", "copyright", "license-registration")
LONG_TEASER = 100  # longer `related-links` lines (paragraphs cut off with `…`) do not end the article


class Line:
    """One page line: its text, its pattern reason (None: none) and its features."""

    def __init__(self, text, row):
        c = row.split("\t")
        self.text = text
        self.fixed = None if c[0] == "-" else c[0]
        self.chars, self.han, self.words, self.stops, self.funcs, self.clause = map(int, c[1:7])
        self.term = c[7] == "1"
        self.eff = float(c[8])
        self.units = self.words + self.han
        self.cjk = self.han > self.words


def load(out, ids):
    pages = {}
    for i in ids:
        rows = open(os.path.join(out, i + ".txt.feat"), encoding="utf-8").read().split("\n")[:-1]
        lines = open(os.path.join(DATA, "pages", i + ".txt"), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        lines = [l[:-1] if l.endswith("\r") else l for l in lines]
        pages[i] = [Line(t, r) for t, r in zip(lines, rows)]
    return pages


def context_pass(fs, o, good, good_han, near_good):
    n = len(fs)
    cls, reasons, count = ["short"] * n, ["context"] * n, 0
    for i, f in enumerate(fs):
        if f.fixed:
            cls[i], reasons[i] = "bad", f.fixed
            continue
        long_ = f.han >= good_han if f.cjk else f.eff >= good
        if long_ and f.term:
            cls[i], reasons[i] = "good", "content"
            count += 1
        elif long_ or (f.eff >= near_good and f.term):
            cls[i] = "nearGood"
    i = 0
    while i < n:  # headline runs
        j = i
        while j < n and fs[j].units > 0 and not fs[j].term \
                and (fs[j].clause == 0 or fs[j].eff < o["headline_clause"]) and fs[j].eff < o["headline_max"]:
            j += 1
        if j - i >= o["run"]:
            for k in range(i, j):
                if cls[k] != "bad":
                    count -= cls[k] == "good"
                    cls[k], reasons[k] = "bad", "related-links"
        i = max(j, i + 1)
    sb, lb, sa, la = ["bad"] * n, ["bad"] * n, ["bad"] * n, ["bad"] * n
    s = l = "bad"
    for k in range(n):
        sb[k], lb[k] = s, l
        if cls[k] in ("good", "bad"):
            s = l = cls[k]
        elif cls[k] == "nearGood":
            l = "nearGood"
    s = l = "bad"
    for k in range(n - 1, -1, -1):
        sa[k], la[k] = s, l
        if cls[k] in ("good", "bad"):
            s = l = cls[k]
        elif cls[k] == "nearGood":
            l = "nearGood"
    final = list(cls)
    for k in range(n):
        p, q = sb[k], sa[k]
        if cls[k] == "short":
            if p == "good" and q == "good":
                final[k] = "good"
            elif p == "bad" and q == "bad":
                final[k] = "bad"
            elif (p == "bad" and lb[k] == "nearGood") or (q == "bad" and la[k] == "nearGood"):
                final[k] = "good"
            elif fs[k].term and ((k > 0 and cls[k - 1] == "good") or (k + 1 < n and cls[k + 1] == "good")):
                final[k] = "good"
            else:
                final[k] = "bad"
        elif cls[k] == "nearGood":
            final[k] = "bad" if p == "bad" and q == "bad" else "good"
        if cls[k] in ("short", "nearGood"):
            reasons[k] = "context" if final[k] == "good" else "short-context"
    return cls, final, reasons, count


# ThreadRecords: numeric and relative dates, reply chrome (as the Swift byte matchers).
DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}"
                  r"|\d+\s*(s|m|h|d|w|mo|y|sec|secs|min|mins|hr|hrs|hours?|days?|weeks?|months?|years?)\s+ago\b"
                  r"|\d+\s*(秒|分钟|小时|天|周|个月|年)前", re.I)
REPLY = re.compile(r"^\s*(reply|回复|引用|quote|report|举报|share)\b|reply$|回复$", re.I)


def thread_posts(fs, keep, reasons, share):
    """Posts of forum threads of dated records (`thread-post`)."""
    d = [i for i, f in enumerate(fs) if 0 < f.chars <= 40 and DATE.search(f.text)]
    runs, cur = [], d[:1]
    for a, b in zip(d, d[1:]):
        if 2 <= b - a <= 8:
            cur.append(b)
        else:
            runs.append(cur)
            cur = [b]
    runs.append(cur)
    posts, forum = [], False
    for run in (r for r in runs if len(r) >= 3):
        gaps = sorted(b - a for a, b in zip(run, run[1:]))
        bounds = [(a + 1, b) for a, b in zip(run, run[1:])] + [(run[-1] + 1, min(len(fs), run[-1] + gaps[len(gaps) // 2]))]
        if sum(any(fs[i].fixed == "byline" for i in range(a - 1, b)) for a, b in bounds) >= 0.5 * len(bounds):
            continue  # title / byline / date: a teaser list
        if sum(any(fs[i].chars <= 20 and REPLY.search(fs[i].text) for i in range(a, b)) for a, b in bounds) >= 0.5 * len(bounds):
            forum = True
        cnt = Counter(fs[i].text.strip() for a, b in bounds for i in range(a, b))
        got = []
        for a, b in bounds:
            cand = [i for i in range(a, b) if fs[i].fixed is None and fs[i].units > 0 and not DATE.search(fs[i].text)
                    and cnt[fs[i].text.strip()] < max(2, 0.5 * len(bounds))]
            if cand:
                got.append(max(cand, key=lambda i: fs[i].units))
        if len(got) >= 0.5 * len(bounds):
            posts += got
    kept = sum(f.units for f, k in zip(fs, keep) if k)
    if posts and (forum or sum(fs[i].units for i in set(posts) if not keep[i]) >= share * kept):
        for i in posts:
            if not keep[i]:
                keep[i], reasons[i] = True, "thread-post"


def record_lists(fs, keep, reasons, share):
    """Rows between copies of a short chrome line at a constant spacing (`record-list`)."""
    pos = {}
    for i, f in enumerate(fs):
        if 0 < f.chars <= 30:
            pos.setdefault(f.text.strip(), []).append(i)
    add = set()
    for ps in pos.values():
        if len(ps) < 6:
            continue
        runs, cur = [], ps[:1]
        for a, b in zip(ps, ps[1:]):
            if 2 <= b - a <= 8 and (len(cur) < 2 or b - a == cur[1] - cur[0]):
                cur.append(b)
            else:
                runs.append(cur)
                cur = [b]
        runs.append(cur)
        for run in (r for r in runs if len(r) >= 6):
            p = run[1] - run[0]
            cnt = Counter(fs[i].text.strip() for a in run for i in range(a + 1, min(len(fs), a + p)))
            for a in run:
                for i in range(a + 1, min(len(fs), a + p)):
                    if fs[i].fixed is None and fs[i].units > 0 and not keep[i] and cnt[fs[i].text.strip()] < max(2, 0.5 * len(run)):
                        add.add(i)
    kept = sum(f.units for f, k in zip(fs, keep) if k)
    if add and sum(fs[i].units for i in add) >= share * kept:
        for i in add:
            keep[i], reasons[i] = True, "record-list"


def inner_gaps(fs, keep, reasons):
    """Runs of dropped lines between two kept lines with no pattern drop but number-only
    lines (one stray drop per 20 lines allowed), no headline run and no date line (`inner-gap`)."""
    n, i = len(fs), 0
    while i < n:
        if keep[i]:
            i += 1
            continue
        j = i
        while j < n and not keep[j]:
            j += 1
        if i > 0 and j < n:
            gap = range(i, j)
            if sum(fs[k].fixed not in (None, "empty", "low-text-density") for k in gap) <= len(gap) // 20 and not any(
                    fs[k].fixed is None and reasons[k] == "related-links" for k in gap) and not any(
                    fs[k].fixed == "date-only" or (fs[k].fixed != "empty" and 0 < fs[k].chars <= 40 and DATE.search(fs[k].text)) for k in gap):
                for k in gap:
                    if fs[k].fixed in (None, "low-text-density"):
                        keep[k], reasons[k] = True, "inner-gap"
        i = j


def table_gaps(fs, reasons, blocks, main, drops):
    """Below the main block, a block about to be dropped right after a kept one stays when the
    gap between them is a table (`table-gap`): at most 200 lines, no pattern drop but
    number-only lines (at least 30 %), dates and bylines, no headline run. Returns the gap
    lines to keep."""
    keep_lines = []
    for idx in range(main + 1, len(blocks)):
        if not drops[idx] or drops[idx - 1]:
            continue
        a, b = blocks[idx - 1][1] + 1, blocks[idx][0]
        if b - a > 200:
            continue
        ne = [k for k in range(a, b) if fs[k].fixed != "empty"]
        if not ne or any(fs[k].fixed not in (None, "low-text-density", "date-only", "byline") for k in ne) \
                or any(fs[k].fixed is None and reasons[k] == "related-links" for k in ne):
            continue
        if sum(fs[k].fixed == "low-text-density" for k in ne) < 0.3 * len(ne):
            continue
        drops[idx] = False
        keep_lines += [k for k in ne if fs[k].fixed in (None, "low-text-density", "date-only")]
    return keep_lines


LIST_SEPARATORS = (" -- ", " – ", " — ", ": ", "：", "_", " | ")


def list_shape(t):
    """The class of the first character and the separators of a list item (`ListShape`)."""
    t = t.strip()
    if not t:
        return None
    c = t[0]
    cc = "d" if c.isdigit() else "u" if c.isupper() else "l" if c.islower() else "h" if "\u4e00" <= c <= "\u9fff" else "o"
    return cc, tuple(s for s in LIST_SEPARATORS if s in t)


def list_tail(fs, keep, reasons, items=4, max_lines=60):
    """A list that runs on below the article's last kept line (`list-tail`)."""
    n = len(fs)
    if True not in keep:
        return
    last = n - 1 - keep[::-1].index(True)
    kl, k = [], last
    while k >= 0 and len(kl) < items:
        if fs[k].fixed == "empty":
            k -= 1
            continue
        if not (keep[k] and reasons[k] in ("context", "inner-gap") and not fs[k].term):
            return
        kl.append(k)
        k -= 1
    shapes = set(list_shape(fs[k].text) for k in kl)
    if len(kl) < items or not any(s[1] for s in shapes):
        return
    run, j = [], last + 1
    while j < n:
        f = fs[j]
        if f.fixed == "empty":
            j += 1
            continue
        if (f.fixed is not None and f.fixed != "low-text-density") or (f.fixed is None and reasons[j] == "related-links"):
            break
        run.append(j)
        if len(run) > max_lines:
            return
        j += 1
    if run and 2 * sum(list_shape(fs[k].text) in shapes for k in run) >= len(run):
        for k in run:
            keep[k], reasons[k] = True, "list-tail"


def teaser_lists(fs, keep, reasons, pairs, tmin=20, tmax=150, smin=40, smax=200, tail=0.5):
    """Runs of headline / one-sentence snippet pairs that end the kept text (`related-list`)."""
    def headline(f):
        return f.fixed is None and f.units > 0 and not f.term and tmin <= f.eff <= tmax \
            and not f.text.rstrip().endswith((":", "："))

    def snippet(f):
        return f.fixed is None and f.term and smin <= f.eff <= smax and f.stops + f.funcs > 0
    ne = [j for j, f in enumerate(fs) if f.fixed != "empty"]
    kept = sum(f.units for f, k in zip(fs, keep) if k)
    a = 0
    while kept and a < len(ne):
        b = a
        while b + 1 < len(ne) and headline(fs[ne[b]]) and snippet(fs[ne[b + 1]]):
            b += 2
        if (b - a) // 2 < pairs:
            a += 1
            continue
        first, last = ne[a], ne[b - 1]
        run = sum(fs[j].units for j in range(first, last + 1) if keep[j])
        after = sum(fs[j].units for j in range(last + 1, len(fs)) if keep[j])
        if run and kept - run >= run and after <= tail * run:
            for j in range(first, last + 1):
                if keep[j]:
                    keep[j], reasons[j] = False, "related-list"
        a = b


END_MARKERS = ("about the author", "about the authors", "about the writer", "author bio", "editör hakkında",
              "yazar hakkında", "关于作者", "作者简介", "關於作者", "über den autor", "sobre o autor", "sobre el autor",
              "à propos de l'auteur", "a propos de l'auteur", "tentang penulis", "o autorze", "об авторе",
              "over de auteur", "sull'autore",
              "tags", "tag", "tagged", "标签", "標籤", "etiketler", "schlagwörter", "étiquettes", "etiquetas", "tagi",
              "теги")


def end_markers(fs, keep, reasons):
    """An author-box or tags header below the article ends it (`end-marker`)."""
    for j, f in enumerate(fs):
        if 0 < f.chars <= 40 and re.sub(r"[ :：]+$", "", f.text.strip()).lower() in END_MARKERS:
            before = sum(fs[x].units for x in range(j) if keep[x])
            after = sum(fs[x].units for x in range(j, len(fs)) if keep[x])
            if after and before >= after:
                for x in range(j, len(fs)):
                    if keep[x]:
                        keep[x], reasons[x] = False, "end-marker"
            return


def duplicates(fs, keep, reasons, length):
    """Later copies of a long kept line (`duplicate`)."""
    seen = set()
    for j, f in enumerate(fs):
        if keep[j] and f.eff >= length:
            t = f.text.strip()
            if t in seen:
                keep[j], reasons[j] = False, "duplicate"
            seen.add(t)


_L = rb"[A-Za-z\x80-\xff]"
_YEAR = rb"(?:19|20)\d\d(?!\d)"
HEAD_DATE = re.compile(  # BoilerplateClassifier.containsDate, on the line's UTF-8 bytes
    rb"(?<![0-9A-Za-z])(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2})(?![0-9A-Za-z])"
    rb"|(?<!\d)(?:19|20)\d\d ?\xe5\xb9\xb4 ?\d{1,2} ?\xe6\x9c\x88"
    rb"|(?<!" + _L + rb")" + _L + rb"{3,30}\.? +\d{1,2},? +" + _YEAR
    + rb"|(?<!\d)\d{1,2}\.? +(?:de +)?" + _L + rb"{3,30}\.? +(?:de +)?" + _YEAR)


def head_datelines(fs, keep, reasons, max_chars=60, window=3, share=0.5):
    """The first short kept line with a date that opens the article (`dateline`)."""
    kept = sum(f.units for f, k in zip(fs, keep) if k)
    before = 0
    for j, f in enumerate(fs):
        if not keep[j]:
            continue
        if before > share * kept:
            return
        if f.fixed is None and not f.term and 0 < f.chars <= max_chars and HEAD_DATE.search(f.text.strip().encode()):
            nxt = [x for x in range(j + 1, len(fs)) if fs[x].units > 0][:window]
            if any(keep[x] and reasons[x] == "content" for x in nxt):
                keep[j], reasons[j] = False, "dateline"
                return
        before += f.units


def inner_clause_lines(fs, keep, reasons):
    """Short lines with clause punctuation and no date inside the kept span (`inner-clause`)."""
    idx = [k for k, x in enumerate(keep) if x]
    if not idx:
        return
    for k in range(idx[0] + 1, idx[-1]):
        f = fs[k]
        if not keep[k] and f.fixed is None and f.clause > 0 and reasons[k] == "short-context" \
                and not HEAD_DATE.search(f.text.strip().encode()):
            keep[k], reasons[k] = True, "inner-clause"


def date_meta_lines(fs, keep, reasons, max_chars=40, min_lines=2):
    """Short lines kept by context with a date and no terminal punctuation, when the page
    holds at least `min_lines` of them (`date-meta`)."""
    found = [k for k, f in enumerate(fs) if keep[k] and reasons[k] == "context" and 0 < f.chars <= max_chars
             and not f.term and (DATE.search(f.text) or HEAD_DATE.search(f.text.strip().encode()))]
    if len(found) >= min_lines:
        for k in found:
            keep[k], reasons[k] = False, "date-meta"


def page_lengths(fs, o):
    """Good and near-good lengths of a page: higher on a dense page (BoilerplateOptions.pageLengths)."""
    if o["dense_line"] <= 0 or o["dense_good"] == o["good"]:
        return o["good"], o["near_good"]
    lengths = [f.eff for f in fs if f.fixed is None and f.eff > 0 and not f.cjk]
    if len(lengths) < 10 or sum(1 for x in lengths if x >= o["dense_line"]) < o["dense_share"] * len(lengths):
        return o["good"], o["near_good"]
    return o["dense_good"], int(o["near_good"] * o["dense_good"] / o["good"])


def classify(fs, o=DEFAULTS, main_block=None):
    """Keep flags and reasons for a page's lines, as the stage decides them (`main_block`:
    the index of the block to take as the main one instead of the heaviest, for experiments)."""
    good, near = page_lengths(fs, o)
    cls, final, reasons, count = context_pass(fs, o, good, o["good_han"], near)
    if count < o["sparse"]:
        s = o["scale"]
        cls, final, reasons, count = context_pass(
            fs, o, int(good * s), int(o["good_han"] * s), int(near * s))
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
    if blocks:
        heavy = max(b[2] for b in blocks)
        main = [b[2] for b in blocks].index(heavy)
        if main_block is not None:
            main, heavy = main_block, blocks[main_block][2]
        drops = [w < (o["lead"] if idx < main else o["share"]) * heavy for idx, (a, b, w) in enumerate(blocks)]
        if o["keep_table_gaps"]:
            for k in table_gaps(fs, reasons, blocks, main, drops):
                keep[k], reasons[k] = True, "table-gap"
        for idx, (a, b, w) in enumerate(blocks):
            drop = drops[idx]
            for i in range(a, b + 1):
                if drop and keep[i]:
                    keep[i], reasons[i] = False, "off-main"
                elif not drop and not keep[i] and fs[i].fixed is None:
                    keep[i], reasons[i] = True, "context"
        if o["end_at_section_header"]:
            end = next((c for c in range(blocks[main][1] + 1, len(fs)) if fs[c].fixed in SECTION_ENDS
                        and not (fs[c].fixed == "related-links" and fs[c].eff > LONG_TEASER)), len(fs))
            for k in range(end, len(fs)):
                if keep[k]:
                    keep[k], reasons[k] = False, "after-article"
    if o["keep_inner_gaps"]:
        inner_gaps(fs, keep, reasons)
    if o["keep_list_tails"]:
        list_tail(fs, keep, reasons)
    if o["thread_post_share"] > 0:
        thread_posts(fs, keep, reasons, o["thread_post_share"])
    if o["record_list_share"] > 0:
        record_lists(fs, keep, reasons, o["record_list_share"])
    if o["teaser_pairs"] > 0:
        teaser_lists(fs, keep, reasons, o["teaser_pairs"])
    if o["end_markers"]:
        end_markers(fs, keep, reasons)
    if o["duplicate_length"] > 0:
        duplicates(fs, keep, reasons, o["duplicate_length"])
    if o["datelines"]:
        head_datelines(fs, keep, reasons)
    if o["inner_clause"]:
        inner_clause_lines(fs, keep, reasons)
    if o["date_meta"]:
        date_meta_lines(fs, keep, reasons)
    if not any(keep):
        for i, f in enumerate(fs):
            if f.fixed is None:
                keep[i], reasons[i] = True, "no-prose"
    return keep, reasons


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-boil", "dev-out")
    data = S.Data(DATA)
    ids = [r["id"] for r in data.index if r.get("has_gold")]
    group = {r["id"]: r["group"] for r in data.index}
    pages = load(out, ids)
    acc = {}
    for k, i in enumerate(ids):
        keep, _ = classify(pages[i])
        text = "\n".join(f.text for f, kept in zip(pages[i], keep) if kept)
        prf = S.page_prf(S.tokenize(text), data.gold[i])
        for key in ("all", "zh" if group[i] == "zh" else None, "even" if k % 2 == 0 else "odd"):
            if key:
                a = acc.setdefault(key, [0.0, 0.0, 0.0, 0])
                for j in range(3):
                    a[j] += prf[j]
                a[3] += 1
    for key in ("all", "zh", "even", "odd"):
        a = acc[key]
        print("%-5s (%3d) P %.3f R %.3f F1 %.4f" % (key, a[3], a[0] / a[3], a[1] / a[3], a[2] / a[3]))


if __name__ == "__main__":
    main()
