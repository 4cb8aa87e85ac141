"""The Python pipeline a researcher would write for tifa's job (DESIGN.md §7 baseline).

    /usr/bin/python3 bench/baseline.py [--lexicon data/slogans.tsv] CORPUS_DIR > out.jsonl

For every file of CORPUS_DIR (recursively, sorted, hidden files skipped), one JSON line:
decode (UTF-8, else GB18030), front matter with PyYAML, the body's text with BeautifulSoup
(lxml parser) when it holds HTML, blank lines and surrounding space dropped, sentences by a
regular expression on 。！？ (with closing quotes), and the slogan forms of the lexicon found
with pyahocorasick, counted per document. Debian packages: python3-bs4, python3-lxml,
python3-yaml, python3-ahocorasick (scripts/install-deps.sh installs them).

It is deliberately the straightforward script, not a port of tifa: no provenance, no rules, no
discovery. It is what tifa's speed is compared with, not its output.
"""
import argparse
import json
import pathlib
import re
import sys
import warnings

import ahocorasick
import yaml
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

FRONT_MATTER = re.compile(r"\A\s*---\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
HTML_TAG = re.compile(r"<(?:p|div|span|br|img|table|h[1-6]|section|article|html|body)\b", re.I)
SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")


def load_forms(lexicon):
    automaton = ahocorasick.Automaton()
    for line in pathlib.Path(lexicon).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        fields = line.split("\t")
        canonical = fields[1]
        variants = fields[2].split(",") if len(fields) > 2 else []
        forms = [canonical] + [v.strip() for v in variants if v.strip() and not v.strip().startswith("-")]
        for form in forms:
            automaton.add_word(form, canonical)
    automaton.make_automaton()
    return automaton


def decode(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def process(path, automaton):
    text = decode(path.read_bytes())
    meta = {}
    match = FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        text = text[match.end():]
    if HTML_TAG.search(text):
        text = BeautifulSoup(text, "lxml").get_text("\n")
    lines = [line.strip() for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    sentences = [s.strip() for s in SENTENCE.findall(body) if s.strip()]
    counts = {}
    for _, canonical in automaton.iter(body):
        counts[canonical] = counts.get(canonical, 0) + 1
    title = meta.get("title") if isinstance(meta, dict) else None
    date = meta.get("date") if isinstance(meta, dict) else None
    return {"id": str(path), "title": None if title is None else str(title),
            "date": None if date is None else str(date), "text": body, "sentences": sentences,
            "counts": counts}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--lexicon", default=str(pathlib.Path(__file__).parents[1] / "data" / "slogans.tsv"))
    args = parser.parse_args()
    automaton = load_forms(args.lexicon)
    files = sorted(p for p in pathlib.Path(args.corpus).rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.parts))
    out = sys.stdout
    for path in files:
        out.write(json.dumps(process(path, automaton), ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
