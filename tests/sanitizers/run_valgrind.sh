#!/usr/bin/env bash
# Valgrind memcheck on the tifa command (CTest test valgrind_cli): `tifa process` over the seed
# documents (examples/samples), then over a few small hostile inputs made here. Fails on any
# memcheck error and on definite or indirect leaks. valgrind.supp holds the one checked false
# positive. Exit code 77 (CTest: skipped) when valgrind is not installed.
#
#   run_valgrind.sh TIFA_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 TIFA_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 64
fi
tifa=$1 source_dir=$2 work_dir=$3
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP [valgrind]: valgrind is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
memcheck=(valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect
          --error-exitcode=99 --suppressions="$here/valgrind.supp" --num-callers=30)

# Small hostile inputs: deep nesting, NUL bytes, invalid UTF-8, GBK, an unclosed comment, binary.
rm -rf "$work_dir"
mkdir -p "$work_dir/bad"
{ for _ in $(seq 2000); do printf '<div>'; done; printf '<p>正文。</p>\n'; } >"$work_dir/bad/nested.html"
printf '<p>正\0文\0。</p>\n' >"$work_dir/bad/nul.html"
printf '正文\x80\xC0\xAF\xED\xA0\x80内容\xE4\xB8' >"$work_dir/bad/invalid.txt"
printf '<meta charset="utf-8"><p>\xb9\xfa\xd3\xd0\xc6\xf3\xd2\xb5</p>\n' >"$work_dir/bad/gbk.html"
printf '<p>前文。</p>\n<!-- 未闭合 <p>注释</p>\n<p>后文。</p>\n' >"$work_dir/bad/comment.html"
printf -- '---\ntitle: 标题\n' >"$work_dir/bad/frontmatter.md"
head -c 4096 "$tifa" >"$work_dir/bad/binary.bin"

status=0
for input in "$source_dir/examples/samples" "$work_dir/bad"; do
  echo "== [valgrind] tifa process $input"
  "${memcheck[@]}" "$tifa" process --quiet "$input" >"$work_dir/out.jsonl" 2>"$work_dir/log" ||
    status=$?
  cat "$work_dir/log"
  # 99 is memcheck's (--error-exitcode; tifa itself exits 1 when some documents failed).
  if [ "$status" -eq 99 ] || grep -qE 'ERROR SUMMARY: [1-9]' "$work_dir/log"; then
    echo "FAIL [valgrind]: memcheck reported errors or leaks for $input (above)" >&2
    exit 1
  fi
  [ "$status" -eq 0 ] || { echo "FAIL [valgrind]: tifa exited with $status for $input" >&2; exit 1; }
done
echo "== [valgrind] no errors, no definite or indirect leaks"
