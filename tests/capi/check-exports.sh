#!/bin/sh
# Checks the dynamic symbol table of libtifa.so: every defined symbol is tifa_* (the version
# script and hidden visibility keep the C++ core and its static dependencies inside), and every
# function tifa.h declares is there.
#   check-exports.sh LIBTIFA_SO TIFA_H
# The linker-defined symbols _init, _fini, _edata, _end and __bss_start are ignored if they show.
set -eu
lib=$1
header=$2

defined=$(nm -D --defined-only "$lib" | awk '{ print $NF }' | sed 's/@.*//' | sort -u)
others=$(printf '%s\n' "$defined" | grep -v '^tifa_' |
         grep -Ev '^(_init|_fini|_edata|_end|__bss_start)$' || true)
if [ -n "$others" ]; then
  echo "check-exports: $lib exports symbols other than tifa_*:" >&2
  printf '%s\n' "$others" | head -20 >&2
  exit 1
fi

declared=$(grep -o '\btifa_[a-z0-9_]*(' "$header" | tr -d '(' | sort -u)
missing=$(printf '%s\n' "$declared" | grep -vxF "$defined" || true)
if [ -n "$missing" ]; then
  echo "check-exports: declared in $header but not exported by $lib:" >&2
  printf '%s\n' "$missing" >&2
  exit 1
fi
extra=$(printf '%s\n' "$defined" | grep -vxF "$declared" || true)
if [ -n "$extra" ]; then
  echo "check-exports: exported by $lib but not declared in $header:" >&2
  printf '%s\n' "$extra" >&2
  exit 1
fi
echo "check-exports: $(printf '%s\n' "$defined" | wc -l) symbols, all tifa_* and all declared in $(basename "$header")"
