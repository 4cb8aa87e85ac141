#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (leak checks included) and UndefinedBehaviorSanitizer
# in the instrumented tree that build_instrumented.sh built (CTest test asan_ubsan).
#
#   run_sanitizers.sh BUILD_DIR
#
# Every test of that tree runs except:
#   - python_*: the Python interpreter is not instrumented; loading the instrumented libtifa.so
#     into it needs the ASan runtime preloaded, and LeakSanitizer then reports the interpreter's
#     own allocations, so these run in the plain build only;
#   - capi_abi, capi_exports: they compare the symbols and ABI of libtifa.so with the recorded
#     ones, which an instrumented library does not match by design;
#   - the tests that build trees of their own (tsan_threads, install_*, and this one and its
#     siblings), which the tree does not register anyway.
# Reports from every process (forked test children and the command run by the Python CLI tests
# included) go to files under BUILD_DIR/sanitizer-logs; the test fails on any ctest failure or any
# such file. Exit code 77 (CTest: skipped) when there is no instrumented tree: sanitizer_build
# skipped because no compiler here can build ASan/UBSan programs.
#
# Environment: CTEST (the main build's ctest), TIFA_SANITIZER_JOBS (tests at a time, default the
# number of cores).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 64
fi
build_dir=$1
ctest=${CTEST:-ctest}
jobs=${TIFA_SANITIZER_JOBS:-$(nproc 2>/dev/null || echo 2)}
excluded='^(python_.*|capi_abi|capi_exports|tsan_threads|install_.*|sanitizer_build|asan_ubsan|fuzz_smoke)$'
start=$SECONDS
note() { echo "== [asan] $* ($((SECONDS - start)) s)"; }
fail() {
  echo "FAIL [asan]: $*" >&2
  exit 1
}

if [ ! -f "$build_dir/instrumented-tree.txt" ]; then
  echo "SKIP [asan]: no instrumented tree in $build_dir (the sanitizer_build test says why)"
  exit 77
fi
sed 's/^/== [asan] tree: /' "$build_dir/instrumented-tree.txt"

# halt_on_error: the first report ends the process with a non-zero status.
logs=$build_dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:log_path=$logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="log_path=$logs/lsan"
status=0
"$ctest" --test-dir "$build_dir" --output-on-failure -E "$excluded" -j "$jobs" --timeout 900 ||
  status=$?
reports=$(find "$logs" -type f | sort)
if [ -n "$reports" ]; then
  for report in $reports; do
    echo "---- $report" >&2
    cat "$report" >&2
  done
  fail "the sanitizers reported problems (above)"
fi
[ "$status" -eq 0 ] || fail "ctest failed in the instrumented tree (status $status)"
note "every test passed under ASan and UBSan, with no report"
