"""tifa.Pipeline over the C ABI: every seed, hints, options, batches (spec/interfaces.md §5)."""

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import tifa_test_support as support

import tifa


class SeedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pipeline = tifa.Pipeline()
        cls.seeds = support.seed_paths()

    def test_there_are_seeds(self):
        self.assertGreaterEqual(len(self.seeds), 5, support.SAMPLES_DIR)

    def test_every_seed_is_consistent(self):
        for path in self.seeds:
            with self.subTest(seed=os.path.basename(path)):
                doc = self.pipeline.process(support.read_bytes(path))
                support.check_document(self, doc)
                self.assertTrue(doc["text"])
                self.assertTrue(doc["blocks"])
                self.assertTrue(doc["sentences"])
                self.assertTrue(doc["mentions"], "every seed uses slogans")
                self.assertEqual(len(doc["counts"]["lexicon_sha256"]), 64)
                self.assertIn(doc["source"]["format"], ("hexo", "jekyll", "html", "markdown"))

    def test_text_and_bytes_give_the_same_document(self):
        path = self.seeds[0]
        data = support.read_bytes(path)
        from_bytes = self.pipeline.process(data)
        from_text = self.pipeline.process(data.decode("utf-8"))
        from_bytearray = self.pipeline.process(bytearray(data))
        self.assertEqual(from_bytes, from_text)
        self.assertEqual(from_bytes, from_bytearray)

    def test_process_json_is_the_json_of_process(self):
        data = support.read_bytes(self.seeds[1])
        line = self.pipeline.process_json(data, id="x")
        self.assertIsInstance(line, str)
        self.assertNotIn("\n", line)
        self.assertEqual(json.loads(line), self.pipeline.process(data, id="x"))

    def test_the_cli_gives_the_same_document(self):
        cli = os.environ.get("TIFA_CLI")
        if not cli or not os.path.exists(cli):
            self.skipTest("the tifa command is not built (TIFA_CLI=%r)" % cli)
        for path in self.seeds:
            with self.subTest(seed=os.path.basename(path)):
                output = subprocess.run([cli, "process", "--quiet", path], check=True,
                                        stdout=subprocess.PIPE).stdout
                expected = json.loads(output)
                doc = self.pipeline.process(support.read_bytes(path))
                for key in ("text", "meta", "blocks", "sentences", "mentions", "counts",
                            "removed", "warnings"):
                    self.assertEqual(doc[key], expected[key], key)


class HintTest(unittest.TestCase):
    def setUp(self):
        self.pipeline = tifa.Pipeline()

    def test_id_is_kept(self):
        doc = self.pipeline.process("国企改革三年行动取得成效。", id="doc-1")
        self.assertEqual(doc["id"], "doc-1")

    def test_format_hint_beats_detection(self):
        html = "<p>第一段：坚持“两个维护”。</p>"
        as_text = self.pipeline.process(html, format="text")
        as_html = self.pipeline.process(html, format="html")
        self.assertEqual(as_text["source"]["format"], "text")
        self.assertEqual(as_html["source"]["format"], "html")
        self.assertIn("<p>", as_text["text"])
        self.assertNotIn("<p>", as_html["text"])
        support.check_document(self, as_html)

    def test_date_hint_fills_a_missing_date(self):
        doc = self.pipeline.process("推动高质量发展。", format="text", date="2022-01-09")
        self.assertEqual(doc["meta"]["published_date_local"], "2022-01-09")
        undated = self.pipeline.process("推动高质量发展。", format="text")
        self.assertIsNone(undated["meta"]["published_date_local"])

    def test_astral_characters_keep_code_point_offsets(self):
        # U+20BB7 (𠮷) is one code point, four UTF-8 bytes, two UTF-16 units.
        text = "𠮷𠮷：坚持“两个维护”，推动高质量发展。"
        doc = self.pipeline.process(text, format="text")
        support.check_document(self, doc)
        surfaces = [m["surface"] for m in doc["mentions"]]
        self.assertIn("两个维护", surfaces)
        for mention in doc["mentions"]:
            self.assertEqual(doc["text"][mention["char_start"]:mention["char_end"]],
                             mention["surface"])


class InputTest(unittest.TestCase):
    def setUp(self):
        self.pipeline = tifa.Pipeline()

    def test_gb18030_bytes(self):
        text = "坚持“两个维护”，推动高质量发展。"
        doc = self.pipeline.process(text.encode("gb18030"))
        self.assertEqual(doc["source"]["encoding"], "gb18030")
        self.assertEqual(doc["text"], text)
        self.assertEqual([m["canonical"] for m in doc["mentions"]], ["两个维护", "高质量发展"])

    def test_nul_bytes_and_invalid_utf8_are_passed_whole(self):
        data = b"ab\0cd\xff\xfe \xe4\xb8\xad"  # len is the truth: the NUL does not end it
        doc = self.pipeline.process(data)
        self.assertTrue(doc["text"].endswith("\u4e2d"))
        self.assertIn("replacement_char", [w["code"] for w in doc["warnings"]])
        self.assertEqual(self.pipeline.process_many([data, data]), [doc, doc])

    def test_empty_document(self):
        doc = self.pipeline.process(b"")
        self.assertEqual(doc["text"], "")
        self.assertEqual(doc["sentences"], [])
        self.assertEqual(self.pipeline.process_many(["", ""]), [doc, doc])


