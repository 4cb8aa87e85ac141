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

# White_Space of the Unicode Character Database.
WHITE_SPACE = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)}

# The command-line form of every option of spec/cleaning.md §9.
PIPELINE_OPTIONS = ("--format", "--encoding", "--no-fullwidth-punct", "--cjk-space-repair",
                    "--no-title-wrap-repair", "--page-marker", "--bylines",
                    "--no-meta-from-comments", "--main-content", "--no-images", "--no-captions",
                    "--tables", "--assume-offset", "--reference-time", "--max-input-bytes",
                    "--verify")


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
        # spec/slogans.md §7: code points that are not White_Space.
        self.assertEqual(record["counts"]["n_chars"],
                         sum(1 for c in text if c not in WHITE_SPACE))
        text_bytes = text.encode("utf-8")
        for span in record["blocks"] + record["sentences"] + record["mentions"]:
            self.assertEqual(text[span["char_start"]:span["char_end"]].encode("utf-8"),
                             text_bytes[span["start"]:span["end"]])


class GeneralOptions(CliTestCase):
    def test_version(self):
        result = run("--version")
        self.assertExit(result, 0)
        # The C header is the single source of the version (spec/interfaces.md §1).
        header = (SOURCE_DIR / "capi" / "tifa.h").read_text(encoding="utf-8")
        version = re.search(r'#define TIFA_VERSION_STRING "([^"]+)"', header).group(1)
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
        for option in PIPELINE_OPTIONS:  # spec/cleaning.md §9
            self.assertIn(option.encode(), result.stdout)

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

    def test_directory_order_is_by_component_not_by_byte(self):
        # '-' and '.' sort before '/' byte by byte, but a directory's files stay together: a/x
        # comes before a-b, and the directory a-b before the file a-b.txt.
        files = sample_files()
        layout = ["ab/z.txt", "a-b.txt", "a.b", "a-b/y.txt", "a/x.txt"]
        for relative, source in zip(layout, files):
            target = self.tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        result = run("process", "--jobs", "2", self.tmp)
        self.assertExit(result, 0)
        ids = [doc["id"] for doc in records(result.stdout)]
        expected = [str(self.tmp / p) for p in
                    ["a/x.txt", "a-b/y.txt", "a-b.txt", "a.b", "ab/z.txt"]]
        self.assertEqual(ids, expected)

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


def sample(prefix):
    """The seed whose file name starts with `prefix` ("001")."""
    return next(SAMPLES.glob(prefix + "_*.txt"))


# A bare HTML fragment with a table between two paragraphs (R8).
TABLE_FRAGMENT = """<p>今年以来，全省国有企业经营情况总体平稳，主要指标如下表所示。</p>
<table><tr><td>指标</td><td>数值</td></tr><tr><td>利润总额</td><td>100亿元</td></tr></table>
<p>下一步，将继续深化国资国企改革。</p>
"""

# An image with a figcaption (R5) and one with an inferred caption (R9).
CAPTION_FRAGMENT = """<p>1月9日，国务院国资委以视频方式召开地方国资委负责人会议。</p>
<figure><img src="https://example.com/a.jpg"><figcaption>会议现场</figcaption></figure>
<p>会议强调，要坚定不移推动国有资本做强做优做大。</p>
<p><img src="https://example.com/b.jpg"></p>
<p>图为分会场。</p>
<p>会议要求，各地国资委要抓好落实。</p>
"""

# The source outlet is only in an article_adlist comment (B1).
COMMENT_POST = """---
title: 某市召开国企改革推进会
date: 2021-12-08 10:39:01 +0800
author: 新浪财经
---
<p>某市召开国企改革推进会，部署下一阶段工作。</p>
<!--article_adlist[<p>来源：中国新闻网</p>]article_adlist-->
<p>会议要求，各单位要抓好落实。</p>
"""

# Spaces between Han characters and between Han and digits, in text that is not PDF-derived.
SPACED_FRAGMENT = "<p>推动制造业与人工 智能等技术融合，总结 2021 年工作。</p>\n"


