#!/usr/bin/env bash
# Seed corpora of the fuzz targets (docs/fuzzing.md), made in the build tree, never committed.
#
#   fuzz/make_seeds.sh SEED_DIR [TARGET...]
#
# Fills SEED_DIR/<target>/ (emptied first) for each TARGET (default: all seven) from the samples in
# examples/samples/, the real corpus in ../shared/corpus when present (files up to 64 KB, so that
# executions stay fast), data/slogans.tsv, and a few small inputs written here. Targets whose first
# input byte picks options (sentences, matcher, lexicon) get seeds with that byte in front.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SEED_DIR [TARGET...]" >&2
  exit 64
fi
seed_dir=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline frontmatter html sentences matcher lexicon capi)
repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=$repo/../shared/corpus
max_seed_bytes=65536

# Documents: the samples and (when present) the corpus files of at most 64 KB.
documents=()
for file in "$repo"/examples/samples/*.txt; do
  [ -f "$file" ] && documents+=("$file")
done
if [ -d "$corpus" ]; then
  while IFS= read -r file; do
    documents+=("$file")
  done < <(find "$corpus" -type f ! -name MANIFEST.tsv -size -$((max_seed_bytes / 1024 + 1))k | sort)
fi

# seed NAME: writes stdin to the current target's seed NAME.
seed() { cat >"$dir/$1"; }
# with_byte BYTE FILE NAME: FILE with one option byte in front.
with_byte() { { printf "\\x$1"; cat "$2"; } >"$dir/$3"; }
# seed name of a document: its folder and name.
doc_name() { echo "$(basename "$(dirname "$1")")_$(basename "$1")"; }

for target in "${targets[@]}"; do
  dir=$seed_dir/$target
  rm -rf "$dir"
  mkdir -p "$dir"
  case $target in
    pipeline|capi|html)
      for file in "${documents[@]}"; do
        cp "$file" "$dir/$(doc_name "$file")"
      done
      printf '<html><head><title>标题</title></head><body><div id="content"><p>坚持“两个维护”&amp;深化国企改革三年行动。</p><!-- c --></div></body></html>' | seed tiny.html
      printf '# 标题\n\n第一段。<PAGE_DIV>\n第二段，“国企改革三年行动”。\n' | seed tiny.md
      ;;
    frontmatter)
      # The YAML between the first two "---" lines of each document that has some.
      n=0
      for file in "${documents[@]}"; do
        awk 'NR==1 && $0 !~ /^---/ {exit} NR>1 && /^---/ {exit} NR>1 {print}' "$file" >"$dir/fm_$n.yml"
        [ -s "$dir/fm_$n.yml" ] || rm -f "$dir/fm_$n.yml"
        n=$((n + 1))
      done
      printf "title: '标题 ''引号'''\ntags:\n - 国企改革\n - \"两个维护\"\ndate: 2022-01-09 13:39:16 +0800\n" | seed handmade.yml
      printf 'a: &x [1, 2]\nb: *x\nc: {k: v}\n? complex\n: value\n' | seed anchors.yml
      ;;
    sentences)
      i=0
      for file in "${documents[@]}"; do
        with_byte "0$((i % 5))" "$file" "$(doc_name "$file")"
        i=$((i + 1))
      done
      printf '\x00他说：“我们要坚持‘两个维护’。”随后离开。\n\n一、总则；二、附则。Co. Ltd. 3.5%%。' | seed quotes.txt
      ;;
    matcher)
      printf '\x00两个维护\n国企改革三年行动\n六稳\n六保\n坚持“两个维护”，推进国企改革三<PAGE_DIV>年行动，做好六稳六保。' | seed basic.txt
      printf '\x01國企改革三年行動\n一利五率\n双碳\n國企改革 三年行動，一利五率和双碳目标。' | seed folded.txt
      printf '\x04十四五\n两个一百年\n十四###五规划和两个一百年' | seed marker.txt
      ;;
    lexicon)
      with_byte 00 "$repo/data/slogans.tsv" slogans.tsv
      printf '\x01两个维护\n国企改革三年行动\n# comment\n六稳\n' | seed words.txt
      printf '\x02economy:\n  stability: [六稳, 六保]\n  growth:\n    - 高质量 发展\nreform: 国企改革三年行动\n' | seed quanteda.yml
      printf '\x03两个维护 3 n\n国企改革三年行动 10 nz\n' | seed jieba.txt
      printf '\x04id\tcanonical\tvariants\tcategory\nS1\t两个维护\t兩個維護\tparty\n' | seed auto.tsv
      for file in "$repo"/data/*.txt; do
        with_byte 01 "$file" "words_$(basename "$file")"
      done
      ;;
    *)
      echo "make_seeds.sh: unknown target $target" >&2
      exit 64
      ;;
  esac
done
