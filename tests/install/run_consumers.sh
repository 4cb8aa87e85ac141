#!/usr/bin/env bash
# Builds and runs projects that consume tifa the three ways docs/install.md describes. CTest runs
# each step as its own test (tests/install/CMakeLists.txt):
#
#   run_consumers.sh find_package BUILD_DIR SOURCE_DIR SEED
#       installs BUILD_DIR into a temporary prefix (cmake --install --prefix), then configures,
#       builds and runs tests/install/find_package: find_package(tifa CONFIG REQUIRED), tifa::tifa
#       (C++) and tifa::c (C).
#   run_consumers.sh pkg_config BUILD_DIR SOURCE_DIR SEED
#       installs BUILD_DIR into a temporary prefix, checks tifa.pc and builds a C program with
#       `pkg-config --cflags --libs tifa` against libtifa.so.
#   run_consumers.sh vendor BUILD_DIR SOURCE_DIR SEED
#       configures and builds tests/install/vendor, which vendors SOURCE_DIR with
#       add_subdirectory(): only the library may be built (no CLI, tests, examples or bench), and
#       tifa installs nothing into the project's prefix. This compiles the whole library again.
#
# Environment: CMAKE, CC, CXX (the tools of the main build), PKG_CONFIG, GENERATOR (default Ninja
# when ninja is found), TIFA_KEEP_TMP=1 keeps the temporary directory.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 find_package|pkg_config|vendor BUILD_DIR SOURCE_DIR SEED" >&2
  exit 64
fi
step=$1 build_dir=$2 source_dir=$3 seed=$4
here=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE:-cmake}
pkg_config=${PKG_CONFIG:-pkg-config}
cc=${CC:-cc}
cxx=${CXX:-c++}

generator_args=()
if [ -n "${GENERATOR:-}" ]; then
  generator_args=(-G "$GENERATOR")
elif command -v ninja >/dev/null 2>&1; then
  generator_args=(-G Ninja)
fi

fail() {
  echo "FAIL [$step]: $*" >&2
  exit 1
}
note() { echo "== [$step] $*"; }
start=$SECONDS

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tifa-install-test.XXXXXX")
cleanup() {
  local status=$?
  if [ "${TIFA_KEEP_TMP:-0}" = 1 ]; then
    echo "== [$step] kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT

[ -d "$build_dir" ] || fail "no build directory $build_dir"
[ -f "$source_dir/CMakeLists.txt" ] || fail "no tifa source tree at $source_dir"
[ -f "$seed" ] || fail "no seed document $seed"
version=$(sed -n 's/^#define TIFA_VERSION_STRING "\(.*\)"$/\1/p' "$source_dir/capi/tifa.h")
[ -n "$version" ] || fail "cannot read TIFA_VERSION_STRING from $source_dir/capi/tifa.h"

# Runs a consumer on the seed: it must exit with 0 and print the title and a positive mention
# count (a plain C++ or C program: that is all a user's first program does).
check_consumer() {
  local exe=$1 out
  out=$("$exe" "$seed" 2>&1) || fail "$exe $seed exited with $?:"$'\n'"$out"
  while IFS= read -r line; do echo "   $line"; done <<<"$out"
  grep -q "^version: $version\$" <<<"$out" || fail "$exe: expected 'version: $version'"
  grep -q '^title: .' <<<"$out" || fail "$exe: no title"
  grep -q '^mentions: [1-9]' <<<"$out" || fail "$exe: no mentions"
}

# (a) The installed tree.
install_tree() {
  prefix=$tmp/prefix
  note "cmake --install $build_dir --prefix $prefix"
  "$cmake" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
    fail "cmake --install failed (is the tree built?):"$'\n'"$(cat "$tmp/install.log")"
  for file in include/tifa/tifa.hpp include/tifa/version.hpp include/tifa/tifa.h \
              share/tifa/slogans.tsv; do
    [ -f "$prefix/$file" ] || fail "$file is not installed"
  done
  config=$(find "$prefix" -name tifaConfig.cmake -print -quit)
  [ -n "$config" ] || fail "tifaConfig.cmake is not installed"
  libdir=$(cd "$(dirname "$config")/../.." && pwd)
  [ -f "$(dirname "$config")/tifaConfigVersion.cmake" ] || fail "tifaConfigVersion.cmake is not installed"
  ls "$libdir"/libtifacpp.* >/dev/null 2>&1 || fail "the C++ core (libtifacpp) is not in $libdir"
  # The C shared library: the real file, the SONAME link and the development link.
  local soname
  soname=$(readelf -d "$libdir/libtifa.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [[ "$soname" =~ ^libtifa\.so\.[0-9]+$ ]] || fail "libtifa.so has SONAME '$soname'"
  [ -L "$libdir/libtifa.so" ] || fail "libtifa.so is not a symbolic link"
  [ -e "$libdir/$soname" ] || fail "$soname is not installed"
  note "installed: $(cd "$prefix" && find . -type f -o -type l | sort | tr '\n' ' ')"
}

case $step in
find_package)
  install_tree
  note "configure, build and run tests/install/find_package"
  "$cmake" -S "$here/find_package" -B "$tmp/consumer" "${generator_args[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" >"$tmp/configure.log" 2>&1 ||
    fail "configuring the consumer failed:"$'\n'"$(cat "$tmp/configure.log")"
  grep -q "tifa $version from $prefix/" "$tmp/configure.log" ||
    fail "find_package(tifa) did not find the tree installed in $prefix:"$'\n'"$(cat "$tmp/configure.log")"
  "$cmake" --build "$tmp/consumer" >"$tmp/build.log" 2>&1 ||
    fail "building the consumer failed:"$'\n'"$(cat "$tmp/build.log")"
  check_consumer "$tmp/consumer/consumer_cpp"
  check_consumer "$tmp/consumer/consumer_c"
  ;;

pkg_config)
  command -v "$pkg_config" >/dev/null 2>&1 || fail "$pkg_config is not installed"
  install_tree
  export PKG_CONFIG_PATH=$libdir/pkgconfig
  [ -f "$PKG_CONFIG_PATH/tifa.pc" ] || fail "tifa.pc is not in $PKG_CONFIG_PATH"
  note "PKG_CONFIG_PATH=$PKG_CONFIG_PATH"
  "$pkg_config" --validate tifa || fail "pkg-config --validate tifa"
  got=$("$pkg_config" --modversion tifa) || fail "pkg-config --modversion tifa"
  [ "$got" = "$version" ] || fail "tifa.pc says version $got, tifa.h $version"
  cflags=$("$pkg_config" --cflags tifa) || fail "pkg-config --cflags tifa"
  libs=$("$pkg_config" --libs tifa) || fail "pkg-config --libs tifa"
  read -r -a words <<<"$libs"  # pkg-config may add spaces
  libs="${words[*]}"
  note "pkg-config --cflags --libs tifa: $cflags $libs"
  # The shared library carries its dependencies: a program links -ltifa and nothing else.
  [ "$libs" = "-L$libdir -ltifa" ] || fail "pkg-config --libs tifa gives '$libs', expected '-L$libdir -ltifa'"
  # The private dependencies must resolve (no version constraint that Debian's .pc files fail).
  static_libs=$("$pkg_config" --static --libs tifa) || fail "pkg-config --static --libs tifa"
  note "pkg-config --static --libs tifa: $static_libs"
  rpath=$("$pkg_config" --variable=libdir tifa)
  note "$cc consumer.c \$(pkg-config --cflags --libs tifa)"
  # shellcheck disable=SC2086  # word splitting of the pkg-config output is intended
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$tmp/consumer_c" \
    "$here/find_package/consumer.c" $cflags $libs -Wl,-rpath,"$rpath" >"$tmp/build.log" 2>&1 ||
    fail "compiling with pkg-config failed:"$'\n'"$(cat "$tmp/build.log")"
  check_consumer "$tmp/consumer_c"
  ;;

