#!/usr/bin/env python3
"""Gazetteer matching: Winnow's NameAutomaton vs ahocorasick_rs, side by side in one run.

Both get the same bytes: the corpus folded as the entities stage folds it (OpenCC t2s +
NFKC_Casefold, done once by `entities-bench prepare`, not timed) and the same folded key
lists (1k and 100k samples of the shipped gazetteer's distinct keys; 1M = all shipped keys
plus synthetic Latin and Han names). Both stream the text in the same chunks (cut at line
ends) and only the matcher calls are timed; best of --repeat.

- winnow: `entities-bench match` (release build), a subprocess: build the automaton (timed),
  save it and load it back (timed), match leftmost-longest and all-overlapping. Winnow also
  checks token boundaries (Latin names only between words), which ahocorasick_rs does not.
- ahocorasick_rs: a subprocess of this script: AhoCorasick(keys, LEFTMOST_LONGEST) built
  (timed), then find_matches_as_indexes on each str chunk; and BytesAhoCorasick on each
  bytes chunk (no character-offset conversion). Its faster API is the anchor.

Peak RSS of each subprocess from wait4(). Prints a markdown table.
"""
import argparse
import json
import os
import subprocess
import sys
import time

WORKER = r'''
import json, resource, sys, time
import ahocorasick_rs as ac
keys_path, text_path, repeat, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(keys_path, "rb") as f:
    keys = f.read().split(b"\n")[:-1]
def chunks():
    with open(text_path, "rb") as f:
        carry = b""
        while True:
            data = f.read(chunk)
            if not data:
                break
            block = carry + data
            nl = block.rfind(b"\n")
            if nl < 0:
                carry = block
                continue
            carry = block[nl + 1:]
            yield block[: nl + 1]
        if carry:
            yield carry
blocks = list(chunks())
out = {"keys": len(keys), "text_bytes": sum(len(b) for b in blocks)}
mode = sys.argv[5]
if mode == "str":
    skeys = [k.decode("utf-8") for k in keys]
    t0 = time.thread_time()
    a = ac.AhoCorasick(skeys, matchkind=ac.MatchKind.LeftmostLongest)
    out["build_s"] = time.thread_time() - t0
    del skeys
    hay = [b.decode("utf-8") for b in blocks]
else:
    t0 = time.thread_time()
    a = ac.BytesAhoCorasick(keys, matchkind=ac.MatchKind.LeftmostLongest)
    out["build_s"] = time.thread_time() - t0
    hay = blocks
del keys
best = float("inf")
for _ in range(repeat):
    total = 0.0
    n = 0
    for h in hay:
        t = time.thread_time()
        m = a.find_matches_as_indexes(h)
        total += time.thread_time() - t
        n += len(m)
    best = min(best, total)
out["s"] = best
out["mb_per_s"] = out["text_bytes"] / best / 1e6
out["matches"] = n
print(json.dumps(out))
'''


def run(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.stdout.read(), p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{cmd[0]} failed: {err.decode()}")
    result = json.loads(out)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=os.path.join(root, ".build-ent-bench/release/entities-bench"))
    ap.add_argument("--corpus", default=os.path.join(root, ".corpus/mixed.txt"))
    ap.add_argument("--work", default="/tmp/winnow-entities-bench")
    ap.add_argument("--sizes", default="1k,100k,1m")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chunk-mib", type=int, default=1)
    ap.add_argument("--peer-sizes", default="1k,100k,1m")
    args = ap.parse_args()

    if not os.path.exists(os.path.join(args.work, "keys-1m.txt")):
        print("prepare:", subprocess.run([args.bench, "prepare", "--corpus", args.corpus, "--out", args.work],
                                         check=True, capture_output=True, text=True).stdout.strip())
    text = os.path.join(args.work, "text.folded")
    rows = []
    for size in args.sizes.split(","):
        keys = os.path.join(args.work, f"keys-{size}.txt")
        w = run([args.bench, "match", "--keys", keys, "--text", text, "--repeat", str(args.repeat),
                 "--chunk-mib", str(args.chunk_mib)])
        print(json.dumps({"winnow": size, **w}), flush=True)
        peers = {}
        if size in args.peer_sizes.split(","):
            for mode in ("str", "bytes"):
                peers[mode] = run([sys.executable, "-c", WORKER, keys, text, str(args.repeat), str(args.chunk_mib << 20), mode])
                print(json.dumps({"ahocorasick_rs": size, "api": mode, **peers[mode]}), flush=True)
        rows.append((size, w, peers))

    print()
    print("| names | tool | build (s) | load (s) | peak RSS (MB) | leftmost-longest MB/s | all-overlapping MB/s | matches (LL) |")
    print("|---|---|---|---|---|---|---|---|")
    for size, w, peers in rows:
        ll, ao = w["leftmost-longest"], w["all-overlapping"]
        print(f"| {size} | winnow | {w['build_s']:.3f} | {w['load_s']:.3f} | {w['peak_rss_mb']:.1f} | "
              f"**{ll['mb_per_s']:.0f}** | {ao['mb_per_s']:.0f} | {ll['matches']:,} |")
        for mode, p in peers.items():
            api = "AhoCorasick (str)" if mode == "str" else "BytesAhoCorasick"
            print(f"| {size} | ahocorasick_rs {api} | {p['build_s']:.3f} | — | {p['peak_rss_mb']:.1f} | "
                  f"{p['mb_per_s']:.0f} | — | {p['matches']:,} |")
        if peers:
            best = max(p["mb_per_s"] for p in peers.values())
            print(f"| {size} | **winnow / best ahocorasick_rs** | | | | **{ll['mb_per_s'] / best:.2f}×** | | |")
    speeds = {size: w["leftmost-longest"]["mb_per_s"] for size, w, _ in rows}
    if "1k" in speeds and "1m" in speeds:
        print(f"\nwinnow 1k / 1M names speed ratio: {speeds['1k'] / speeds['1m']:.2f}×")


if __name__ == "__main__":
    main()
