"""tifa.Lexicon, and errors: every failure of the C API becomes a tifa.TifaError."""

import os
import shutil
import tempfile
import unittest

import tifa_test_support  # noqa: F401  (puts the package on sys.path for runs by hand)

import tifa


class LexiconTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="tifa-test-")

    def tearDown(self):
        shutil.rmtree(self.directory)

    def write(self, name, text):
        path = os.path.join(self.directory, name)
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
        return path

    def test_builtin(self):
        builtin = tifa.Lexicon.builtin()
        self.assertGreater(len(builtin), 100)
        self.assertRegex(builtin.sha256, r"^[0-9a-f]{64}$")
        self.assertTrue(builtin.is_builtin)
        self.assertEqual(builtin, tifa.Lexicon.builtin())
        doc = tifa.Pipeline().process("坚持“两个维护”。", format="text")
        self.assertEqual(doc["counts"]["lexicon_sha256"], builtin.sha256)

    def test_from_file_and_from_string_agree(self):
        text = "# mine\ncanonical\tcategory\t members\n五个一批\tpeople-livelihood\t\n"
        from_file = tifa.Lexicon.from_file(self.write("mine.tsv", text))
        from_string = tifa.Lexicon.from_string(text, name="mine")
        self.assertEqual(len(from_file), 1)
        self.assertEqual(from_file.sha256, from_string.sha256)
        self.assertEqual(from_file, from_string)
        self.assertFalse(from_file.is_builtin)
        self.assertIn("mine.tsv", repr(from_file))

    def test_word_list_and_yaml(self):
        words = tifa.Lexicon.from_file(self.write("words.txt", "甲乙丙丁\n戊己庚辛\n"))
        self.assertEqual(len(words), 2)
        yaml = tifa.Lexicon.from_file(self.write("dict.yml", "test:\n  - 甲乙丙丁\n"))
        self.assertEqual(len(yaml), 1)
        mentions = tifa.Pipeline(yaml, discovery=False).find_slogans("做好甲乙丙丁。")
        self.assertEqual([(m["canonical"], m["category"]) for m in mentions],
                         [("甲乙丙丁", "test")])

    def test_merged(self):
        builtin = tifa.Lexicon.builtin()
        mine = tifa.Lexicon.from_string("canonical\n甲乙丙丁\n")
        both = builtin.merged(mine)
        self.assertEqual(len(both), len(builtin) + 1)
        self.assertNotEqual(both.sha256, builtin.sha256)
        self.assertEqual(len(builtin), len(tifa.Lexicon.builtin()), "merging changes nothing")
        with self.assertRaises(TypeError):
            builtin.merged("mine.tsv")

    def test_pipeline_takes_a_path(self):
        path = self.write("mine.tsv", "canonical\n甲乙丙丁\n")
        pipeline = tifa.Pipeline(path, discovery=False)
        self.assertEqual(pipeline.lexicon.sha256, tifa.Lexicon.from_file(path).sha256)
        self.assertEqual([m["canonical"] for m in pipeline.find_slogans("甲乙丙丁和两个维护")],
                         ["甲乙丙丁"])

    def test_cannot_construct_directly(self):
        with self.assertRaises(TypeError):
            tifa.Lexicon()


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="tifa-test-")

    def tearDown(self):
        shutil.rmtree(self.directory)

    def test_unknown_option(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Pipeline(no_such_option=True)
        error = caught.exception
        self.assertEqual(error.code, -1)
        self.assertEqual(error.status, "invalid_argument")
        self.assertIn("no_such_option", error.message)
        self.assertIn("no_such_option", str(error))

    def test_bad_option_value(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Pipeline(min_confidence="sometimes")
        self.assertEqual(caught.exception.code, -1)
        self.assertIn("min_confidence", caught.exception.message)
        self.assertIn("sometimes", caught.exception.message)
        with self.assertRaises(TypeError):
            tifa.Pipeline(min_confidence=["high"])

    def test_lexicon_file_with_an_error_names_the_line(self):
        path = os.path.join(self.directory, "bad.tsv")
        with open(path, "w", encoding="utf-8") as stream:
            stream.write("canonical\tcategory\n两个维护\tparty-building\n甲\teconomy\n")
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Lexicon.from_file(path)
        error = caught.exception
        self.assertEqual(error.code, -8)
        self.assertEqual(error.status, "lexicon")
        self.assertIn("bad.tsv:3:", error.message)
        self.assertIn("甲", error.message)
        with self.assertRaises(tifa.TifaError):
            tifa.Pipeline(path)

    def test_lexicon_string_with_an_error(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Lexicon.from_string("甲\n六稳\n", name="mine")
        self.assertEqual(caught.exception.status, "lexicon")
        self.assertIn("mine:1:", caught.exception.message)

    def test_missing_lexicon_file(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Lexicon.from_file(os.path.join(self.directory, "absent.tsv"))
        self.assertEqual(caught.exception.code, -5)
        self.assertEqual(caught.exception.status, "io")

    def test_unknown_forced_encoding(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.Pipeline(encoding="no-such-encoding").process(b"abc")
        self.assertEqual(caught.exception.status, "encoding")

    def test_nul_in_a_hint(self):
        with self.assertRaises(ValueError):
            tifa.Pipeline().process("x", id="a\0b")

    def test_firewall_turns_cxx_exceptions_into_errors(self):
        # "test_throw" (docs/c-api.md) makes tifa_pipeline_process throw on purpose; the C
        # firewall must return a status, never let the exception abort the interpreter.
        expected = {"runtime_error": "internal", "bad_alloc": "no_memory",
                    "unknown": "internal", "tifa_error": "parse"}
        for kind, status in expected.items():
            with self.subTest(kind=kind):
                pipeline = tifa.Pipeline(test_throw=kind)
                with self.assertRaises(tifa.TifaError) as caught:
                    pipeline.process("推动高质量发展。")
                error = caught.exception
                self.assertLess(error.code, 0)
                self.assertEqual(error.status, status)
                self.assertTrue(error.message)
                # The library and the pipeline stay usable.
                self.assertEqual(tifa.Pipeline().process("好。", format="text")["text"], "好。")

    def test_error_pickles(self):
        import pickle
        error = tifa.TifaError(-8, "lexicon", "bad.tsv:3:1: error")
        copy = pickle.loads(pickle.dumps(error))
        self.assertEqual((copy.code, copy.status, copy.message), (-8, "lexicon", "bad.tsv:3:1: error"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
