#!/usr/bin/env bash
# One command for the benchmark: build Release (profile-guided) into build-bench, make the corpus
# if it is missing, run tifa_bench on it.
#   bash bench/run.sh [tifa_bench options, e.g. --rounds 9 --threads 2 --json]
#   bash bench/run.sh --compare [--rounds R] [--json]   tifa against the Python baseline
# Environment:
#   BENCH_MB=20      corpus size in MB (1e6 bytes) when the corpus has to be made (default 50).
#                    An existing corpus is kept: delete bench/corpus to make a new one.
#   BENCH_CORPUS=D   use directory D instead of bench/corpus (made there if missing).
#   BENCH_PGO=0      a plain Release build instead of the profile-guided one (scripts/build-pgo.sh).
#   BENCH_PYTHON=P   the Python of the baseline (default /usr/bin/python3, which has the Debian
#                    packages python3-bs4, python3-lxml, python3-yaml, python3-ahocorasick).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$repo/build-bench"
corpus="${BENCH_CORPUS:-$repo/bench/corpus}"

# Build messages go to stderr: stdout carries only the results (the JSON object with --json).
# The library, the harness and the command are built; tests and examples stay off. By default the
# build is profile-guided (scripts/build-pgo.sh: trained on examples/samples, which the corpus
# holds copies of, among many other documents); BENCH_PGO=0 measures a plain Release build.
options=(-DTIFA_BUILD_TESTS=OFF -DTIFA_BUILD_CLI=ON -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=ON)
if [[ "${BENCH_PGO:-1}" != 0 ]]; then
  bash "$repo/scripts/build-pgo.sh" "$build" --target tifa_bench --target tifa_cli "${options[@]}"
else
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTIFA_PGO=OFF "${options[@]}" >&2
  cmake --build "$build" --target tifa_bench tifa_cli >&2
fi

if [[ ! -d "$corpus" ]]; then
  python3 "$repo/bench/make_corpus.py" --size "${BENCH_MB:-50}" --formats seed --out "$corpus" >&2
fi

# --compare [--rounds R] [--json]: tifa in memory, the tifa command (--jobs 1 and 2) and the
# Python baseline (bench/baseline.py under Debian's python3) on the same corpus (compare.py).
if [[ "${1:-}" == "--compare" ]]; then
  shift
  exec python3 "$repo/bench/compare.py" --tifa-bench "$build/bench/tifa_bench" \
    --tifa "$build/cli/tifa" --python "${BENCH_PYTHON:-/usr/bin/python3}" "$@" "$corpus"
fi

exec "$build/bench/tifa_bench" "$@" "$corpus"
