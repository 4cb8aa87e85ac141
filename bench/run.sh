#!/usr/bin/env bash
# One command for the benchmark: build Release into build-bench, make the corpus if it is missing,
# run tifa_bench on it.
#   bash bench/run.sh [tifa_bench options, e.g. --rounds 9 --threads 2 --json]
#   bash bench/run.sh --compare [--rounds R] [--json]   tifa against the Python baseline
# Environment:
#   BENCH_MB=20      corpus size in MB (1e6 bytes) when the corpus has to be made (default 50).
#                    An existing corpus is kept: delete bench/corpus to make a new one.
#   BENCH_CORPUS=D   use directory D instead of bench/corpus (made there if missing).
#   BENCH_PYTHON=P   the Python of the baseline (default /usr/bin/python3, which has the Debian
#                    packages python3-bs4, python3-lxml, python3-yaml, python3-ahocorasick).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$repo/build-bench"
corpus="${BENCH_CORPUS:-$repo/bench/corpus}"

# Build messages go to stderr: stdout carries only the results (the JSON object with --json).
# The library, the harness and the command are built; tests and examples stay off.
if ! grep -qs '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt" ||
   ! grep -qs '^TIFA_BUILD_CLI:BOOL=ON$' "$build/CMakeCache.txt"; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DTIFA_BUILD_TESTS=OFF -DTIFA_BUILD_CLI=ON -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=ON >&2
fi
cmake --build "$build" --target tifa_bench tifa_cli >&2

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