class OptionTest(unittest.TestCase):
    def test_options_are_kept_as_c_api_strings(self):
        pipeline = tifa.Pipeline(min_confidence="high", split_on_semicolon=True, discovery=False,
                                 max_input_bytes=1 << 20, page_marker=None)
        self.assertEqual(pipeline.options, {"min_confidence": "high",
                                            "split_on_semicolon": "true",
                                            "discovery": "false",
                                            "max_input_bytes": "1048576"})
        self.assertIsNone(pipeline.lexicon)

    def test_split_on_semicolon(self):
        text = "一是坚持稳中求进；二是推动高质量发展。"
        default = tifa.Pipeline().process(text, format="text")
        split = tifa.Pipeline(split_on_semicolon=True).process(text, format="text")
        self.assertEqual(len(default["sentences"]), 1)
        self.assertEqual(len(split["sentences"]), 2)

    def test_no_slogans(self):
        doc = tifa.Pipeline(slogans=False).process("坚持“两个维护”。", format="text")
        self.assertEqual(doc["mentions"], [])

    def test_min_confidence_filters(self):
        data = support.read_bytes(support.seed_paths()[0])
        low = tifa.Pipeline(min_confidence="low").process(data)
        high = tifa.Pipeline(min_confidence="high").process(data)
        self.assertLess(len(high["mentions"]), len(low["mentions"]))
        self.assertTrue(all(m["confidence"] >= 0.9 for m in high["mentions"]))

    def test_max_input_bytes(self):
        pipeline = tifa.Pipeline(max_input_bytes=16)
        with self.assertRaises(tifa.TifaError) as caught:
            pipeline.process("推动高质量发展。" * 10)
        self.assertEqual(caught.exception.status, "limit")


class BatchTest(unittest.TestCase):
    def setUp(self):
        self.pipeline = tifa.Pipeline()
        self.documents = [support.read_bytes(path) for path in support.seed_paths()]

    def test_process_many_equals_process(self):
        expected = [self.pipeline.process(data) for data in self.documents]
        for threads in (0, 1, 2):
            with self.subTest(threads=threads):
                self.assertEqual(self.pipeline.process_many(self.documents, threads=threads),
                                 expected)

    def test_batches_of_every_size_keep_the_order(self):
        documents = self.documents * 3 + ["推动高质量发展。"]
        expected = [self.pipeline.process(data) for data in documents]
        for batch_size in (1, 2, 7, 1000):
            with self.subTest(batch_size=batch_size):
                self.assertEqual(list(self.pipeline.iter_process(iter(documents),
                                                                 batch_size=batch_size)),
                                 expected)

    def test_empty_input(self):
        self.assertEqual(self.pipeline.process_many([]), [])

    def test_failed_documents(self):
        pipeline = tifa.Pipeline(max_input_bytes=100)
        documents = ["推动高质量发展。", "推动高质量发展。" * 20, "坚持“两个维护”。"]
        with self.assertRaises(tifa.TifaError) as caught:
            pipeline.process_many(documents)
        self.assertEqual(caught.exception.status, "limit")
        self.assertTrue(caught.exception.message)
        results = pipeline.process_many(documents, errors="return")
        self.assertEqual(len(results), 3)
        self.assertEqual(results[1]["error"]["status"], "limit")
        self.assertEqual(results[1]["error"]["code"], -7)
        self.assertEqual(results[0]["text"], "推动高质量发展。")
        self.assertEqual(results[2]["mentions"][0]["canonical"], "两个维护")

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            self.pipeline.process_many([42])
        with self.assertRaises(ValueError):
            self.pipeline.process_many([], errors="ignore")
        with self.assertRaises(ValueError):
            self.pipeline.process_many(["x"], threads=-1)


class LibraryTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(tifa.library_version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(tifa.library_version(), tifa.__version__)

    def test_library_path_is_the_one_configured(self):
        configured = os.environ.get("TIFA_LIBRARY")
        if configured:
            self.assertEqual(tifa.library_path(), configured)

    def run_without_tifa_library(self, package_parent, extra_env):
        env = {key: value for key, value in os.environ.items() if key != "TIFA_LIBRARY"}
        env.update(extra_env)
        env["PYTHONPATH"] = package_parent
        return subprocess.run(
            [sys.executable, "-c", "import tifa; print(tifa.library_path()); "
             "print(tifa.find_slogans('坚持“两个维护”')[0]['canonical'])"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=package_parent)

    def test_library_next_to_the_package_and_through_the_loader(self):
        library = os.path.abspath(tifa.library_path())
        package = os.path.dirname(os.path.abspath(tifa.__file__))
        directory = tempfile.mkdtemp(prefix="tifa-test-")
        try:
            shutil.copytree(package, os.path.join(directory, "tifa"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            # 1. The system loader (LD_LIBRARY_PATH), with no copy next to the package.
            result = self.run_without_tifa_library(
                directory, {"LD_LIBRARY_PATH": os.path.dirname(library)})
            self.assertEqual(result.returncode, 0, result.stderr.decode("utf-8", "replace"))
            self.assertEqual(result.stdout.decode("utf-8").split(),
                             ["libtifa.so.1", "两个维护"])
            # 2. A copy inside the package directory.
            shutil.copy(library, os.path.join(directory, "tifa", "libtifa.so.1"))
            result = self.run_without_tifa_library(directory, {})
            self.assertEqual(result.returncode, 0, result.stderr.decode("utf-8", "replace"))
            self.assertEqual(result.stdout.decode("utf-8").split(),
                             [os.path.join(directory, "tifa", "libtifa.so.1"), "两个维护"])
            # 3. Nothing found: a clear OSError on first use, not at import (unless a libtifa
            #    is installed on this machine, which the system loader would find).
            if ctypes.util.find_library("tifa"):
                return
            os.remove(os.path.join(directory, "tifa", "libtifa.so.1"))
            result = self.run_without_tifa_library(directory, {"LD_LIBRARY_PATH": ""})
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("cannot load libtifa", result.stderr.decode("utf-8", "replace"))
        finally:
            shutil.rmtree(directory)


if __name__ == "__main__":
    unittest.main(verbosity=2)
