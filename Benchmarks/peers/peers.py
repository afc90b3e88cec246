#!/usr/bin/env python3
"""Times Winnow against the peers a user would otherwise pick, on the same files, in one run.

Tokenization: Hugging Face tokenizers' BertPreTokenizer, blingfire text_to_words, jieba (zh,
mixed), `winnow tokenize --count` (fast and ICU engines). Normalization: ftfy's fix_text vs
`winnow normalize`. Peers run through their Python APIs (as users call them); Winnow runs as
its CLI on the file, including process start-up and I/O, so the comparison does not favour it.
Prints MB/s per tool and corpus, and ratios. Each measurement is the best of --repeat runs.
"""
import argparse
import os
import resource
import subprocess
import sys
import time


# CPU seconds of the best-of runs, by the order they were measured (see `cpu_note`).
CPU = []


def cpu_seconds():
    """CPU time (user + system) of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best_of(repeat, fn):
    """Best wall time of `repeat` runs of `fn`; also records the best CPU time in CPU."""
    best = float("inf")
    best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        c0 = cpu_seconds()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, cpu_seconds() - c0)
    CPU.append(best_cpu)
    return best, result


def cpu_note(mb):
    """MB/s by CPU time of the last best_of (on a loaded machine, less noisy than wall)."""
    return f"cpu {mb / CPU[-1]:.2f} MB/s" if CPU and CPU[-1] > 0 else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mib", type=int, default=8, help="MiB of each corpus to use for slow peers")
    ap.add_argument("--ftfy-mib", type=float, default=1.0)
    ap.add_argument("--corpora", default="en,zh,mixed", help="comma-separated corpus names")
    args = ap.parse_args()

    rows = []
    for name in args.corpora.split(","):
        path = os.path.join(args.corpus, name + ".txt")
        if not os.path.exists(path):
            print(f"missing {path}: run scripts/make-bench-corpus.sh", file=sys.stderr)
            continue
        with open(path, "rb") as f:
            data = f.read(args.mib << 20)
        data = data[: data.rfind(b"\n") + 1]
        text = data.decode("utf-8")
        sub = os.path.join("/tmp", f"winnow-peers-{name}.txt")
        with open(sub, "wb") as f:
            f.write(data)
        mb = len(data) / 1e6
        lines = text.split("\n")

        def run_winnow(*cmd):
            def go():
                out = subprocess.run([args.winnow, *cmd, sub], check=True, capture_output=True)
                return out.stdout
            return go

        for engine in ("fast", "icu"):
            try:
                t, out = best_of(args.repeat, run_winnow("tokenize", "--engine", engine, "--count"))
                rows.append((name, f"winnow tokenize --engine {engine}", mb / t,
                             f"{out.decode().strip()} tokens, {cpu_note(mb)}"))
            except subprocess.CalledProcessError as e:
                rows.append((name, f"winnow tokenize --engine {engine}", None, e.stderr.decode()[:80]))
        try:
            t, _ = best_of(args.repeat, run_winnow("normalize"))
            rows.append((name, "winnow normalize (default)", mb / t, cpu_note(mb)))
        except subprocess.CalledProcessError as e:
            rows.append((name, "winnow normalize (default)", None, e.stderr.decode()[:80]))

        from tokenizers.pre_tokenizers import BertPreTokenizer
        bert = BertPreTokenizer()
        t, n = best_of(args.repeat, lambda: sum(len(bert.pre_tokenize_str(l)) for l in lines))
        rows.append((name, "HF tokenizers BertPreTokenizer", mb / t, f"{n} tokens, {cpu_note(mb)}"))

        import blingfire
        t, n = best_of(args.repeat, lambda: sum(len(blingfire.text_to_words(l).split()) for l in lines))
        rows.append((name, "blingfire text_to_words", mb / t, f"{n} tokens, {cpu_note(mb)}"))

        if name != "en":
            import jieba
            jieba.setLogLevel(60)
            jieba.initialize()
            t, n = best_of(1, lambda: sum(1 for l in lines for _ in jieba.cut(l)))
            rows.append((name, "jieba cut (default HMM)", mb / t, n))

        import ftfy
        small = data[: int(args.ftfy_mib * (1 << 20))]
        small = small[: small.rfind(b"\n") + 1].decode("utf-8")
        t, _ = best_of(1, lambda: ftfy.fix_text(small))
        rows.append((name, "ftfy fix_text", len(small.encode()) / 1e6 / t, f"{len(small.encode())} bytes"))

    print(f"{'corpus':7} {'tool':38} {'MB/s':>10}  notes")
    for name, tool, mbs, note in rows:
        v = f"{mbs:10.2f}" if mbs else "     error"
        print(f"{name:7} {tool:38} {v}  {note}")
    # Ratios: winnow fast vs each peer, per corpus.
    print()
    for name in args.corpora.split(","):
        r = {tool: mbs for n, tool, mbs, _ in rows if n == name and mbs}
        fast = r.get("winnow tokenize --engine fast")
        norm = r.get("winnow normalize (default)")
        for tool, mbs in r.items():
            if fast and not tool.startswith("winnow") and tool != "ftfy fix_text":
                print(f"{name:7} winnow fast / {tool}: {fast / mbs:.1f}x")
        if norm and "ftfy fix_text" in r:
            print(f"{name:7} winnow normalize / ftfy fix_text: {norm / r['ftfy fix_text']:.0f}x")


if __name__ == "__main__":
    main()
