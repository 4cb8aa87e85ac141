#!/usr/bin/env bash
# Builds and runs one libFuzzer target (docs/fuzzing.md).
#
#   fuzz/run.sh TARGET SECONDS [LIBFUZZER_ARG...]
#   fuzz/run.sh --build          configure the tree if needed, build every target, run none
#
# TARGET: pipeline, frontmatter, html, sentences, matcher, lexicon or capi. The fuzz tree
# (TIFA_FUZZ_BUILD, default build-fuzz/ in the repository) is configured on first use with clang
# and the whole library instrumented (-fsanitize=fuzzer-no-link,address,undefined); only the
# target and what it needs are built. The instrumented tree of the tests
# (tests/sanitizers/build_instrumented.sh) is such a tree too. Seeds go to TREE/fuzz/seeds/TARGET
# (fuzz/make_seeds.sh), the growing corpus to TREE/fuzz/corpus/TARGET, crash/leak/timeout
# reproducers to TREE/fuzz/artifacts/TARGET/. The dictionary is dict/common.dict + dict/TARGET.dict.
#
# Prints the libFuzzer log, then one line:
#   fuzz_TARGET: seconds=S executions=N exec/s=E cov=C ft=F result=ok|FINDING ...
# Exit status 0 when the run found nothing, 1 on a finding, 2 when the build failed, 64 on usage
# errors. Environment: TIFA_FUZZ_CC, TIFA_FUZZ_CXX (default clang, clang++), CMAKE,
# TIFA_FUZZ_BUILD, TIFA_FUZZ_JOBS (build jobs, default 2), TIFA_FUZZ_NO_BUILD (1: do not rebuild
# a target that is already built).
set -euo pipefail

targets="pipeline frontmatter html sentences matcher lexicon capi"
if [ $# -eq 1 ] && [ "$1" = --build ]; then
  target=all build_target=tifa_fuzz_all
elif [ $# -lt 2 ] || [[ " $targets " != *" $1 "* ]] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 TARGET SECONDS [LIBFUZZER_ARG...]   (TARGET: ${targets// /, })" >&2
  echo "       $0 --build" >&2
  exit 64
else
  target=$1 seconds=$2 build_target=fuzz_$1
  shift 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
tree=${TIFA_FUZZ_BUILD:-$repo/build-fuzz}
cmake=${CMAKE:-cmake}
# The fuzz tree always uses clang (CC and CXX may name the main tree's gcc).
cc=${TIFA_FUZZ_CC:-clang}
cxx=${TIFA_FUZZ_CXX:-clang++}
jobs=${TIFA_FUZZ_JOBS:-2}
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"

# Build tools instrumented with ASan (the fold-table generator) run during the build: no leak
# check there, only in the fuzz runs.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# 1. The fuzz tree: configured once, then only rebuilt.
if [ ! -f "$tree/CMakeCache.txt" ]; then
  generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  mkdir -p "$tree"
  if ! "$cmake" -S "$repo" -B "$tree" "${generator[@]}" \
      -DCMAKE_BUILD_TYPE=Fuzz \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
      -DTIFA_BUILD_FUZZ=ON -DTIFA_BUILD_TESTS=OFF -DTIFA_BUILD_CLI=OFF \
      -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=OFF -DTIFA_INSTALL=OFF \
      >"$tree/fuzz-configure.log" 2>&1; then
    cat "$tree/fuzz-configure.log" >&2
    rm -f "$tree/CMakeCache.txt"
    echo "fuzz_$target: configuring the fuzz tree $tree failed" >&2
    exit 2
  fi
fi
# Two runs may start together (docs/fuzzing.md): one build at a time in the tree.
# TIFA_FUZZ_NO_BUILD=1: run the binary already built (a series of runs on one snapshot).
lock=()
command -v flock >/dev/null 2>&1 && lock=(flock "$tree/.fuzz-build.lock")
if [ "${TIFA_FUZZ_NO_BUILD:-0}" = 1 ] && [ -x "$tree/fuzz/fuzz_$target" ]; then
  :
elif ! "${lock[@]}" "$cmake" --build "$tree" --target "$build_target" -j "$jobs" >"$tree/fuzz-build-$target.log" 2>&1; then
  tail -n 60 "$tree/fuzz-build-$target.log" >&2
  echo "fuzz_$target: building $build_target failed" >&2
  exit 2
fi
[ "$target" != all ] || exit 0
binary=$tree/fuzz/fuzz_$target
unset ASAN_OPTIONS

# 2. Seeds, corpus, dictionary, artifacts.
work=$tree/fuzz
bash "$here/make_seeds.sh" "$work/seeds" "$target"
mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
dict=$work/$target.dict
cat "$here/dict/common.dict" "$here/dict/$target.dict" >"$dict"

# 3. The run. New inputs go to the first corpus directory; the seeds directory is read only.
# Whole documents: inputs up to 16 KB (longer seeds are cut), so that a run makes enough
# executions; a later -max_len among the arguments wins.
limits=()
case $target in
  pipeline|capi|html) limits=(-max_len=16384) ;;
esac
log=$work/$target.log
status=0
"$binary" -max_total_time="$seconds" -dict="$dict" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 "${limits[@]}" \
  -artifact_prefix="$work/artifacts/$target/" "$@" \
  "$work/corpus/$target" "$work/seeds/$target" >"$log" 2>&1 || status=$?
cat "$log"

# 4. The summary: executions and exec/s from the final stats, cov/ft from the last status line.
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
last=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -n 1 || true)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
summary="fuzz_$target: seconds=$seconds executions=${executions:-?} exec/s=${rate:-?} cov=${cov:-?} ft=${ft:-?}"
if [ "$status" -eq 0 ]; then
  echo "$summary result=ok"
  exit 0
fi
artifacts=$(find "$work/artifacts/$target" -type f -newer "$dict" | tr '\n' ' ')
kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|runtime error: .*|tifa fuzz invariant broken: .*|uncaught exception.*' "$log" || true)
echo "$summary result=FINDING (exit $status) ${kind:-see the log} artifacts: ${artifacts:-none}"
exit 1
