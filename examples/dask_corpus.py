#!/usr/bin/env python3
"""Processes a JSONL corpus with tifa on a Dask cluster and prints corpus totals as JSON.

    TIFA_LIBRARY=$PWD/build/capi/libtifa.so.1 PYTHONPATH=$PWD/python \\
        /usr/bin/python3 examples/dask_corpus.py corpus.jsonl [--workers 2] [--threads]

Each line of the corpus is one JSON object with the document in "text" (other fields, such as
"id", are not needed for the totals). The corpus is cut into blocks of whole lines (--blocksize); each block is one task that
parses its lines and runs them through one batch call of a tifa.Pipeline. The pipeline is made
once here and shipped to the workers pickled: it carries its lexicon and options, and each
worker process builds the native pipeline on first use.

By default the cluster is a LocalCluster of two worker processes on the loopback interface, with
no dashboard; --scheduler ADDRESS uses a running cluster instead (every worker then needs tifa
importable and TIFA_LIBRARY set). The output is one JSON object:

    {"documents": N, "failed": N, "chars": N, "sentences": N, "mentions": N,
     "slogans": {"canonical": count, ...}}

Dask and distributed come from Debian (python3-dask, python3-distributed; scripts/install-deps.sh
installs them): run the script with /usr/bin/python3, as a pyenv or venv interpreter does not see
Debian's packages.
"""

import argparse
import functools
import json
import os
import sys

import tifa


def empty_totals():
    return {"documents": 0, "failed": 0, "chars": 0, "sentences": 0, "mentions": 0, "slogans": {},
            "tasks": 0, "pids": []}


def add_document(totals, doc):
    """Adds one document (a dict of tifa.Pipeline.process) to the totals."""
    totals["documents"] += 1
    if "error" in doc:
        totals["failed"] += 1
        return totals
    totals["chars"] += len(doc["text"])
    totals["sentences"] += len(doc["sentences"])
    totals["mentions"] += len(doc["mentions"])
    slogans = totals["slogans"]
    for mention in doc["mentions"]:
        slogans[mention["canonical"]] = slogans.get(mention["canonical"], 0) + 1
    return totals


def merge_totals(a, b):
    merged = empty_totals()
    for key in ("documents", "failed", "chars", "sentences", "mentions", "tasks"):
        merged[key] = a[key] + b[key]
    merged["pids"] = sorted(set(a["pids"]) | set(b["pids"]))
    for totals in (a, b):
        for canonical, count in totals["slogans"].items():
            merged["slogans"][canonical] = merged["slogans"].get(canonical, 0) + count
    return merged


def summarise_block(lines, pipeline, text_field):
    """One task: the totals of a block of JSONL lines, as a one-element list (a bag partition)."""
    texts = [json.loads(line)[text_field] for line in lines if line.strip()]
    totals = empty_totals()
    totals["tasks"] = 1
    totals["pids"] = [os.getpid()]
    # One native call for the whole block; a worker thread runs it on one native thread.
    for doc in pipeline.process_many(texts, threads=1, errors="return"):
        add_document(totals, doc)
    return [totals]


def corpus_totals(client, paths, pipeline, text_field="text", blocksize="32MiB"):
    """The totals of the JSONL files `paths`, computed on the cluster of `client`."""
    import dask.bag

    lines = dask.bag.read_text(paths, blocksize=blocksize)
    partials = lines.map_partitions(summarise_block, pipeline, text_field)
    results = client.compute(partials).result()
    return functools.reduce(merge_totals, results, empty_totals())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="+", help="JSONL files, one document per line")
    parser.add_argument("--text-field", default="text", help="the field holding the document")
    parser.add_argument("--lexicon", action="append", default=[],
                        help="a lexicon file layered over the built-in one (repeatable)")
    parser.add_argument("--min-confidence", help="low, medium or high")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    parser.add_argument("--threads", action="store_true",
                        help="local workers are threads of this process, not processes")
    parser.add_argument("--blocksize", default="32MiB", help="corpus bytes per task")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    lexicon = None
    for path in args.lexicon:
        lexicon = (lexicon or tifa.Lexicon.builtin()).merged(tifa.Lexicon.from_file(path))
    pipeline = tifa.Pipeline(lexicon, min_confidence=args.min_confidence)

    if args.scheduler:
        with Client(args.scheduler) as client:
            totals = corpus_totals(client, args.corpus, pipeline, args.text_field, args.blocksize)
    else:
        # TCP on loopback in both modes (worker threads would otherwise talk "inproc").
        with LocalCluster(n_workers=args.workers, threads_per_worker=1,
                          processes=not args.threads, protocol="tcp://", host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            totals = corpus_totals(client, args.corpus, pipeline, args.text_field, args.blocksize)

    # How the work was spread goes to stderr; the totals alone to stdout.
    tasks, pids = totals.pop("tasks"), totals.pop("pids")
    where = "this process" if pids == [os.getpid()] else "%d worker processes" % len(pids)
    print("dask_corpus: %d documents in %d tasks, run by %s" % (totals["documents"], tasks, where),
          file=sys.stderr)
    totals["slogans"] = dict(sorted(totals["slogans"].items(), key=lambda item: (-item[1], item[0])))
    json.dump(totals, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
