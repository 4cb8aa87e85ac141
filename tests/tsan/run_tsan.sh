#!/usr/bin/env bash
# Builds tests/tsan/test_threads with ThreadSanitizer and runs it (CTest test tsan_threads).
#
#   run_tsan.sh SOURCE_DIR TSAN_BUILD_DIR
#
# The whole library is compiled with -fsanitize=thread in TSAN_BUILD_DIR (a separate CMake tree,
# kept between runs so that a second run only rebuilds what changed); only the test target and
# what it needs are built. The test passes when the program exits with 0 and prints no
# ThreadSanitizer report. Exit code 77 (CTest: skipped) when the toolchain cannot build and run a
# TSan program.
#
# Environment: CMAKE, CC, CXX (the tools of the main build), GENERATOR (default Ninja when found),
# TIFA_THREADS_ROUNDS (rounds over the corpus, default 3).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR TSAN_BUILD_DIR" >&2
  exit 64
fi
source_dir=$1 build_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE:-cmake}
cc=${CC:-cc}
cxx=${CXX:-c++}
generator_args=()
if [ -n "${GENERATOR:-}" ]; then
  generator_args=(-G "$GENERATOR")
elif command -v ninja >/dev/null 2>&1; then
  generator_args=(-G Ninja)
fi
flags=(-fsanitize=thread -g -O1)
start=$SECONDS
note() { echo "== [tsan] $* ($((SECONDS - start)) s)"; }
fail() {
  echo "FAIL [tsan]: $*" >&2
  exit 1
}

# 1. Can this toolchain build and run a TSan program at all?
probe=$(mktemp -d "${TMPDIR:-/tmp}/tifa-tsan-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
cat >"$probe/probe.cpp" <<'EOF'
#include <thread>
int main() {
  int value = 0;
  std::thread thread([&value] { value = 1; });
  thread.join();
  return value == 1 ? 0 : 1;
}
EOF
if ! "$cxx" "${flags[@]}" -std=c++20 "$probe/probe.cpp" -o "$probe/probe" >"$probe/log" 2>&1; then
  echo "SKIP [tsan]: $cxx cannot build with -fsanitize=thread (is libtsan installed?):"
  cat "$probe/log"
  exit 77
fi
if ! "$probe/probe" >"$probe/log" 2>&1; then
  echo "SKIP [tsan]: a -fsanitize=thread program does not run here:"
  cat "$probe/log"
  exit 77
fi
note "the toolchain builds and runs TSan programs"

# 2. The instrumented tree: the library, the test support and the test, nothing else.
mkdir -p "$build_dir"
"$cmake" -S "$source_dir" -B "$build_dir" "${generator_args[@]}" \
  -DCMAKE_BUILD_TYPE=TSan \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_C_FLAGS="${flags[*]}" -DCMAKE_CXX_FLAGS="${flags[*]}" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
  -DTIFA_BUILD_TESTS=ON -DTIFA_BUILD_CLI=OFF -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=OFF \
  -DTIFA_INSTALL=OFF -DTIFA_TSAN_SUBBUILD=ON >"$build_dir/tsan-configure.log" 2>&1 ||
  fail "configuring the TSan tree failed:"$'\n'"$(cat "$build_dir/tsan-configure.log")"
note "configured $build_dir"
"$cmake" --build "$build_dir" --target test_threads >"$build_dir/tsan-build.log" 2>&1 ||
  fail "building test_threads with TSan failed:"$'\n'"$(tail -n 100 "$build_dir/tsan-build.log")"
if grep -q 'warning:' "$build_dir/tsan-build.log"; then
  echo "NOTE [tsan]: the TSan build printed warnings:" >&2
  grep -A3 'warning:' "$build_dir/tsan-build.log" >&2
fi
note "built test_threads with ${flags[*]}"

# 3. The run. halt_on_error: the first report ends the program with a non-zero status.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
log=$build_dir/tsan-run.log
status=0
"$build_dir/tests/tsan/test_threads" >"$log" 2>&1 || status=$?
cat "$log"
if grep -q 'WARNING: ThreadSanitizer' "$log"; then
  fail "ThreadSanitizer reported a problem (above)"
fi
[ "$status" -eq 0 ] || fail "test_threads exited with $status under TSan"
note "test_threads passed under ThreadSanitizer"