def html_page():
    """A whole HTML page: navigation, an article container, a footer (H1-H4)."""
    sentence = ("国务院国资委召开会议，部署深化国有企业改革工作，要求各地国资委切实抓好落实，"
                "推动国有经济布局优化和结构调整，增强核心竞争力。")
    body = "".join("<p>%s</p>\n" % sentence for _ in range(5))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<title>国资委召开会议_新闻中心_某某网</title></head>\n<body>\n"
            "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news\">新闻中心</a> "
            "<a href=\"/gn\">国内新闻</a></div>\n"
            "<h1>国资委召开会议</h1>\n<div class=\"article-content\">\n" + body + "</div>\n"
            "<div class=\"footer\">某 某 网 版 权 所 有</div>\n</body></html>\n")


class PipelineOptions(CliTestCase):
    """The options of spec/cleaning.md §9 on the command line: each is accepted and changes the
    output as the spec says."""

    def write(self, name, text):
        path = self.tmp / name
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def process(self, path, *args):
        """The one document of `tifa process ARGS PATH`, which must succeed."""
        result = run("process", *args, path)
        self.assertExit(result, 0)
        docs = records(result.stdout)
        self.assertEqual(len(docs), 1)
        self.check_document(docs[0], str(path))
        return docs[0]

    @staticmethod
    def block_texts(doc, *types):
        data = doc["text"].encode("utf-8")
        return [data[b["start"]:b["end"]].decode("utf-8") for b in doc["blocks"]
                if b["type"] in types]

    @staticmethod
    def prose(doc):
        """Paragraph and heading texts that are not table rows: what I10 keeps fixed."""
        data = doc["text"].encode("utf-8")
        return [data[b["start"]:b["end"]].decode("utf-8") for b in doc["blocks"]
                if b["type"] in ("paragraph", "heading") and "table_row" not in b["flags"]]

    @staticmethod
    def title_block(doc):
        return next(b for b in doc["blocks"] if b["type"] == "title")

    def test_no_fullwidth_punct(self):
        # P1: seed 001 has 98 ASCII commas and no full-width one; they are converted by default.
        default = self.process(sample("001"))
        kept = self.process(sample("001"), "--no-fullwidth-punct")
        self.assertNotIn(",", default["text"])
        self.assertGreaterEqual(default["text"].count("，"), 98)
        self.assertGreaterEqual(kept["text"].count(","), 98)
        self.assertNotIn("，", kept["text"])
        # P2: brackets around Han text.
        default = self.process(sample("003"))
        kept = self.process(sample("003"), "--no-fullwidth-punct")
        self.assertIn("本报讯（绵报融媒记者安达福）", default["text"])
        self.assertIn("本报讯(绵报融媒记者安达福)", kept["text"])

    def test_cjk_space_repair(self):
        pdf = sample("001")  # PDF-derived markdown
        self.assertIn("7月13日至14日", self.process(pdf)["text"])
        self.assertIn("7月13日至14日", self.process(pdf, "--cjk-space-repair", "pdf")["text"])
        self.assertIn("7月13日至14日", self.process(pdf, "--cjk-space-repair=all")["text"])
        self.assertIn("7 月 13 日至 14 日", self.process(pdf, "--cjk-space-repair", "none")["text"])
        # Not PDF-derived: N4 and N5 only under "all".
        html = self.write("spaced.html", SPACED_FRAGMENT)
        for mode in (None, "pdf", "none"):
            with self.subTest(mode=mode):
                args = [] if mode is None else ["--cjk-space-repair", mode]
                text = self.process(html, *args)["text"]
                self.assertIn("人工 智能", text)
                self.assertIn("总结 2021 年", text)
        text = self.process(html, "--cjk-space-repair", "all")["text"]
        self.assertIn("人工智能", text)
        self.assertIn("总结2021年", text)

    def test_no_title_wrap_repair(self):
        default = self.process(sample("001"))
        kept = self.process(sample("001"), "--no-title-wrap-repair")
        self.assertIn("以更大力度更实举措", self.block_texts(default, "title")[0])
        self.assertIn("title_wrap_space_removed", self.title_block(default)["flags"])
        self.assertIn("以更大力度更实 举措", self.block_texts(kept, "title")[0])
        self.assertEqual(kept["meta"]["title"], self.block_texts(kept, "title")[0])
        flags = self.title_block(kept)["flags"]
        self.assertIn("title_space_ambiguous", flags)
        self.assertNotIn("title_wrap_space_removed", flags)
        self.assertIn("title_wrap_merged", flags)  # N9(a) always runs

    def test_page_marker(self):
        path = sample("001")
        default = self.process(path)
        self.assertNotIn("<PAGE_DIV>", default["text"])
        self.assertEqual([b["page"] for b in default["blocks"]], [1] * 4 + [2] * 4)
        self.assertEqual([r["rule"] for r in default["removed"]].count("B11"), 2)
        # Off: the marker is ordinary text, there are no pages and no B11 records.
        for args in (["--page-marker", ""], ["--page-marker="]):
            with self.subTest(args=args):
                off = self.process(path, *args)
                self.assertIn("<PAGE_DIV>", off["text"])
                self.assertTrue(all(b["page"] is None for b in off["blocks"]))
                self.assertNotIn("B11", [r["rule"] for r in off["removed"]])
        # Another marker works like the default one.
        custom = self.write("custom.md", path.read_bytes().replace(b"<PAGE_DIV>", b"[[PAGE]]"))
        doc = self.process(custom, "--page-marker", "[[PAGE]]")
        self.assertEqual(doc["text"], default["text"])
        self.assertEqual([b["page"] for b in doc["blocks"]], [1] * 4 + [2] * 4)
        self.assertIn("[[PAGE]]", self.process(custom)["text"])

    def test_bylines_block(self):
        default = self.process(sample("002"))
        block = self.process(sample("002"), "--bylines", "block")
        self.assertEqual(self.block_texts(default, "byline"), [])
        self.assertNotIn("全媒体记者", default["text"])
        self.assertIn("全媒体记者王大鹏", self.block_texts(block, "byline"))
        self.assertEqual(block["meta"]["reporters"], default["meta"]["reporters"])  # meta as well
        self.assertEqual(self.prose(block), self.prose(default))  # I10
        self.assertEqual(self.process(sample("002"), "--bylines=meta"), default)

    def test_no_meta_from_comments(self):
        path = self.write("comment.md", COMMENT_POST)
        default = self.process(path)
        off = self.process(path, "--no-meta-from-comments")
        self.assertEqual(default["meta"]["source_outlet"], "中国新闻网")
        self.assertIsNone(off["meta"]["source_outlet"])
        self.assertEqual(off["text"], default["text"])  # the comment is dropped either way (B1)
        self.assertIn("B1", [r["rule"] for r in off["removed"]])

    def test_main_content(self):
        path = self.write("page.html", html_page())
        default = self.process(path)
        self.assertEqual(self.process(path, "--main-content", "auto"), default)
        off = self.process(path, "--main-content", "off")
        self.assertNotIn("新闻中心", default["text"])
        self.assertIn("H2", [r["rule"] for r in default["removed"]])
        self.assertIn("首页 新闻中心 国内新闻", off["text"])
        self.assertNotIn("H2", [r["rule"] for r in off["removed"]])
        self.assertIn("增强核心竞争力。", off["text"])

    def test_no_images(self):
        default = self.process(sample("000"))
        off = self.process(sample("000"), "--no-images")
        self.assertEqual(len(default["images"]), 4)
        self.assertEqual(off["images"], [])
        self.assertEqual(off["text"], default["text"])  # images never change text (I10)
        self.assertEqual(off["blocks"], default["blocks"])

    def test_no_captions(self):
        path = self.write("captions.html", CAPTION_FRAGMENT)
        default = self.process(path)
        off = self.process(path, "--no-captions")
        self.assertEqual(self.block_texts(default, "caption"), ["会议现场", "图为分会场。"])
        self.assertEqual(self.block_texts(off, "caption"), [])
        self.assertNotIn("会议现场", off["text"])
        self.assertNotIn("图为分会场", off["text"])
        removed = {r["text"]: r["rule"] for r in off["removed"]}
        self.assertEqual(removed.get("会议现场"), "R5")
        self.assertEqual(removed.get("图为分会场。"), "R9")
        self.assertEqual(len(off["images"]), 2)
        self.assertEqual(self.prose(off), self.prose(default))  # I10

    def test_tables(self):
        path = self.write("table.html", TABLE_FRAGMENT)
        default = self.process(path)
        self.assertEqual(self.process(path, "--tables", "rows"), default)
        drop = self.process(path, "--tables", "drop")
        rows = [b for b in default["blocks"] if "table_row" in b["flags"]]
        self.assertEqual(len(rows), 2)
        self.assertIn("指标\t数值\n利润总额\t100亿元", default["text"])
        self.assertFalse([b for b in drop["blocks"] if "table_row" in b["flags"]])
        self.assertNotIn("利润总额", drop["text"])
        self.assertNotIn("\t", drop["text"])
        self.assertEqual(sorted(r["text"] for r in drop["removed"] if r["rule"] == "R8"),
                         sorted(["指标", "数值", "利润总额", "100亿元"]))
        self.assertEqual(self.prose(drop), self.prose(default))  # I10

    def test_assume_offset(self):
        # Seed 002 with the zone taken off its front-matter date.
        data = sample("002").read_bytes().replace(b"08:47:41 +0800", b"08:47:41")
        path = self.write("no-zone.md", data)
        meta = self.process(path)["meta"]
        self.assertEqual(meta["published_at"], "2022-02-14T08:47:41+08:00")
        self.assertEqual(meta["published_tz"], "assumed")
        meta = self.process(path, "--assume-offset", "+00:00")["meta"]
        self.assertEqual(meta["published_at"], "2022-02-14T08:47:41+00:00")
        self.assertEqual(meta["published_tz"], "assumed")
        meta = self.process(path, "--assume-offset", "-05:30")["meta"]  # a value starting with -
        self.assertEqual(meta["published_at"], "2022-02-14T08:47:41-05:30")
        # A date with its own zone does not change.
        meta = self.process(sample("002"), "--assume-offset=+00:00")["meta"]
        self.assertEqual(meta["published_at"], "2022-02-14T08:47:41+08:00")
        self.assertEqual(meta["published_tz"], "explicit")
        # Day precision (seed 001): the instant moves, the date stays.
        meta = self.process(sample("001"), "--assume-offset", "+00:00")["meta"]
        self.assertEqual(meta["published_at"], "2023-07-17")
        self.assertEqual(meta["published_utc"], "2023-07-17T00:00:00Z")
        self.assertEqual(self.process(sample("001"))["meta"]["published_utc"],
                         "2023-07-16T16:00:00Z")

    def test_reference_time(self):
        default = run("process", SAMPLES).stdout
        for value in ("2022-01-09", "2022-01-09T13:39:16Z", "2022-01-09T13:39+08:00",
                      "2022-01-09 13:39:16.250-05:00", "2024-02-29T00:00:00"):
            with self.subTest(value=value):
                result = run("process", "--reference-time", value, SAMPLES)
                self.assertExit(result, 0)
                # The seeds hold no relative date, so nothing changes.
                self.assertEqual(result.stdout, default)

    def test_max_input_bytes(self):
        big = sample("000")
        result = run("process", "--max-input-bytes", "100", big)
        self.assertExit(result, EX_DATAERR)  # the only document failed
        doc = records(result.stdout)[0]
        self.assertEqual(doc["id"], str(big))
        self.assertEqual(doc["error"]["code"], "limit")
        self.assertIn(str(big), result.stderr)
        small = self.write("small.html", "<p>国有企业改革取得新进展。</p>\n")
        result = run("process", "--max-input-bytes", "100", small, big)
        self.assertExit(result, 1)
        docs = records(result.stdout)
        self.assertNotIn("error", docs[0])
        self.assertEqual(docs[1]["error"]["code"], "limit")
        # Suffixes are powers of 1024: 8K = 8192 bytes.
        result = run("process", "--max-input-bytes", "8K", SAMPLES)
        self.assertExit(result, 1)
        for doc, path in zip(records(result.stdout), sample_files()):
            too_big = path.stat().st_size > 8192
            self.assertEqual("error" in doc, too_big, path.name)
        self.assertIn(True, [p.stat().st_size > 8192 for p in sample_files()])
        self.assertExit(run("process", "--max-input-bytes=1m", SAMPLES), 0)
        # The limit itself is allowed.
        size = big.stat().st_size
        self.assertExit(run("process", "--max-input-bytes", size, big), 0)
        result = run("process", "--max-input-bytes", size - 1, big)
        self.assertExit(result, EX_DATAERR)
        self.assertIn("input of %d bytes" % size, records(result.stdout)[0]["error"]["message"])
        # Standard input, and a file far over the limit (it is not read past the limit).
        result = run("process", "--max-input-bytes", "1K", "-", stdin=big.read_bytes())
        self.assertExit(result, EX_DATAERR)
        self.assertEqual(records(result.stdout)[0], {"id": "-", "error": {
            "code": "limit", "message": "input is larger than max_input_bytes (1024)"}})
        huge = self.write("huge.txt", "国有企业改革。\n".encode("utf-8") * 400000)  # 8.4 MB
        result = run("process", "--max-input-bytes", "1M", huge)
        self.assertExit(result, EX_DATAERR)
        self.assertEqual(records(result.stdout)[0]["error"]["code"], "limit")
        self.assertIn(str(huge.stat().st_size), result.stderr)
        # In JSONL the limit applies to each document's text.
        line = json.dumps({"id": "long", "text": big.read_text(encoding="utf-8")})
        corpus = self.write("long.jsonl", line + "\n")
        result = run("process", "--input", "jsonl", "--max-input-bytes", "1k", corpus)
        self.assertExit(result, EX_DATAERR)
        self.assertEqual(records(result.stdout)[0]["error"]["code"], "limit")

    def test_verify(self):
        plain = records(run("process", SAMPLES).stdout)
        result = run("process", "--verify", SAMPLES)
        self.assertExit(result, 0)
        for doc, before in zip(records(result.stdout), plain):
            codes = [w["code"] for w in doc["warnings"]]
            self.assertFalse([c for c in codes if c.startswith("invariant_failed")], doc["id"])
            self.assertEqual(doc["text"], before["text"])
        result = run("process", "--verify", "--no-verify", SAMPLES)
        self.assertEqual(records(result.stdout), plain)

    def test_encoding(self):
        text = "国有企业改革\n\n全省国有企业改革取得新进展，利润总额同比增长。\n"
        path = self.write("gbk.txt", text.encode("gb18030"))
        doc = self.process(path)
        self.assertEqual(doc["source"]["encoding"], "gb18030")
        self.assertIn("利润总额同比增长", doc["text"])
        self.assertEqual(self.process(path, "--encoding", "gb18030")["text"], doc["text"])
        forced = self.process(path, "--encoding", "utf-8")
        self.assertGreater(forced["source"]["replacement_chars"], 0)
        result = run("process", "--encoding", "no-such-charset", path)
        self.assertExit(result, EX_DATAERR)
        self.assertEqual(records(result.stdout)[0]["error"]["code"], "encoding")

    def test_options_together(self):
        args = ["--no-fullwidth-punct", "--cjk-space-repair", "all", "--no-title-wrap-repair",
                "--page-marker", "", "--bylines", "block", "--no-meta-from-comments",
                "--main-content", "off", "--no-images", "--no-captions", "--tables", "drop",
                "--assume-offset", "+00:00", "--reference-time", "2022-01-09",
                "--max-input-bytes", "1M", "--verify"]
        one = run("process", *args, "--jobs", "1", SAMPLES)
        three = run("process", *args, "--jobs", "3", SAMPLES)
        self.assertExit(one, 0)
        self.assertEqual(one.stdout, three.stdout)
        for doc, path in zip(records(one.stdout), sample_files()):
            self.check_document(doc, str(path))
            self.assertEqual(doc["images"], [])

    def test_bad_values(self):
        for args in (["--cjk-space-repair", "some"], ["--cjk-space-repair", "PDF"],
                     ["--bylines", "inline"], ["--main-content", "on"], ["--tables", "keep"],
                     ["--assume-offset", "+8"], ["--assume-offset", "08:00"],
                     ["--assume-offset", "+0800"], ["--assume-offset", "+24:00"],
                     ["--assume-offset", "+08:60"], ["--assume-offset", "UTC"],
                     ["--assume-offset", ""], ["--reference-time", "yesterday"],
                     ["--reference-time", "2022-13-01"], ["--reference-time", "2022-02-29"],
                     ["--reference-time", "2022-01-09T25:00"],
                     ["--reference-time", "2022-01-09T10:00+0800"],
                     ["--reference-time", "2022-01-09T10:00:00Zx"], ["--reference-time", ""],
                     ["--max-input-bytes", "0"], ["--max-input-bytes", "-1"],
                     ["--max-input-bytes", "10T"], ["--max-input-bytes", "1.5M"],
                     ["--max-input-bytes", "1MB"], ["--max-input-bytes", ""],
                     ["--max-input-bytes", "99999999999999999999999"],
                     ["--max-input-bytes", "17179869184G"], ["--page-marker", "x" * 65],
                     ["--encoding", ""], ["--format", "docx"]):
            with self.subTest(args=args):
                result = run("process", *args, SAMPLES)
                self.assertExit(result, EX_USAGE)
                self.assertEqual(result.stdout, b"")
                self.assertIn(args[0], result.stderr)
                self.assertIn("tifa process --help", result.stderr)
        for option in ("--page-marker", "--tables", "--assume-offset", "--reference-time",
                       "--max-input-bytes", "--bylines"):  # the value is missing
            with self.subTest(option=option):
                result = run("process", SAMPLES, option)
                self.assertExit(result, EX_USAGE)
                self.assertIn(option, result.stderr)
        # Switches take no value.
        result = run("process", "--no-images=yes", SAMPLES)
        self.assertExit(result, EX_USAGE)


