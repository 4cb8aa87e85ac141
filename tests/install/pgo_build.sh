#!/usr/bin/env bash
# The profile-guided build (scripts/build-pgo.sh, cmake/pgo.cmake), as bench/run.sh makes it:
#   1. a TIFA_PGO value other than OFF, GENERATE or USE, and TIFA_PGO=USE without a profile, stop
#      the configuration with a message that says so;
#   2. build-pgo.sh builds the command, and its output on the samples is byte for byte that of
#      the main build's command (the profile steers optimisation only);
#   3. a second run with nothing changed trains nothing and compiles nothing.
# Usage: pgo_build.sh MAIN_TIFA SOURCE_DIR   (MAIN_TIFA: the tifa command of the main build)
# Environment: CMAKE (default cmake). Compiles the library twice.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 MAIN_TIFA SOURCE_DIR" >&2
  exit 64
fi
main_tifa=$1 source_dir=$2
cmake=${CMAKE:-cmake}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tifa-pgo-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
options=(-DTIFA_BUILD_TESTS=OFF -DTIFA_BUILD_EXAMPLES=OFF -DTIFA_BUILD_BENCH=OFF -DTIFA_BUILD_CLI=ON)

# 1. Configuration errors.
expect_configure_error() {
  local expected=$1
  shift
  if "$cmake" -S "$source_dir" -B "$tmp/configure" "${options[@]}" "$@" > "$tmp/configure.log" 2>&1; then
    fail "configuring with $* succeeded"
  fi
  grep -q "$expected" "$tmp/configure.log" || { cat "$tmp/configure.log" >&2; fail "no \"$expected\" in the message"; }
  rm -rf "$tmp/configure"
}
expect_configure_error 'use OFF, GENERATE or USE' -DTIFA_PGO=SOMETIMES
expect_configure_error 'no profile' -DTIFA_PGO=USE -DTIFA_PGO_DIR="$tmp/empty"
echo "== configuration errors: ok"

# 2. The build, and its output.
bash "$source_dir/scripts/build-pgo.sh" "$tmp/build" --target tifa_cli "${options[@]}" > "$tmp/first.log" 2>&1 ||
  { tail -40 "$tmp/first.log" >&2; fail "build-pgo.sh failed"; }
compgen -G "$tmp/build/pgo-profile/*.gcda" > /dev/null || fail "the training run wrote no profile"
grep -q '^TIFA_PGO:STRING=USE$' "$tmp/build/CMakeCache.txt" || fail "the build is not TIFA_PGO=USE"
"$main_tifa" process "$source_dir/examples/samples" > "$tmp/plain.jsonl"
"$tmp/build/cli/tifa" process "$source_dir/examples/samples" > "$tmp/pgo.jsonl"
[ -s "$tmp/plain.jsonl" ] || fail "the main build's command printed nothing"
cmp "$tmp/plain.jsonl" "$tmp/pgo.jsonl" || fail "the profile-guided command's output differs"
echo "== profile-guided build: output identical on $(wc -l < "$tmp/pgo.jsonl") documents"

# 3. Nothing to do the second time.
bash "$source_dir/scripts/build-pgo.sh" "$tmp/build" --target tifa_cli "${options[@]}" > "$tmp/second.log" 2>&1 ||
  { tail -40 "$tmp/second.log" >&2; fail "the second build-pgo.sh failed"; }
grep -q 'is up to date' "$tmp/second.log" || { cat "$tmp/second.log" >&2; fail "the second run trained again"; }
if grep -q 'Building CXX' "$tmp/second.log"; then
  cat "$tmp/second.log" >&2
  fail "the second run compiled again"
fi
echo "== second run: no training, no compilation"
