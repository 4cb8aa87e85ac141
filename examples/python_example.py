#!/usr/bin/env python3
"""Processes documents with tifa from Python and prints the slogans each one uses.

    TIFA_LIBRARY=build/capi/libtifa.so.1 PYTHONPATH=python python3 examples/python_example.py [FILE...]

Without arguments it reads the sample documents in examples/samples/. One line per document:
its file name, title and date, then one indented line per slogan with its count and the first
place it occurs (code points into the clean text, so slicing the Python string gives it back).
"""

import glob
import os
import sys

import tifa


def main(paths):
    if not paths:
        samples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")
        paths = sorted(glob.glob(os.path.join(samples, "*.txt")))
    pipeline = tifa.Pipeline()  # built-in lexicon, default options; share it freely
    for path in paths:
        with open(path, "rb") as stream:
            doc = pipeline.process(stream.read(), id=os.path.basename(path))
        meta = doc["meta"]
        print("%s  %s  %s" % (doc["id"], meta["published_date_local"] or "-", meta["title"] or "-"))
        first = {}
        for mention in doc["mentions"]:
            first.setdefault(mention["canonical"], mention)
        for canonical, count in sorted(doc["counts"]["slogans"].items(),
                                       key=lambda item: (-item[1], first[item[0]]["char_start"])):
            mention = first[canonical]
            surface = doc["text"][mention["char_start"]:mention["char_end"]]
            assert surface == mention["surface"]
            print("    %-12s %3d  %s at %d" % (canonical, count, mention["kind"],
                                               mention["char_start"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