class Sentences(CliTestCase):
    """tifa sentences: {"id", "sentences": [{"start","end","char_start","char_end","text"}]}."""

    def sentences(self, *args, stdin=None):
        result = run("sentences", "--quiet", *args, stdin=stdin)
        self.assertExit(result, 0)
        out = records(result.stdout)
        for record in out:
            self.assertEqual(set(record), {"id", "sentences"})
            for sentence in record["sentences"]:
                self.assertEqual(set(sentence),
                                 {"start", "end", "char_start", "char_end", "text"})
        return out

    def test_help(self):
        result = run("sentences", "--help")
        self.assertExit(result, 0)
        for option in (b"--no-clean", b"--split-on-semicolon", b"--input", b"--jobs",
                       b"Exit status"):
            self.assertIn(option, result.stdout)
        self.assertIn(b"--split-on-semicolon", run("process", "--help").stdout)
        self.assertIn(b"sentences", run("--help").stdout)

    def test_offsets_index_the_clean_text_of_process(self):
        path = sorted(SAMPLES.glob("002_*.txt"))[0]
        document = records(run("process", "--quiet", path).stdout)[0]
        text = document["text"]
        raw = text.encode("utf-8")
        [record] = self.sentences(path)
        self.assertEqual(record["id"], document["id"])
        self.assertGreater(len(record["sentences"]), 5)
        self.assertEqual([[s["start"], s["end"]] for s in record["sentences"]],
                         [[s["start"], s["end"]] for s in document["sentences"]])
        for sentence in record["sentences"]:
            self.assertEqual(text[sentence["char_start"]:sentence["char_end"]], sentence["text"])
            self.assertEqual(raw[sentence["start"]:sentence["end"]].decode("utf-8"),
                             sentence["text"])

    def test_no_clean_splits_the_text_as_given(self):
        [record] = self.sentences("--no-clean", "-", stdin="第一句。第二句！\n\n标题".encode())
        self.assertEqual(record["id"], "-")
        # 第一句。 = 4 chars, 12 bytes; then 第二句！; then "\n\n" (2 bytes) and 标题.
        self.assertEqual(record["sentences"], [
            {"start": 0, "end": 12, "char_start": 0, "char_end": 4, "text": "第一句。"},
            {"start": 12, "end": 24, "char_start": 4, "char_end": 8, "text": "第二句！"},
            {"start": 26, "end": 32, "char_start": 10, "char_end": 12, "text": "标题"},
        ])

    def test_no_clean_jsonl_uses_the_text_field(self):
        lines = ('{"id": "a", "body": "  甲。乙？"}\n'
                 '{"id": 7, "body": "<p>丙</p>"}\n').encode()
        out = self.sentences("--no-clean", "--input", "jsonl", "--text-field", "body", "-",
                             stdin=lines)
        self.assertEqual([r["id"] for r in out], ["a", "7"])
        self.assertEqual([(s["start"], s["char_start"], s["text"]) for s in out[0]["sentences"]],
                         [(2, 2, "甲。"), (8, 4, "乙？")])
        self.assertEqual([s["text"] for s in out[1]["sentences"]], ["<p>丙</p>"])

    def test_split_on_semicolon(self):
        text = "甲；乙。".encode()
        for extra in ([], ["--no-clean"]):
            with self.subTest(extra=extra):
                [record] = self.sentences(*extra, "-", stdin=text)
                self.assertEqual([s["text"] for s in record["sentences"]], ["甲；乙。"])
                [record] = self.sentences(*extra, "--split-on-semicolon", "-", stdin=text)
                self.assertEqual([s["text"] for s in record["sentences"]], ["甲；", "乙。"])
        result = run("process", "--quiet", "--split-on-semicolon", "-", stdin=text)
        self.assertExit(result, 0)
        self.assertEqual(len(records(result.stdout)[0]["sentences"]), 2)

    def test_order_with_jobs(self):
        one = run("sentences", "--quiet", "--jobs", "1", SAMPLES)
        many = run("sentences", "--quiet", "--jobs", "4", SAMPLES)
        self.assertExit(one, 0)
        self.assertEqual(one.stdout, many.stdout)
        self.assertEqual([r["id"] for r in records(one.stdout)],
                         [r["id"] for r in records(run("process", "--quiet", SAMPLES).stdout)])

    def test_errors_as_in_process(self):
        for args in (["--bogus"], ["--edits"], ["--no-clean=yes"], ["--output-format", "csv"],
                     ["--jobs", "many"]):
            with self.subTest(args=args):
                result = run("sentences", *args, SAMPLES)
                self.assertExit(result, EX_USAGE)
                self.assertEqual(result.stdout, b"")
                self.assertIn("tifa sentences --help", result.stderr)
        self.assertExit(run("process", "--no-clean", SAMPLES), EX_USAGE)
        self.assertExit(run("sentences", self.tmp / "missing.txt"), EX_NOINPUT)
        for extra in ([], ["--no-clean"]):
            with self.subTest(extra=extra):
                result = run("sentences", "--quiet", "--input", "jsonl", *extra, "-",
                             stdin=b'{"id": "ok", "text": "\xe7\x94\xb2\xe3\x80\x82"}\nnot json\n')
                self.assertExit(result, 1)
                ok, bad = records(result.stdout)
                self.assertEqual(ok["sentences"][0]["text"], "甲。")
                self.assertEqual(bad["id"], "line 2")
                self.assertEqual(bad["error"]["code"], "parse")


