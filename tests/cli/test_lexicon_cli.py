"""Tests of `tifa lexicon check` (spec/slogans.md §2.5, spec/interfaces.md §4), run by CTest.

TIFA_CLI is the built executable and TIFA_SOURCE_DIR the repository root; CTest sets both.
Standard library only.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("TIFA_CLI", "")
SOURCE_DIR = Path(os.environ.get("TIFA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILTIN = SOURCE_DIR / "data" / "slogans.tsv"

EX_OK, EX_USAGE, EX_DATAERR, EX_NOINPUT = 0, 64, 65, 66

SUMMARY = re.compile(
    r"^(?P<file>.+): (?P<entries>\d+) entr(?:y|ies), (?P<forms>\d+) forms?, "
    r"(?P<members>\d+) entr(?:y|ies) with members, (?P<rules>\d+) context rules?; "
    r"(?P<errors>\d+) errors?, (?P<warnings>\d+) warnings?; sha256 (?P<sha>[0-9a-f]{64})$")
DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): "
                        r"(?P<level>error|warning)\[(?P<code>[A-Z_]+)\]: (?P<message>.+)$")


def run(*args):
    result = subprocess.run([CLI, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=120)
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


class LexiconCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError("TIFA_CLI must name the built tifa executable, not %r" % CLI)

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="tifa-lexicon-cli-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = self.tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code, "stdout: %s\nstderr: %s" % (result.stdout,
                                                                             result.stderr))

    def test_builtin_lexicon_is_valid_and_summarised(self):
        result = run("lexicon", "check", BUILTIN)
        self.assertExit(result, EX_OK)
        lines = result.stdout.splitlines()
        summary = SUMMARY.match(lines[-1])
        self.assertIsNotNone(summary, lines[-1])
        self.assertEqual(summary["file"], str(BUILTIN))
        self.assertGreaterEqual(int(summary["entries"]), 357)
        self.assertGreater(int(summary["forms"]), int(summary["entries"]))
        self.assertGreaterEqual(int(summary["members"]), 135)
        self.assertGreaterEqual(int(summary["rules"]), 15)
        self.assertEqual(summary["errors"], "0")

    def test_errors_are_printed_one_per_line_and_exit_65(self):
        path = self.write("bad.tsv",
                          b"\xef\xbb\xbf" + ("# test\r\n"
                                                "canonical\tvariants\tcategory\r\n"
                                                "国企改革三年行动\t三年行动\tsoe-reform\r\n"
                                                "三年行动计划\t三年行动\tsoe-reform\r\n"
                                                "双碳\t\tclimate\r\n").encode("utf-8"))
        result = run("lexicon", "check", path)
        self.assertExit(result, EX_DATAERR)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "%s:4:8: error[E_FORM_CONFLICT]: form \"三年行动\" already "
                                   "belongs to \"国企改革三年行动\" (line 3)" % path)
        self.assertTrue(lines[1].startswith("%s:5:5: warning[W_CATEGORY]: " % path), lines[1])
        self.assertEqual(lines[2], "%s: not loaded: 1 error, 1 warning" % path)
        self.assertEqual(len(lines), 3)

    def test_warnings_only_exit_0_with_summary(self):
        path = self.write("warn.tsv", "canonical\tcategory\n双碳\tclimate\n六稳\teconomy\n")
        result = run("lexicon", "check", path)
        self.assertExit(result, EX_OK)
        lines = result.stdout.splitlines()
        diagnostic = DIAGNOSTIC.match(lines[0])
        self.assertIsNotNone(diagnostic, lines[0])
        self.assertEqual((diagnostic["line"], diagnostic["column"], diagnostic["code"]),
                         ("2", "4", "W_CATEGORY"))
        summary = SUMMARY.match(lines[1])
        self.assertIsNotNone(summary, lines[1])
        self.assertEqual((summary["entries"], summary["forms"], summary["warnings"]),
                         ("2", "2", "1"))

    def test_missing_file_exits_66(self):
        good = self.write("good.tsv", "canonical\n六稳\n")
        result = run("lexicon", "check", good, self.tmp / "missing.tsv")
        self.assertExit(result, EX_NOINPUT)
        self.assertIn("error[E_IO]", result.stdout)
        self.assertIsNotNone(SUMMARY.match(result.stdout.splitlines()[0]))

    def test_every_file_is_checked_and_any_error_exits_65(self):
        good = self.write("good.tsv", "canonical\n六稳\n")
        bad = self.write("bad.tsv", "canonical\n稳\n")
        result = run("lexicon", "check", bad, good)
        self.assertExit(result, EX_DATAERR)
        lines = result.stdout.splitlines()
        self.assertTrue(lines[0].startswith("%s:2:1: error[E_FORM]" % bad), lines[0])
        self.assertEqual(lines[1], "%s: not loaded: 1 error, 0 warnings" % bad)
        self.assertIsNotNone(SUMMARY.match(lines[2]))

    def test_same_lexicon_same_hash(self):
        one = self.write("one.tsv", "canonical\tid\n六稳\tS1\n六保\tS2\n")
        two = self.write("two.tsv", "# reordered\nid\tcanonical\nS2\t六保\n\nS1\t 六稳 \n")
        hashes = [SUMMARY.match(line)["sha"] for line in
                  run("lexicon", "check", one, two).stdout.splitlines()]
        self.assertEqual(len(hashes), 2)
        self.assertEqual(hashes[0], hashes[1])

    def test_formats(self):
        yaml = self.write("dict.yml", "economy:\n  stability: [六稳, 六保]\n")
        result = run("lexicon", "check", yaml)
        self.assertExit(result, EX_OK)
        self.assertEqual(SUMMARY.match(result.stdout.splitlines()[-1])["entries"], "2")
        jieba = self.write("user.dict", "两个维护 3 n\n四个意识 5\n")
        words = run("lexicon", "check", jieba)
        self.assertExit(words, EX_OK)
        self.assertIn("warning[W_JIEBA_LIKE]", words.stdout)
        as_jieba = run("lexicon", "check", "--format", "jieba", jieba)
        self.assertExit(as_jieba, EX_OK)
        self.assertNotIn("W_JIEBA_LIKE", as_jieba.stdout)
        bad_yaml = self.write("bad.yaml", "a:\n  - 2025\n")
        result = run("lexicon", "check", bad_yaml)
        self.assertExit(result, EX_DATAERR)
        self.assertIn(":2:5: error[E_YAML]", result.stdout)

    def test_gb18030_file_is_rejected_with_a_hint(self):
        path = self.write("gbk.tsv", "canonical\n国企改革\n".encode("gb18030"))
        result = run("lexicon", "check", path)
        self.assertExit(result, EX_DATAERR)
        self.assertIn("%s:2:1: error[E_ENCODING]" % path, result.stdout)
        self.assertIn("GB18030", result.stdout)

    def test_usage_errors_exit_64(self):
        self.assertExit(run("lexicon"), EX_USAGE)
        self.assertExit(run("lexicon", "check"), EX_USAGE)
        self.assertExit(run("lexicon", "frobnicate", BUILTIN), EX_USAGE)
        self.assertExit(run("lexicon", "check", "--format", "csv", BUILTIN), EX_USAGE)
        self.assertExit(run("lexicon", "check", "--bogus", BUILTIN), EX_USAGE)
        help_result = run("lexicon", "check", "--help")
        self.assertExit(help_result, EX_OK)
        self.assertIn("Usage: tifa lexicon check", help_result.stdout)


if __name__ == "__main__":
    unittest.main()
