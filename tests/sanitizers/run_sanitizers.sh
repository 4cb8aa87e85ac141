#!/usr/bin/env bash
# Builds the library, the command and the tests with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs the tests there (CTest test asan_ubsan).
#
#   run_sanitizers.sh SOURCE_DIR BUILD_DIR
#
# BUILD_DIR is a separate CMake tree, kept between runs so that a second run only rebuilds what
# changed. Benchmarks, examples, install rules and the TSan test are off in it. Every test of that
# tree runs except:
#   - tsan_threads, install_*, fuzz_smoke: they configure and build trees of their own;
#   - python_*: the Python interpreter is not instrumented; loading the instrumented libtifa.so
#     into it needs LD_PRELOAD of libasan, and LeakSanitizer then reports the interpreter's own
#     allocations, so these run in the plain build only;
#   - capi_abi, capi_exports: they compare the symbols and ABI of libtifa.so with the recorded
#     ones, which an instrumented library does not match by design.
# Reports from every process (forked test children and the CLI under the Python CLI tests
# included) go to files under BUILD_DIR/sanitizer-logs; the test fails on any ctest failure or any
# such file. Exit code 77 (CTest: skipped) when the toolchain cannot build and run an
# ASan/UBSan program.
#
# Environment: CMAKE, CTEST, CC, CXX (the tools of the main build), GENERATOR (default Ninja when
# found).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
  exit 64
fi
source_dir=$1 build_dir=$2
cmake=${CMAKE:-cmake}
ctest=${CTEST:-ctest}
cc=${CC:-cc}
cxx=${CXX:-c++}
generator_args=()
if [ -n "${GENERATOR:-}" ]; then
  generator_args=(-G "$GENERATOR")
elif command -v ninja >/dev/null 2>&1; then
  generator_args=(-G Ninja)
fi
# -O1: a full rebuild on two cores must fit the CI budget; still enough for the checks.
flags=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1)
excluded='^(tsan_threads|install_.*|fuzz_smoke|python_.*|capi_abi|capi_exports|asan_ubsan)$'
start=$SECONDS
note() { echo "== [asan] $* ($((SECONDS - start)) s)"; }
fail() {
  echo "FAIL [asan]: $*" >&2
  exit 1
}

# 1. Can this toolchain build and run an ASan/UBSan program at all (LeakSanitizer included)?
probe=$(mktemp -d "${TMPDIR:-/tmp}/tifa-asan-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
cat >"$probe/probe.cpp" <<'CPP'
#include <memory>
int main() { return *std::make_unique<int>(0); }
CPP
if ! "$cxx" "${flags[@]}" -std=c++20 "$probe/probe.cpp" -o "$probe/probe" >"$probe/log" 2>&1; then
  echo "SKIP [asan]: $cxx cannot build with ${flags[*]} (are libasan and libubsan installed?):"
  cat "$probe/log"
  exit 77
fi
if ! ASAN_OPTIONS=detect_leaks=1 "$probe/probe" >"$probe/log" 2>&1; then
  echo "SKIP [asan]: an ASan/UBSan program does not run here:"
  cat "$probe/log"
  exit 77
fi
note "the toolchain builds and runs ASan/UBSan programs"

# 2. The instrumented tree.
mkdir -p "$build_dir"
"$cmake" -S "$source_dir" -B "$build_dir" "${generator_args[@]}" \
  -DCMAKE_BUILD_TYPE=ASan \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_C_FLAGS="${flags[*]}" -DCMAKE_CXX_FLAGS="${flags[*]}" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DTIFA_BUILD_TESTS=ON -DTIFA_BUILD_CLI=ON -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=OFF \
  -DTIFA_INSTALL=OFF -DTIFA_TSAN_TEST=OFF -DTIFA_SANITIZER_SUBBUILD=ON \
  >"$build_dir/asan-configure.log" 2>&1 ||
  fail "configuring the ASan tree failed:"$'\n'"$(cat "$build_dir/asan-configure.log")"
note "configured $build_dir"
"$cmake" --build "$build_dir" >"$build_dir/asan-build.log" 2>&1 ||
  fail "building the ASan tree failed:"$'\n'"$(tail -n 100 "$build_dir/asan-build.log")"
if grep -q 'warning:' "$build_dir/asan-build.log"; then
  echo "NOTE [asan]: the ASan build printed warnings:" >&2
  grep -A3 'warning:' "$build_dir/asan-build.log" >&2
fi
note "built the library, the command and the tests with ${flags[*]}"

# 3. The run. halt_on_error: the first report ends the process with a non-zero status.
logs=$build_dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:log_path=$logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="log_path=$logs/lsan"
status=0
"$ctest" --test-dir "$build_dir" --output-on-failure -E "$excluded" -j 2 --timeout 900 || status=$?
reports=$(find "$logs" -type f | sort)
if [ -n "$reports" ]; then
  for report in $reports; do
    echo "---- $report" >&2
    cat "$report" >&2
  done
  fail "the sanitizers reported problems (above)"
fi
[ "$status" -eq 0 ] || fail "ctest failed in the ASan tree (status $status)"
note "every test passed under ASan and UBSan, with no report"
