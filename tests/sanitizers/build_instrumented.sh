#!/usr/bin/env bash
# Builds the instrumented tree that the CTest tests asan_ubsan and fuzz_smoke share (CTest test
# sanitizer_build, their fixture).
#
#   build_instrumented.sh SOURCE_DIR BUILD_DIR
#
# Compiling everything again with sanitizers is most of the cost of both tests, so it is done once:
# with clang (TIFA_FUZZ_CC, TIFA_FUZZ_CXX, default clang, clang++) the library, the command, the
# examples, the tests and the seven fuzz targets are compiled with
# -fsanitize=address,undefined,fuzzer-no-link; the tests link the ASan/UBSan runtimes, the fuzz
# targets add -fsanitize=fuzzer and link the same library objects. The coverage hooks that
# fuzzer-no-link puts in the library slow the test run down (without libFuzzer they call the
# sanitizer runtime's empty defaults; the bad-input suite needs about twice the time), which costs
# less than compiling the library a second time.
#
# When clang cannot build and run such programs (no clang, or no libclang-rt-dev), the tree is
# built with the main build's compiler (CC, CXX) and ASan/UBSan only: asan_ubsan still runs there,
# fuzz_smoke skips. Exit code 77 (CTest: skipped) when that compiler cannot either.
#
# BUILD_DIR is kept between runs, so a second run only rebuilds what changed. On success,
# BUILD_DIR/instrumented-tree.txt says which compiler and flags built it; run_sanitizers.sh runs
# only in a tree that has it. Environment: CMAKE, CC, CXX (the tools of the main build),
# TIFA_FUZZ_CC, TIFA_FUZZ_CXX, GENERATOR (default Ninja when found).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
  exit 64
fi
source_dir=$1 build_dir=$2
cmake=${CMAKE:-cmake}
generator_args=()
if [ -n "${GENERATOR:-}" ]; then
  generator_args=(-G "$GENERATOR")
elif command -v ninja >/dev/null 2>&1; then
  generator_args=(-G Ninja)
fi
# -O1 keeps the build and the fuzz runs fast while the sanitizers still see every access; line
# tables (-g1) are all a report's stack trace needs, and compile 5-10 % faster than full -g.
common=(-O1 -g1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
start=$SECONDS
note() { echo "== [sanitizer build] $* ($((SECONDS - start)) s)"; }
fail() {
  echo "FAIL [sanitizer build]: $*" >&2
  exit 1
}
stamp=$build_dir/instrumented-tree.txt
# A tree that is not rebuilt now must not pass for a current one.
rm -f "$stamp"

probe=$(mktemp -d "${TMPDIR:-/tmp}/tifa-sanitizer-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
cat >"$probe/leak_free.cpp" <<'CPP'
#include <memory>
int main() { return *std::make_unique<int>(0); }
CPP
cat >"$probe/fuzz.cpp" <<'CPP'
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
CPP
# builds_and_runs COMPILER FLAGS...: a test-like program (LeakSanitizer on) builds and runs.
builds_and_runs() {
  local compiler=$1
  shift
  "$compiler" "$@" -std=c++20 "$probe/leak_free.cpp" -o "$probe/leak_free" >>"$probe/log" 2>&1 &&
    ASAN_OPTIONS=detect_leaks=1 "$probe/leak_free" >>"$probe/log" 2>&1
}

# 1. The compiler: clang with libFuzzer, else the main build's compiler.
fuzz_cc=${TIFA_FUZZ_CC:-clang} fuzz_cxx=${TIFA_FUZZ_CXX:-clang++}
clang_flags=("${common[@]}" "-fsanitize=address,undefined,fuzzer-no-link")
: >"$probe/log"
if command -v "$fuzz_cxx" >/dev/null 2>&1 &&
   builds_and_runs "$fuzz_cxx" "${clang_flags[@]}" &&
   "$fuzz_cxx" "${clang_flags[@]}" -fsanitize=fuzzer "$probe/fuzz.cpp" -o "$probe/fuzz" >>"$probe/log" 2>&1 &&
   "$probe/fuzz" -runs=1 >>"$probe/log" 2>&1; then
  fuzz=ON cc=$fuzz_cc cxx=$fuzz_cxx flags=("${clang_flags[@]}")
  # The C tests and examples link with clang, which leaves out the C++ half of the UBSan runtime
  # that libtifa.so's dynamic type checks call; that half needs libstdc++.
  link_args=("-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
             -DCMAKE_C_STANDARD_LIBRARIES="-fsanitize-link-c++-runtime -lstdc++")
  note "$fuzz_cxx builds and runs ASan/UBSan and libFuzzer programs"
else
  echo "NOTE [sanitizer build]: $fuzz_cxx cannot build or run -fsanitize=fuzzer programs" \
       "(scripts/install-deps.sh installs clang and libclang-rt-dev); the fuzz targets are not" \
       "built, fuzz_smoke will skip:"
  cat "$probe/log"
  fuzz=OFF cc=${CC:-cc} cxx=${CXX:-c++} flags=("${common[@]}" "-fsanitize=address,undefined")
  link_args=("-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" -DCMAKE_C_STANDARD_LIBRARIES=)
  : >"$probe/log"
  if ! builds_and_runs "$cxx" "${flags[@]}"; then
    echo "SKIP [sanitizer build]: $cxx cannot build and run ASan/UBSan programs either" \
         "(are libasan and libubsan installed?):"
    cat "$probe/log"
    exit 77
  fi
  note "$cxx builds and runs ASan/UBSan programs"
fi

# 2. Configure. Benchmarks, install rules and the TSan test are off: nothing in the tree runs them.
mkdir -p "$build_dir"
"$cmake" -S "$source_dir" -B "$build_dir" "${generator_args[@]}" \
  -DCMAKE_BUILD_TYPE=Sanitize \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_C_FLAGS="${flags[*]}" -DCMAKE_CXX_FLAGS="${flags[*]}" \
  "${link_args[@]}" -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined \
  -DTIFA_BUILD_TESTS=ON -DTIFA_BUILD_CLI=ON -DTIFA_BUILD_EXAMPLES=ON -DTIFA_BUILD_BENCH=OFF \
  -DTIFA_BUILD_FUZZ=$fuzz -DTIFA_INSTALL=OFF -DTIFA_TSAN_TEST=OFF -DTIFA_SANITIZER_SUBBUILD=ON \
  >"$build_dir/configure.log" 2>&1 ||
  fail "configuring $build_dir failed:"$'\n'"$(cat "$build_dir/configure.log")"
note "configured $build_dir with $cxx"

# 3. Build everything.
"$cmake" --build "$build_dir" >"$build_dir/build.log" 2>&1 ||
  fail "building $build_dir failed:"$'\n'"$(grep -A20 -m5 -E '^FAILED|error:' "$build_dir/build.log" || tail -n 100 "$build_dir/build.log")"
if grep -q 'warning:' "$build_dir/build.log"; then
  echo "NOTE [sanitizer build]: the build printed warnings:" >&2
  grep -A3 'warning:' "$build_dir/build.log" >&2
fi
printf 'compiler=%s\nflags=%s\nfuzz_targets=%s\n' "$cxx" "${flags[*]}" "$fuzz" >"$stamp"
if [ "$fuzz" = ON ]; then
  note "built the library, the command, the examples, the tests and the fuzz targets with ${flags[*]}"
else
  note "built the library, the command, the examples and the tests with ${flags[*]}"
fi
