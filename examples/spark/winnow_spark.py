"""Clean a JSONL corpus with Winnow on Apache Spark: each partition streams through `winnow run`.

    winnow learn -o state.json corpus.jsonl            # once, on the whole corpus
    spark-submit --files /path/to/winnow,state.json \\
        winnow_spark.py --state state.json corpus.jsonl cleaned/

Each line of the input is one JSON document (`text` holds the text; other fields pass through).
Spark splits the corpus into partitions and pipes each partition, one line per document, through
`winnow run --input-format jsonl -`: exactly one JSON line comes back per (non-blank) line, in
order, with the cleaned text in `text` and Winnow's results under `winnow`. A document that fails
(a line that is not JSON, say) comes back with `winnow.error` and does not fail the task
(`--document-errors-ok`); anything else that makes `winnow` exit non-zero (a missing binary, a bad
state file) fails the task (`checkCode=True`).

A partition cannot see the whole corpus, so the corpus-pass stages (the lines a site repeats on
its pages) load the state `winnow learn` wrote beforehand (`--load-state`). The output then equals
one `winnow run` over the whole corpus.

Files given to `spark-submit --files` are copied to every executor's working directory (on YARN,
Kubernetes and standalone clusters); in local mode they are in `SparkFiles.getRootDirectory()`.
`shipped()` picks the right one. The child runs with an empty environment (PySpark's `pipe`
default), so ship the self-contained binary (`make static`).
"""

import argparse
import os
import shlex
import sys

from pyspark import SparkContext, SparkFiles


def shipped(sc: SparkContext, path: str) -> str:
    """The path under which a task finds a file given to `spark-submit --files`.

    An absolute path is taken as it is (a binary installed on every node)."""
    if os.path.isabs(path):
        return path
    name = os.path.basename(path)
    if sc.master.startswith("local"):
        # Local mode: the executor is the driver, which keeps shipped files in a temporary folder.
        return SparkFiles.get(name)
    # A cluster: shipped files are in each executor's working directory.
    return os.path.join(".", name)


def winnow_command(sc: SparkContext, args: argparse.Namespace) -> str:
    """The `winnow run` command line each partition is piped through."""
    command = [
        shipped(sc, args.binary), "run",
        "--input-format", "jsonl",
        "--jobs", str(args.jobs),   # Spark already runs one task per core
        "--quiet",                  # no summary on stderr
        "--document-errors-ok",     # a failed document is an error line, not a failed task
        "--text-field", args.text_field,
    ]
    if args.pipeline:
        command += ["--pipeline", shipped(sc, args.pipeline)]
    if args.state:
        command += ["--load-state", shipped(sc, args.state)]
    if args.fail_fast:
        command += ["--fail-fast"]
    command.append("-")
    return shlex.join(command)


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="the JSONL corpus (any path Spark's textFile reads)")
    parser.add_argument("output", help="the output folder (part-NNNNN files, in input order)")
    parser.add_argument("--binary", default="winnow",
                        help="the winnow binary: a name given to --files, or an absolute path on every node")
    parser.add_argument("--state", help="the state file from `winnow learn` (given to --files)")
    parser.add_argument("--pipeline", help="a pipeline file (given to --files); default: the built-in pipeline")
    parser.add_argument("--partitions", type=int, default=None, help="at least this many partitions")
    parser.add_argument("--jobs", type=int, default=1, help="winnow worker threads per task (default 1)")
    parser.add_argument("--text-field", default="text", help="the JSON field holding the text")
    parser.add_argument("--fail-fast", action="store_true",
                        help="fail the task at the first failed document instead of writing its error line")
    args = parser.parse_args(argv)

    sc = SparkContext(appName="winnow")
    try:
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        command = winnow_command(sc, args)
        print(f"winnow_spark: {lines.getNumPartitions()} partitions through: {command}", file=sys.stderr)
        # env={}: the child sees no environment of the worker's (PySpark's default, made explicit).
        cleaned = lines.pipe(command, env={}, checkCode=True)
        cleaned.saveAsTextFile(args.output)
    finally:
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
