#!/usr/bin/env bash
# Runs every fuzz target for SECONDS, one after the other (the CTest test fuzz_smoke).
#
#   fuzz/run_all.sh SECONDS FUZZ_TREE
#
# Exit status 0 when no target found anything, 1 on any finding or build failure, 77 (CTest:
# skipped) when clang with libFuzzer is not available. Environment: TIFA_FUZZ_CC, TIFA_FUZZ_CXX
# (default clang, clang++), CMAKE.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SECONDS FUZZ_TREE" >&2
  exit 64
fi
seconds=$1
export TIFA_FUZZ_BUILD=$2
here=$(cd "$(dirname "$0")" && pwd)
# The main tree's compiler may be gcc: the fuzz tree always uses clang (run.sh reads these).
export TIFA_FUZZ_CC=${TIFA_FUZZ_CC:-clang} TIFA_FUZZ_CXX=${TIFA_FUZZ_CXX:-clang++}
CXX=$TIFA_FUZZ_CXX

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

# 2. Every target, sequentially (each run.sh builds its target on first use).
failed=()
summaries=()
for target in pipeline frontmatter html sentences matcher lexicon capi; do
  echo "== [fuzz] $target for $seconds s"
  status=0
  output=$(bash "$here/run.sh" "$target" "$seconds" 2>&1) || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$output"
    failed+=("$target")
  else
    tail -n 1 <<<"$output"
  fi
  summaries+=("$(tail -n 1 <<<"$output")")
done
echo "== [fuzz] summary"
printf '%s\n' "${summaries[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAIL [fuzz]: ${failed[*]}" >&2
  exit 1
fi
