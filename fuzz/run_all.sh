#!/usr/bin/env bash
# Runs every fuzz target for SECONDS, two at a time (the CTest test fuzz_smoke).
#
#   fuzz/run_all.sh SECONDS FUZZ_TREE
#
# FUZZ_TREE: a tree with the fuzz targets, such as the instrumented tree of the tests
# (tests/sanitizers/build_instrumented.sh), or any directory, where fuzz/run.sh configures a fuzz
# tree. The targets are built, or brought up to date, once before the runs. Each target is a
# single process fuzzing on one core for SECONDS of wall time, so running as many at a time as
# there are cores (TIFA_FUZZ_PARALLEL, default 2, at most the number of cores) gives each its full
# time: 7 targets take 4 rounds of SECONDS on two cores.
#
# Exit status 0 when no target found anything, 1 on any finding or build failure, 77 (CTest:
# skipped) when clang with libFuzzer is not available or FUZZ_TREE was built without the fuzz
# targets (no libFuzzer when it was built). Environment: TIFA_FUZZ_CC, TIFA_FUZZ_CXX (default
# clang, clang++), CMAKE, TIFA_FUZZ_PARALLEL.
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS FUZZ_TREE" >&2
  exit 64
fi
seconds=$1
export TIFA_FUZZ_BUILD=$2
here=$(cd "$(dirname "$0")" && pwd)
# The main tree's compiler may be gcc: the fuzz tree always uses clang (run.sh reads these).
export TIFA_FUZZ_CC=${TIFA_FUZZ_CC:-clang} TIFA_FUZZ_CXX=${TIFA_FUZZ_CXX:-clang++}
CXX=$TIFA_FUZZ_CXX
cores=$(nproc 2>/dev/null || echo 1)
parallel=${TIFA_FUZZ_PARALLEL:-2}
[ "$parallel" -le "$cores" ] || parallel=$cores
targets=(pipeline frontmatter html sentences matcher lexicon capi)
start=$SECONDS

# 1. Can this toolchain build and run a libFuzzer program?
probe=$(mktemp -d "${TMPDIR:-/tmp}/tifa-fuzz-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
printf '#include <cstddef>\n#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n' \
  >"$probe/probe.cpp"
if ! command -v "$CXX" >/dev/null 2>&1; then
  echo "SKIP [fuzz]: no clang++ ($CXX): the fuzz targets need clang's libFuzzer"
  exit 77
fi
if ! "$CXX" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" >"$probe/log" 2>&1; then
  echo "SKIP [fuzz]: $CXX cannot build -fsanitize=fuzzer,address,undefined programs:"
  cat "$probe/log"
  exit 77
fi
if ! "$probe/probe" -runs=1 >"$probe/log" 2>&1; then
  echo "SKIP [fuzz]: a libFuzzer program does not run here:"
  cat "$probe/log"
  exit 77
fi
cache=$TIFA_FUZZ_BUILD/CMakeCache.txt
if [ -f "$cache" ] && ! grep -q '^TIFA_BUILD_FUZZ:BOOL=ON$' "$cache"; then
  echo "SKIP [fuzz]: $TIFA_FUZZ_BUILD was built without the fuzz targets (its compiler had no libFuzzer then)"
  exit 77
fi

# 2. Every target, built once.
if ! bash "$here/run.sh" --build; then
  echo "FAIL [fuzz]: building the fuzz targets in $TIFA_FUZZ_BUILD failed" >&2
  exit 1
fi
echo "== [fuzz] targets built in $TIFA_FUZZ_BUILD ($((SECONDS - start)) s)"

# 3. The runs, $parallel at a time; each one's output goes to a file, printed at the end.
out=$TIFA_FUZZ_BUILD/fuzz/run_all
rm -rf "$out"
mkdir -p "$out"
run_one() {
  local status=0
  TIFA_FUZZ_NO_BUILD=1 bash "$here/run.sh" "$1" "$seconds" >"$out/$1.out" 2>&1 || status=$?
  echo "$status" >"$out/$1.status"
  echo "== [fuzz] $1 done, exit status $status ($((SECONDS - start)) s)"
}
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  echo "== [fuzz] $target for $seconds s ($((SECONDS - start)) s)"
  run_one "$target" &
  running=$((running + 1))
done
wait

# 4. The summary: one line per target, the whole output of those that failed.
failed=()
summaries=()
for target in "${targets[@]}"; do
  status=$(cat "$out/$target.status" 2>/dev/null || echo missing)
  if [ "$status" != 0 ]; then
    cat "$out/$target.out"
    failed+=("$target")
  fi
  summaries+=("$(tail -n 1 "$out/$target.out")")
done
echo "== [fuzz] summary ($parallel at a time, $((SECONDS - start)) s)"
printf '%s\n' "${summaries[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAIL [fuzz]: ${failed[*]}" >&2
  exit 1
fi
