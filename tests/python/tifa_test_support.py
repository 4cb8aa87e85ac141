"""Shared helpers of the Python tests (standard library only).

CTest runs each test file with TIFA_LIBRARY set to the built libtifa.so.1, PYTHONPATH to
python/ and TIFA_SOURCE_DIR to the repository root (tests/python/CMakeLists.txt). Run by hand:

    TIFA_LIBRARY=build/capi/libtifa.so.1 PYTHONPATH=python python3 tests/python/test_pipeline.py
"""

import collections
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("TIFA_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))

# Without PYTHONPATH (a run by hand), use the package of this source tree.
if not any(os.path.isdir(os.path.join(path, "tifa")) for path in sys.path if path):
    sys.path.insert(0, os.path.join(SOURCE_DIR, "python"))

SAMPLES_DIR = os.path.join(SOURCE_DIR, "examples", "samples")
EXAMPLES_DIR = os.path.join(SOURCE_DIR, "examples")


def seed_paths():
    """The sample documents of examples/samples, sorted."""
    return sorted(glob.glob(os.path.join(SAMPLES_DIR, "*.txt")))


def read_bytes(path):
    with open(path, "rb") as stream:
        return stream.read()


def check_span(test, text, encoded, span, what):
    """`span`'s byte offsets (start/end into `encoded`, the UTF-8 of `text`) and code-point offsets
    (char_start/char_end into `text`) denote the same characters."""
    start, end = span["start"], span["end"]
    char_start, char_end = span["char_start"], span["char_end"]
    test.assertTrue(0 <= start <= end <= len(encoded), "%s: bytes %r" % (what, span))
    test.assertTrue(0 <= char_start <= char_end <= len(text), "%s: chars %r" % (what, span))
    test.assertEqual(encoded[start:end].decode("utf-8"), text[char_start:char_end],
                     "%s: bytes and code points disagree: %r" % (what, span))
    return text[char_start:char_end]


def check_document(test, doc):
    """Every span of a processed document agrees with slicing the Python string `doc["text"]`."""
    text = doc["text"]
    encoded = text.encode("utf-8")
    test.assertIsInstance(text, str)

    previous_end = 0
    for index, block in enumerate(doc["blocks"]):
        check_span(test, text, encoded, block, "block %d" % index)
        test.assertGreaterEqual(block["char_start"], previous_end, "blocks overlap")
        previous_end = block["char_end"]

    previous_end = 0
    for index, sentence in enumerate(doc["sentences"]):
        piece = check_span(test, text, encoded, sentence, "sentence %d" % index)
        test.assertTrue(piece.strip(), "sentence %d is blank" % index)
        test.assertGreaterEqual(sentence["char_start"], previous_end, "sentences overlap")
        previous_end = sentence["char_end"]
        # (Text given to find_slogans/split has no blocks; its sentences' "block" is then moot.)
        if sentence.get("block") is not None and doc["blocks"]:
            block = doc["blocks"][sentence["block"]]
            test.assertTrue(block["char_start"] <= sentence["char_start"]
                            and sentence["char_end"] <= block["char_end"],
                            "sentence %d outside its block" % index)

    for index, mention in enumerate(doc["mentions"]):
        surface = check_span(test, text, encoded, mention, "mention %d" % index)
        test.assertEqual(surface, mention["surface"])
        test.assertEqual(text[mention["char_start"]:mention["char_end"]], mention["surface"])
        sentence = mention.get("sentence")
        if sentence is not None:
            test.assertLess(sentence, len(doc["sentences"]))
        for member in mention["members"]:
            test.assertEqual(check_span(test, text, encoded, member, "member"), member["text"])

    counts = doc["counts"]
    if counts is not None:
        test.assertEqual(counts["n_sentences"], len(doc["sentences"]))
        test.assertEqual(counts["n_mentions"], len(doc["mentions"]))
        test.assertEqual(counts["slogans"],
                         dict(collections.Counter(m["canonical"] for m in doc["mentions"])))


def example_environment():
    """The environment of an example: the package and the library of this test run."""
    import tifa

    env = dict(os.environ)
    package_dir = os.path.dirname(os.path.dirname(os.path.abspath(tifa.__file__)))
    env["PYTHONPATH"] = os.pathsep.join(
        [package_dir] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    if os.path.isfile(tifa.library_path()):
        env["TIFA_LIBRARY"] = os.path.abspath(tifa.library_path())
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
