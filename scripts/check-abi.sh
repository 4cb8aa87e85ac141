#!/usr/bin/env bash
# Compares the ABI of a built libtifa.so with the baseline abi/libtifa.abi (docs/stability.md).
# Builds nothing: give it the library and the directory that holds the public tifa.h.
#
#   scripts/check-abi.sh LIBTIFA_SO HEADERS_DIR            check; non-zero exit on any ABI change
#   scripts/check-abi.sh --update LIBTIFA_SO HEADERS_DIR   write a new baseline (after a SONAME bump)
#
# Exit codes: 0 no change (additions pass), 1 a change or a problem, 77 abidiff/abidw are not
# installed or the baseline is for another architecture (CTest reports the test as skipped).
set -euo pipefail

update=false
if [ "${1:-}" = --update ]; then
  update=true
  shift
fi
if [ $# -ne 2 ]; then
  echo "usage: $0 [--update] LIBTIFA_SO HEADERS_DIR" >&2
  exit 1
fi
lib=$1
headers=$2
baseline="$(cd "$(dirname "$0")/.." && pwd)/abi/libtifa.abi"

for tool in abidiff abidw; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-abi: SKIPPED: $tool is not installed (Debian: abigail-tools; scripts/install-deps.sh installs it)"
    exit 77
  fi
done
# The baseline is made on x86_64; another architecture would differ in every pointer size.
if [ "$(uname -m)" != x86_64 ]; then
  echo "check-abi: SKIPPED: the baseline abi/libtifa.abi is for x86_64, this is $(uname -m)"
  exit 77
fi
if [ ! -f "$lib" ]; then
  echo "check-abi: $lib: no such library (build the target tifa_c first)" >&2
  exit 1
fi
if [ ! -f "$headers/tifa.h" ]; then
  echo "check-abi: $headers has no tifa.h" >&2
  exit 1
fi
# Without DWARF, abidiff sees only symbol names: it misses every type or signature change and
# still exits 0. So the library must have debug information.
if ! LC_ALL=C readelf -S --wide "$lib" | grep -q '\.debug_info'; then
  echo "check-abi: $lib has no .debug_info section: build with debug information" \
       "(CMAKE_BUILD_TYPE=RelWithDebInfo or Debug) and do not strip it" >&2
  exit 1
fi

if $update; then
  # Only what tifa.h declares and the types it reaches; the handles stay opaque.
  abidw --headers-dir "$headers" --drop-private-types --exported-interfaces-only \
        --no-corpus-path --no-comp-dir-path --short-locs --out-file "$baseline" "$lib"
  echo "check-abi: wrote $baseline"
  exit 0
fi

status=0
abidiff --no-added-syms --drop-private-types --headers-dir2 "$headers" "$baseline" "$lib" || status=$?
if [ $status -ne 0 ]; then
  # abidiff's exit status is a bit field.
  reasons=()
  if (( status & 1 )); then reasons+=("abidiff failed"); fi
  if (( status & 2 )); then reasons+=("usage error"); fi
  if (( status & 4 )); then reasons+=("the ABI changed"); fi
  if (( status & 8 )); then reasons+=("the change is incompatible"); fi
  echo "check-abi: FAILED (abidiff exit $status: $(IFS=,; echo "${reasons[*]}" | sed 's/,/, /g'))." >&2
  echo "check-abi: an incompatible change needs a SONAME bump (TIFA_ABI_VERSION in" \
       "capi/CMakeLists.txt), a new baseline (scripts/check-abi.sh --update) and an entry under" \
       "\"ABI changes\" in CHANGELOG.md, all in one commit (docs/stability.md)." >&2
  exit 1
fi
echo "check-abi: $(basename "$lib") matches abi/libtifa.abi (additions allowed)"
