"""`tifa process` over the whole of ../shared/corpus: exit 0 and one valid JSON document per file.

Skipped (with a message) when ../shared/corpus is absent. Environment: TIFA_CLI is the built
`tifa`, TIFA_SOURCE_DIR the repository root.
"""
import json
import os
import pathlib
import subprocess
import unittest

CLI = os.environ.get("TIFA_CLI", "tifa")
SOURCE = pathlib.Path(os.environ.get("TIFA_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SHARED = pathlib.Path(os.environ.get("TIFA_SHARED_DIR", SOURCE.parent / "shared"))
CORPUS = SHARED / "corpus"


def corpus_files():
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


@unittest.skipUnless(CORPUS.is_dir(), "../shared/corpus is absent")
class ProcessWholeCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folders = sorted(str(p) for p in CORPUS.iterdir() if p.is_dir())
        cls.run_result = subprocess.run([CLI, "process", "--quiet", *folders],
                                        capture_output=True, timeout=600)
        cls.lines = cls.run_result.stdout.decode("utf-8").splitlines()

    def test_exit_status_is_zero(self):
        self.assertEqual(self.run_result.returncode, 0, self.run_result.stderr.decode())

    def test_one_valid_json_document_per_file_in_sorted_order(self):
        files = corpus_files()
        self.assertEqual(len(self.lines), len(files))
        for line, path in zip(self.lines, files):
            doc = json.loads(line)
            self.assertNotIn("error", doc)
            self.assertTrue(doc["source"]["path"].endswith(path.name), (doc["source"], path))
            for key in ("meta", "text", "blocks", "removed", "warnings"):
                self.assertIn(key, doc)

    def test_gb18030_texts_decode_without_replacement_characters(self):
        texts = 0
        for line in self.lines:
            doc = json.loads(line)
            if "/text/" not in doc["source"]["path"]:
                continue
            texts += 1
            self.assertEqual(doc["source"]["encoding"], "gb18030", doc["source"]["path"])
            self.assertEqual(doc["source"]["replacement_chars"], 0, doc["source"]["path"])
            self.assertNotIn("\ufffd", doc["text"])
        self.assertGreater(texts, 0)

    def test_code_point_offsets_slice_python_strings(self):
        for line in self.lines:
            doc = json.loads(line)
            text = doc["text"]
            encoded = text.encode("utf-8")
            for block in doc["blocks"]:
                by_chars = text[block["char_start"]:block["char_end"]]
                by_bytes = encoded[block["start"]:block["end"]].decode("utf-8")
                self.assertEqual(by_chars, by_bytes)
                self.assertTrue(by_chars.strip())


if __name__ == "__main__":
    unittest.main(verbosity=2)