class Slogans(CliTestCase):
    """tifa slogans: {"id", "mentions", "counts"} per document, or one line per mention."""

    def slogans(self, *args, stdin=None):
        result = run("slogans", "--quiet", *args, stdin=stdin)
        self.assertExit(result, 0)
        return records(result.stdout)

    def test_help(self):
        result = run("slogans", "--help")
        self.assertExit(result, 0)
        for option in (b"--no-clean", b"--per-mention", b"--window", b"--lexicon",
                       b"--no-builtin-lexicon", b"--min-confidence", b"Exit status"):
            self.assertIn(option, result.stdout)
        self.assertIn(b"slogans", run("--help").stdout)

    def test_adjacent_quoted_slogans_stay_separate(self):
        # spec/slogans.md S7: 做好“六稳”“六保”工作 -> 六稳, 六保, both quoted and numeric.
        [record] = self.slogans("--no-clean", "-", stdin="做好“六稳”“六保”工作".encode())
        self.assertEqual(set(record), {"id", "mentions", "counts"})
        self.assertEqual(record["id"], "-")
        first, second = record["mentions"]
        # 做好“ is 3 code points, 9 bytes; ”“ between the two is 6 bytes.
        self.assertEqual((first["start"], first["end"], first["char_start"], first["char_end"]),
                         (9, 15, 3, 5))
        self.assertEqual((second["start"], second["end"]), (21, 27))
        for mention, canonical in ((first, "六稳"), (second, "六保")):
            self.assertEqual(mention["surface"], canonical)
            self.assertEqual(mention["canonical"], canonical)
            self.assertEqual(mention["kind"], "numeric")
            self.assertEqual(mention["origin"], "lexicon")
            self.assertTrue(mention["quoted"])
            self.assertEqual(mention["confidence"], 0.9)
        counts = record["counts"]
        self.assertEqual(counts["slogans"], {"六稳": 1, "六保": 1})
        self.assertEqual(counts["n_chars"], 12)
        self.assertEqual(counts["n_mentions"], 2)
        self.assertRegex(counts["lexicon_sha256"], "^[0-9a-f]{64}$")

    def test_per_mention_lines_carry_the_context(self):
        result = run("slogans", "--quiet", "--no-clean", "--per-mention", "--window", "2", "-",
                     stdin="做好“六稳”“六保”工作".encode())
        self.assertExit(result, 0)
        first, second = records(result.stdout)
        self.assertEqual(first["id"], "-")
        self.assertEqual(first["surface"], "六稳")
        self.assertEqual((first["left"], first["right"]), ("好“", "”“"))
        self.assertEqual((second["left"], second["right"]), ("”“", "”工"))
        # Each line has its own code-point offsets: 做好“六稳”“ is 7 code points.
        self.assertEqual((first["char_start"], first["char_end"]), (3, 5))
        self.assertEqual((second["start"], second["end"], second["char_start"], second["char_end"]),
                         (21, 27, 7, 9))

    def test_per_mention_writes_nothing_for_a_document_without_slogans(self):
        result = run("slogans", "--quiet", "--no-clean", "--per-mention", "-",
                     stdin="今天天气很好。".encode())
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, b"")

    def test_user_lexicon_over_the_builtin_one_and_alone(self):
        lexicon = self.tmp / "user.tsv"
        lexicon.write_text("canonical\tcategory\n测试口号\teconomy\n", encoding="utf-8")
        text = "坚持测试口号，做好“六稳”工作。".encode()
        [layered] = self.slogans("--no-clean", "--lexicon", lexicon, "-", stdin=text)
        self.assertEqual([m["canonical"] for m in layered["mentions"]], ["测试口号", "六稳"])
        self.assertEqual(layered["mentions"][0]["category"], "economy")
        [alone] = self.slogans("--no-clean", "--no-builtin-lexicon", "--lexicon", lexicon,
                               "--no-discovery", "-", stdin=text)
        self.assertEqual([m["canonical"] for m in alone["mentions"]], ["测试口号"])
        self.assertNotEqual(alone["counts"]["lexicon_sha256"],
                            layered["counts"]["lexicon_sha256"])

    def test_bad_or_missing_lexicon(self):
        result = run("slogans", "--lexicon", self.tmp / "missing.tsv", "-", stdin=b"x")
        self.assertExit(result, EX_NOINPUT)
        bad = self.tmp / "bad.tsv"
        bad.write_text("canonical\n甲\n", encoding="utf-8")  # a form needs two code points
        result = run("slogans", "--lexicon", bad, "-", stdin=b"x")
        self.assertExit(result, EX_DATAERR)
        self.assertIn("bad.tsv:2:", result.stderr)
        self.assertIn("E_FORM", result.stderr)
        self.assertEqual(result.stdout, b"")

    def test_min_confidence_values(self):
        for value in ("low", "medium", "high", "0.5", "1"):
            with self.subTest(value=value):
                self.slogans("--no-clean", "--min-confidence", value, "-", stdin="六稳".encode())
        for value in ("none", "2", "-0.1", ""):
            with self.subTest(value=value):
                self.assertExit(run("slogans", "--min-confidence", value, "-", stdin=b"x"),
                                EX_USAGE)

    def test_samples_agree_with_process(self):
        for path in sample_files():
            with self.subTest(path=path.name):
                [document] = records(run("process", "--quiet", path).stdout)
                [record] = self.slogans(path)
                self.assertEqual(record["id"], document["id"])
                self.assertEqual(record["mentions"], document["mentions"])
                self.assertEqual(record["counts"], document["counts"])
                text = document["text"]
                for mention in record["mentions"]:
                    self.assertEqual(text[mention["char_start"]:mention["char_end"]],
                                     mention["surface"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
