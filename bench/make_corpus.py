#!/usr/bin/env python3
"""Deterministic benchmark corpus for tifa (standard library only).

Sources, in this fixed order:
  1. the seed documents, <repo>/examples/samples/*.txt (sorted);
  2. when present, the shared corpus (<repo>/../shared/corpus, or --shared DIR): every file of
     its format folders, folders and files sorted. Top-level files (MANIFEST.tsv) are not
     documents and are skipped. Without the shared corpus a warning goes to stderr and only the
     seeds are used.

Formats are known from where a document comes from, not by sniffing:
  seeds 000 and 004 -> hexo, 002 and 003 -> jekyll, 001 -> markdown (PDF-derived);
  folders hexo-sina -> hexo, jekyll-finews -> jekyll, pdf-markdown -> markdown,
  html-page -> html, text -> text (any other folder -> other).
--formats seed (the default) keeps hexo, jekyll and markdown, the three seed formats of the
performance target (DESIGN.md section 7); --formats all keeps everything.

The generator cycles through the sources in that order, writing each copy as its own file
named NNNNNN-<format>-<source stem><source extension> (NNNNNN = copy number from 0), until the
total written is at least --size MB (MB = 1e6 bytes).

Copies differ so that nothing can cache results by content, while every format stays valid and
the clean text stays the same: each copy is its source plus one appended line made only of spaces
and tabs, the copy number (24 bits) and a 32-bit nonce written in binary, space = 0 and tab = 1.
A whitespace-only line is blank in every format (YAML-fronted HTML or markdown bodies, markdown,
plain text, after </html>), so it makes no block, removes nothing and changes no trailer zone;
an HTML comment would not do (a markdown reader may keep it as text; in plain text it is text). The nonce
comes from random.Random("<seed>:<copy number>"), so --seed changes every copy and equal
arguments give byte-identical trees. The line ends with the document's own line ending (CRLF
when the source has one); it is ASCII, so it is valid in UTF-8 and GB18030 alike.

Before writing, files from an earlier run (names NNNNNN-...) in the output directory are deleted;
other files are left alone, with a warning (the benchmark would load them too).

Usage: python3 bench/make_corpus.py [--size MB] [--out DIR] [--shared DIR]
                                    [--formats seed|all] [--seed N]
"""

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SEED_FORMATS = {"000": "hexo", "001": "markdown", "002": "jekyll", "003": "jekyll", "004": "hexo"}
FOLDER_FORMATS = {
    "hexo-sina": "hexo",
    "jekyll-finews": "jekyll",
    "pdf-markdown": "markdown",
    "html-page": "html",
    "text": "text",
}
THREE_SEED_FORMATS = {"hexo", "jekyll", "markdown"}
OUR_NAME = re.compile(r"^\d{6}-")


def warn(message):
    print(f"make_corpus: {message}", file=sys.stderr)


def seed_sources():
    """(format, path) for each seed document, sorted by name."""
    sources = []
    for path in sorted((REPO / "examples" / "samples").glob("*.txt")):
        fmt = SEED_FORMATS.get(path.name[:3])
        if fmt is None:
            warn(f"unknown seed {path.name}: format 'other'")
            fmt = "other"
        sources.append((fmt, path))
    return sources


def shared_sources(shared):
    """(format, path) for each file of the shared corpus's folders, sorted."""
    sources = []
    for folder in sorted(p for p in shared.iterdir() if p.is_dir()):
        fmt = FOLDER_FORMATS.get(folder.name, "other")
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        sources.extend((fmt, path) for path in files)
    return sources


def line_ending(data):
    return b"\r\n" if b"\r\n" in data else b"\n"


def ends_with_newline(data):
    return data.endswith(b"\n") or data.endswith(b"\r")


def whitespace_bits(value, width):
    """`value` in binary, most significant bit first, space = 0 and tab = 1."""
    return "".join("\t" if (value >> i) & 1 else " " for i in reversed(range(width))).encode()


def vary(data, number, seed):
    """Copy `number` of document `data`: the source plus a blank line that encodes the copy."""
    nonce = random.Random(f"{seed}:{number}").getrandbits(32)
    eol = line_ending(data)
    lead = b"" if ends_with_newline(data) else eol
    return data + lead + whitespace_bits(number, 24) + whitespace_bits(nonce, 32) + eol


def prepare_out(out):
    """Create `out` and delete files left there by an earlier run."""
    out.mkdir(parents=True, exist_ok=True)
    foreign = 0
    for entry in out.iterdir():
        if entry.is_file() and OUR_NAME.match(entry.name):
            entry.unlink()
        else:
            foreign += 1
    if foreign:
        warn(f"{out} holds {foreign} other entries; the benchmark will load them too")


def generate(sources, out, target_bytes, seed):
    """Write copies of `sources` cyclically until `target_bytes`; return (files, bytes, per format)."""
    contents = [(fmt, path, path.read_bytes()) for fmt, path in sources]
    files = total = 0
    per_format = {}
    while total < target_bytes:
        fmt, path, data = contents[files % len(contents)]
        copy = vary(data, files, seed)
        (out / f"{files:06d}-{fmt}-{path.stem}{path.suffix}").write_bytes(copy)
        files += 1
        total += len(copy)
        count, size = per_format.get(fmt, (0, 0))
        per_format[fmt] = (count + 1, size + len(copy))
    return files, total, per_format


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=50, help="total size in MB (1e6 bytes), default 50")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "corpus", help="output directory")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "corpus",
                        help="shared corpus directory (default <repo>/../shared/corpus)")
    parser.add_argument("--formats", choices=["seed", "all"], default="seed",
                        help="seed: hexo, jekyll, markdown (default); all: also html and text")
    parser.add_argument("--seed", type=int, default=1, help="seed of the per-copy nonces, default 1")
    return parser.parse_args()


def main():
    args = parse_args()
    sources = seed_sources()
    if args.shared.is_dir():
        sources += shared_sources(args.shared)
    else:
        warn(f"no shared corpus at {args.shared}; using the seeds only")
    if args.formats == "seed":
        sources = [(fmt, path) for fmt, path in sources if fmt in THREE_SEED_FORMATS]
    if not sources:
        warn("no source documents")
        return 1
    if args.size <= 0:
        warn("--size must be positive")
        return 2
    prepare_out(args.out)
    files, total, per_format = generate(sources, args.out, int(args.size * 1e6), args.seed)
    print(f"make_corpus: {len(sources)} sources -> {files} files, {total} bytes "
          f"({total / 1e6:.1f} MB) in {args.out}", file=sys.stderr)
    for fmt in sorted(per_format):
        count, size = per_format[fmt]
        print(f"  {fmt:9} {count:7} files {size:12} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
