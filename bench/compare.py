"""tifa against the Python baseline on one corpus, in the same run (DESIGN.md §7, issue 9).

    python3 bench/compare.py --tifa-bench B --tifa T [--rounds 5] [--python /usr/bin/python3]
                             [--json] CORPUS_DIR

`bash bench/run.sh --compare` builds the two programs in Release and calls this. Each round runs,
one after the other (interleaved, so that the machine's drift hits all alike):

  in-memory   tifa_bench --stages process --rounds 1: the whole pipeline over the corpus held
              in memory (its own figure: loading the files is not timed)
  cli         tifa process --jobs 1 CORPUS_DIR > /dev/null (reading the files included)
  cli x2      the same with --jobs 2
  baseline    bench/baseline.py CORPUS_DIR > /dev/null under the given Python

MB/s is bytes of input / 1e6 / seconds. Printed per command: median, min and max over the rounds,
and the peak RSS of its process (largest over the rounds); then the ratios of the medians. The
first round is a warm-up and not counted.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent


def corpus_bytes(corpus):
    return sum(p.stat().st_size for p in corpus.rglob("*")
               if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts))


def run_measured(command, sink_stdout):
    """Wall seconds, peak RSS in bytes and stdout of one run (the child is reaped here with wait4,
    for its own rusage); exits on a non-zero status."""
    start = time.perf_counter()
    stdout = subprocess.DEVNULL if sink_stdout else subprocess.PIPE
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    err = process.stderr.read()
    out = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss * 1024, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--tifa-bench", required=True)
    parser.add_argument("--tifa", required=True)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout, the table on stderr")
    args = parser.parse_args()
    if args.rounds < 1:
        raise SystemExit("--rounds must be at least 1")
    size = corpus_bytes(args.corpus)
    corpus = str(args.corpus)
    commands = {
        "in-memory": [args.tifa_bench, "--stages", "process", "--rounds", "1", "--json", corpus],
        "cli": [args.tifa, "process", "--quiet", "--jobs", "1", corpus],
        "cli x2": [args.tifa, "process", "--quiet", "--jobs", "2", corpus],
        "baseline": [args.python, str(HERE / "baseline.py"), corpus],
    }
    rates = {name: [] for name in commands}
    rss = {name: 0 for name in commands}
    for round_index in range(args.rounds + 1):
        for name, command in commands.items():
            seconds, peak, out = run_measured(command, sink_stdout=name != "in-memory")
            if name == "in-memory":
                stage = next(s for s in json.loads(out)["stages"] if s["name"] == "process" and s["threads"] == 1)
                rate = stage["mb_per_s"]["median"]
            else:
                rate = size / 1e6 / seconds
            if round_index > 0:
                rates[name].append(rate)
                rss[name] = max(rss[name], peak)
    summary = {name: {"median": statistics.median(r), "min": min(r), "max": max(r), "peak_rss_bytes": rss[name]}
               for name, r in rates.items()}
    base = summary["baseline"]["median"]
    ratios = {
        "in-memory / baseline": summary["in-memory"]["median"] / base,
        "cli / baseline": summary["cli"]["median"] / base,
        "cli x2 / cli": summary["cli x2"]["median"] / summary["cli"]["median"],
    }
    table = sys.stderr if args.json else sys.stdout
    print(f"corpus {corpus}: {size / 1e6:.1f} MB; {args.rounds} rounds after 1 warm-up, interleaved", file=table)
    print(f"{'command':<12} {'median MB/s':>12} {'min MB/s':>10} {'max MB/s':>10} {'peak RSS':>10}", file=table)
    for name, s in summary.items():
        print(f"{name:<12} {s['median']:>12.1f} {s['min']:>10.1f} {s['max']:>10.1f} "
              f"{s['peak_rss_bytes'] / 2**20:>8.1f} MB", file=table)
    for name, value in ratios.items():
        print(f"{name}: {value:.2f}x", file=table)
    if args.json:
        json.dump({"corpus": corpus, "bytes": size, "rounds": args.rounds, "commands": summary,
                   "ratios": ratios}, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
