"""Tests of the tifa command (spec/interfaces.md §4), run by CTest.

TIFA_CLI is the built executable and TIFA_SOURCE_DIR the repository root; CTest sets both.
Standard library only.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("TIFA_CLI", "")
SOURCE_DIR = Path(os.environ.get("TIFA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SAMPLES = SOURCE_DIR / "examples" / "samples"

EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_IOERR = 64, 65, 66, 74


def run(*args, stdin=None, cwd=None):
    """Runs tifa; returns the CompletedProcess with bytes stdout and text stderr."""
    result = subprocess.run(
        [CLI, *map(str, args)],
        input=stdin,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def records(stdout):
    """The JSON objects of a JSONL output, each line checked to be one valid object."""
    out = []
    for line in stdout.decode("utf-8").split("\n")[:-1]:
        value = json.loads(line)
        assert isinstance(value, dict), line
        out.append(value)
    assert stdout == b"" or stdout.endswith(b"\n"), "output must end with a newline"
    return out


def sample_files():
    return sorted(SAMPLES.glob("*.txt"))


class CliTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError("TIFA_CLI must name the built tifa executable, not %r" % CLI)
        if not sample_files():
            raise RuntimeError("no samples in %s" % SAMPLES)

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="tifa-cli-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code, "stderr: " + result.stderr)

    def check_document(self, record, expected_id):
        """A processed document: the id, and offsets that agree with the text."""
        self.assertNotIn("error", record)
        self.assertEqual(record["id"], expected_id)
        for key in ("source", "meta", "text", "blocks", "images", "sentences", "mentions",
                    "counts", "removed", "warnings"):
            self.assertIn(key, record)
        text = record["text"]
        self.assertIsInstance(text, str)
        self.assertGreater(len(text), 0)
        self.assertEqual(record["counts"]["n_chars"], len(text))
        text_bytes = text.encode("utf-8")
        for span in record["blocks"] + record["sentences"] + record["mentions"]:
            self.assertEqual(text[span["char_start"]:span["char_end"]].encode("utf-8"),
                             text_bytes[span["start"]:span["end"]])


class GeneralOptions(CliTestCase):
    def test_version(self):
        result = run("--version")
        self.assertExit(result, 0)
        cmake = (SOURCE_DIR / "CMakeLists.txt").read_text(encoding="utf-8")
        version = re.search(r"project\(tifa VERSION (\S+)", cmake).group(1)
        self.assertEqual(result.stdout.decode().strip(), "tifa " + version)

    def test_help(self):
        result = run("--help")
        self.assertExit(result, 0)
        self.assertIn(b"process", result.stdout)
        result = run("process", "--help")
        self.assertExit(result, 0)
        for option in (b"--input", b"--text-field", b"--id-field", b"--date-field", b"--format",
                       b"--encoding", b"--jobs", b"--quiet", b"--output-format", b"Exit status"):
            self.assertIn(option, result.stdout)

    def test_no_command_is_a_usage_error(self):
        result = run()
        self.assertExit(result, EX_USAGE)
        self.assertIn("Usage", result.stderr)

    def test_unknown_option_or_command(self):
        self.assertExit(run("--bogus"), EX_USAGE)
        self.assertExit(run("frobnicate"), EX_USAGE)
        result = run("process", "--bogus", SAMPLES)
        self.assertExit(result, EX_USAGE)
        self.assertIn("--bogus", result.stderr)
        self.assertEqual(result.stdout, b"")

    def test_bad_option_values(self):
        for args in (["--jobs", "many"], ["--jobs", "-1"], ["--jobs", "2x"], ["--format", "pdf"],
                     ["--input", "xml"], ["--output-format", "csv"], ["--output-format", "tsv"],
                     ["--output-format", "yaml"], ["--text-field", ""]):
            with self.subTest(args=args):
                result = run("process", *args, SAMPLES)
                self.assertExit(result, EX_USAGE)
                self.assertEqual(result.stdout, b"")
        for option in ("-o", "--jobs", "--input", "--id-field"):  # the value is missing
            with self.subTest(option=option):
                result = run("process", SAMPLES, option)
                self.assertExit(result, EX_USAGE)
                self.assertIn(option, result.stderr)

    def test_jsonl_output_format_is_accepted(self):
        result = run("process", "--output-format", "jsonl", "--quiet", sample_files()[0])
        self.assertExit(result, 0)
        self.assertEqual(len(records(result.stdout)), 1)

    def test_missing_input(self):
        missing = self.tmp / "no-such-file.txt"
        result = run("process", sample_files()[0], missing)
        self.assertExit(result, EX_NOINPUT)
        self.assertIn(str(missing), result.stderr)
        self.assertEqual(result.stdout, b"")  # checked before anything is written


class ProcessFiles(CliTestCase):
    def test_each_sample(self):
        for path in sample_files():
            with self.subTest(path=path.name):
                result = run("process", path)
                self.assertExit(result, 0)
                self.assertEqual(result.stderr, "")  # no progress line when not a terminal
                docs = records(result.stdout)
                self.assertEqual(len(docs), 1)
                self.check_document(docs[0], str(path))
                self.assertEqual(docs[0]["source"]["path"], str(path))
                self.assertEqual(docs[0]["source"]["bytes"], path.stat().st_size)

    def test_relative_path_is_the_id(self):
        name = sample_files()[0].name
        result = run("process", "examples/samples/" + name, cwd=SOURCE_DIR)
        self.assertExit(result, 0)
        self.assertEqual(records(result.stdout)[0]["id"], "examples/samples/" + name)

    def test_directory_is_read_recursively_in_sorted_order(self):
        files = sample_files()
        layout = ["b/2.txt", "a.txt", "b/10.txt", "c/d/e.txt", "b/1.txt"]
        for relative, source in zip(layout, files):
            target = self.tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        (self.tmp / "empty").mkdir()
        result = run("process", "--jobs", "3", self.tmp)
        self.assertExit(result, 0)
        ids = [doc["id"] for doc in records(result.stdout)]
        expected = [str(self.tmp / p) for p in
                    ["a.txt", "b/1.txt", "b/10.txt", "b/2.txt", "c/d/e.txt"]]
        self.assertEqual(ids, expected)
        # The same file gives the same document whatever its name.
        direct = records(run("process", files[1]).stdout)[0]
        via_dir = records(result.stdout)[ids.index(str(self.tmp / "a.txt"))]
        self.assertEqual(via_dir["text"], direct["text"])
        self.assertEqual(via_dir["blocks"], direct["blocks"])

    def test_files_and_directories_keep_argument_order(self):
        files = sample_files()
        result = run("process", files[3], SAMPLES, files[0])
        self.assertExit(result, 0)
        ids = [doc["id"] for doc in records(result.stdout)]
        self.assertEqual(ids, [str(files[3])] + [str(f) for f in files] + [str(files[0])])

    def test_empty_directory_gives_no_output(self):
        result = run("process", self.tmp)
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, b"")

    def test_stdin(self):
        path = sample_files()[2]
        data = path.read_bytes()
        for args in (["-"], []):
            with self.subTest(args=args):
                result = run("process", *args, stdin=data)
                self.assertExit(result, 0)
                docs = records(result.stdout)
                self.assertEqual(len(docs), 1)
                self.check_document(docs[0], "-")
                self.assertIsNone(docs[0]["source"]["path"])
                self.assertEqual(docs[0]["text"], records(run("process", path).stdout)[0]["text"])

    def test_format_option(self):
        path = sample_files()[0]
        result = run("process", "--format", "text", path)
        self.assertExit(result, 0)
        self.assertEqual(records(result.stdout)[0]["source"]["format"], "text")

    def test_jobs_give_identical_output(self):
        # Enough documents to fill the window of in-flight documents many times over.
        for copy in range(12):
            for path in sample_files():
                shutil.copyfile(path, self.tmp / ("%02d_%s" % (copy, path.name)))
        outputs = [run("process", "--jobs", jobs, self.tmp) for jobs in ("1", "4", "0")]
        for result in outputs:
            self.assertExit(result, 0)
        self.assertEqual(outputs[0].stdout, outputs[1].stdout)
        self.assertEqual(outputs[0].stdout, outputs[2].stdout)
        ids = [doc["id"] for doc in records(outputs[1].stdout)]
        self.assertEqual(ids, sorted(str(p) for p in self.tmp.iterdir()))

    def test_output_file(self):
        out = self.tmp / "out.jsonl"
        result = run("process", "-o", out, SAMPLES)
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, b"")
        self.assertEqual(out.read_bytes(), run("process", SAMPLES).stdout)
        self.assertEqual(len(records(out.read_bytes())), len(sample_files()))
        out2 = self.tmp / "out2.jsonl"
        self.assertExit(run("process", "--output=%s" % out2, SAMPLES), 0)
        self.assertEqual(out2.read_bytes(), out.read_bytes())

    def test_output_that_cannot_be_written(self):
        result = run("process", "-o", self.tmp / "no-dir" / "out.jsonl", SAMPLES)
        self.assertExit(result, EX_IOERR)
        self.assertIn("no-dir", result.stderr)
        if os.path.exists("/dev/full"):  # every write fails with ENOSPC
            result = run("process", "-o", "/dev/full", SAMPLES)
            self.assertExit(result, EX_IOERR)

    def test_quiet(self):
        result = run("process", "--quiet", sample_files()[0])
        self.assertExit(result, 0)
        self.assertEqual(result.stderr, "")


class ProcessJsonl(CliTestCase):
    def write_jsonl(self, name, lines):
        path = self.tmp / name
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False))
                        + "\n")
        return path

    def sample_records(self, text_field="text", id_field="id"):
        return [{id_field: "doc-%d" % i,
                 text_field: path.read_bytes().decode("utf-8"),
                 "ignored": [1, {"x": None}]}
                for i, path in enumerate(sample_files())]

    def test_text_and_id_fields(self):
        corpus = self.write_jsonl("corpus.jsonl", self.sample_records("body", "doc_id"))
        result = run("process", "--input", "jsonl", "--text-field", "body", "--id-field",
                     "doc_id", corpus)
        self.assertExit(result, 0)
        docs = records(result.stdout)
        self.assertEqual(len(docs), len(sample_files()))
        for i, (doc, path) in enumerate(zip(docs, sample_files())):
            self.check_document(doc, "doc-%d" % i)
            direct = records(run("process", path).stdout)[0]
            self.assertEqual(doc["text"], direct["text"])

    def test_default_fields_and_line_ids(self):
        lines = self.sample_records()
        del lines[1]["id"]
        lines[2]["id"] = 42
        corpus = self.write_jsonl("corpus.jsonl", lines)
        result = run("process", "--input=jsonl", corpus)
        self.assertExit(result, 0)
        ids = [doc["id"] for doc in records(result.stdout)]
        self.assertEqual(ids[:3], ["doc-0", "line 2", "42"])

    def test_escapes_and_surrogate_pairs(self):
        text = "标题\n\n第一段“两个维护”😀，\t结束。\n"
        line = json.dumps({"id": "esc", "text": text}, ensure_ascii=True)  # \uXXXX, pairs
        self.assertIn("\\ud83d\\ude00", line)
        corpus = self.write_jsonl("esc.jsonl", [line])
        result = run("process", "--input", "jsonl", "--format", "text", corpus)
        self.assertExit(result, 0)
        doc = records(result.stdout)[0]
        self.check_document(doc, "esc")
        self.assertIn("😀", doc["text"])

    def test_date_field(self):
        record = self.sample_records()[4]
        record["when"] = "2022-01-09"
        corpus = self.write_jsonl("dated.jsonl", [record])
        result = run("process", "--input", "jsonl", "--date-field", "when", corpus)
        self.assertExit(result, 0)
        self.check_document(records(result.stdout)[0], "doc-4")

    def test_bad_lines_give_error_records_and_the_run_goes_on(self):
        good = self.sample_records()
        corpus = self.write_jsonl("mixed.jsonl", [
            good[0],
            "this is not json",
            good[1],
            {"id": "no-text", "body": "wrong field"},
            "",  # blank lines are skipped, not documents
            {"id": "text-not-string", "text": 12},
            "[1, 2]",
            good[2],
        ])
        result = run("process", "--input", "jsonl", "--jobs", "2", corpus)
        self.assertExit(result, 1)
        docs = records(result.stdout)
        self.assertEqual([d["id"] for d in docs],
                         ["doc-0", "line 2", "doc-1", "no-text", "text-not-string", "line 7",
                          "doc-2"])
        for doc in (docs[0], docs[2], docs[6]):
            self.assertNotIn("error", doc)
        for doc in (docs[1], docs[3], docs[4], docs[5]):
            self.assertEqual(sorted(doc), ["error", "id"])
            self.assertEqual(doc["error"]["code"], "parse")
            self.assertTrue(doc["error"]["message"])
        self.assertIn("tifa: %s:2: " % corpus, result.stderr)
        self.assertIn("tifa: %s:4: " % corpus, result.stderr)
        self.assertEqual(result.stderr.count("tifa: "), 4)

    def test_every_line_bad_is_a_data_error(self):
        corpus = self.write_jsonl("bad.jsonl", ["not json", "{broken", "[]"])
        result = run("process", "--input", "jsonl", corpus)
        self.assertExit(result, EX_DATAERR)
        self.assertEqual(len(records(result.stdout)), 3)
        # A plain document read as JSONL is the usual way to get there.
        result = run("process", "--input", "jsonl", sample_files()[0])
        self.assertExit(result, EX_DATAERR)

    def test_stdin_and_directories_of_jsonl(self):
        lines = self.sample_records()
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in lines).encode("utf-8")
        result = run("process", "--input", "jsonl", "-", stdin=data)  # no final newline
        self.assertExit(result, 0)
        self.assertEqual([d["id"] for d in records(result.stdout)],
                         ["doc-%d" % i for i in range(len(lines))])
        (self.tmp / "dir").mkdir()
        self.write_jsonl("dir/2.jsonl", lines[2:])
        self.write_jsonl("dir/1.jsonl", lines[:2])
        result = run("process", "--input", "jsonl", self.tmp / "dir")
        self.assertExit(result, 0)
        self.assertEqual([d["id"] for d in records(result.stdout)],
                         ["doc-%d" % i for i in range(len(lines))])

    def test_jobs_give_identical_output(self):
        lines = self.sample_records() * 15
        for i, record in enumerate(lines):
            record = dict(record)
            record["id"] = "n%03d" % i
            lines[i] = record
        lines.insert(7, "bad line")
        corpus = self.write_jsonl("many.jsonl", lines)
        one = run("process", "--input", "jsonl", "--jobs", "1", corpus)
        four = run("process", "--input", "jsonl", "--jobs", "4", corpus)
        self.assertExit(one, 1)
        self.assertExit(four, 1)
        self.assertEqual(one.stdout, four.stdout)
        self.assertEqual(one.stderr, four.stderr)
        self.assertEqual(len(records(four.stdout)), len(lines))


if __name__ == "__main__":
    unittest.main(verbosity=2)