vendor)
  vendor_build=$tmp/vendor
  note "configure tests/install/vendor (add_subdirectory($source_dir tifa-build))"
  "$cmake" -S "$here/vendor" -B "$vendor_build" "${generator_args[@]}" \
    -DTIFA_SOURCE_DIR="$source_dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
    >"$tmp/configure.log" 2>&1 ||
    fail "configuring the vendoring project failed:"$'\n'"$(cat "$tmp/configure.log")"
  note "build (the whole library, no optimisation)"
  "$cmake" --build "$vendor_build" >"$tmp/build.log" 2>&1 ||
    fail "building the vendoring project failed:"$'\n'"$(tail -n 100 "$tmp/build.log")"
  if grep -q 'warning:' "$tmp/build.log"; then
    echo "NOTE [$step]: the build printed warnings:" >&2
    grep -A3 'warning:' "$tmp/build.log" >&2
  fi
  # Only the library: nothing from cli/, tests/, examples/ or bench/ was generated or built.
  for dir in cli tests examples bench; do
    [ ! -e "$vendor_build/tifa-build/$dir" ] || fail "the vendored build has tifa-build/$dir"
  done
  built=$(find "$vendor_build/tifa-build" -type f -perm -u+x ! -name '*.so*' -printf '%f\n' | sort | tr '\n' ' ')
  note "executables built in tifa-build: $built"
  for exe in tifa tifa_bench embed embed_c; do
    [[ " $built " != *" $exe "* ]] || fail "the vendored build built $exe"
  done
  [[ " $built " != *" test_"* ]] || fail "the vendored build built tests: $built"
  check_consumer "$vendor_build/consumer_cpp"
  check_consumer "$vendor_build/consumer_c"
  # tifa adds no install rules to the project that vendors it.
  "$cmake" --install "$vendor_build" --prefix "$tmp/vendor-prefix" >"$tmp/install.log" 2>&1 ||
    fail "installing the vendoring project failed:"$'\n'"$(cat "$tmp/install.log")"
  installed=$(cd "$tmp/vendor-prefix" && find . -type f | sort | tr '\n' ' ')
  [ "$installed" = "./bin/consumer_cpp " ] || fail "installing the vendoring project installed: $installed"
  ;;

*)
  echo "usage: $0 find_package|pkg_config|vendor BUILD_DIR SOURCE_DIR SEED" >&2
  exit 64
  ;;
esac

note "passed in $((SECONDS - start)) s"
