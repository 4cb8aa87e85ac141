"""Tests of `tifa report` (spec/interfaces.md §4), run by CTest.

TIFA_CLI is the built executable and TIFA_SOURCE_DIR the repository root; CTest sets both. The
real corpus is TIFA_SOURCE_DIR/../shared/corpus; its tests skip with a message when it is absent.
The browser tests open the page in headless Chromium (scripts/install-deps.sh installs it) and
skip with a message only when no Chromium is installed. Standard library only.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

CLI = os.environ.get("TIFA_CLI", "")
SOURCE_DIR = Path(os.environ.get("TIFA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SAMPLES = SOURCE_DIR / "examples" / "samples"
CORPUS = SOURCE_DIR.parent / "shared" / "corpus"

EX_SOME_FAILED, EX_USAGE = 1, 64
SECTIONS = ("provenance", "summary", "timeline", "categories", "candidates", "kwic")
# A URL that leaves the page: scheme-relative (//host) or http(s).
EXTERNAL_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


def run(*args, timeout=300):
    result = subprocess.run([CLI, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=timeout)
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


class PageParser(HTMLParser):
    """What the tests check in a report: sections, URLs, scripts, timeline paths and legend."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []            # (tag, attribute, value) of every src/href-like attribute
        self.scripts = []         # attributes of every <script>
        self.links = []           # attributes of every <link>
        self.meta_charset = None
        self.svg_depth = 0
        self.timelines = 0
        self.series = []          # data-slogan of each <path class="series"> in the timeline
        self.in_legend = 0
        self.legend_titles = []
        self.kwic_rows = 0
        self._text_target = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
                self.urls.append((tag, name, value or ""))
        if tag == "script":
            self.scripts.append(a)
        if tag == "link":
            self.links.append(a)
        if tag == "meta" and "charset" in a:
            self.meta_charset = a["charset"]
        if tag == "svg" and "timeline" in (a.get("class") or "").split():
            self.timelines += 1
            self.svg_depth = 1
        elif self.svg_depth and tag not in ("path", "line", "rect", "circle"):
            self.svg_depth += 1
        if self.svg_depth and tag == "path" and "series" in (a.get("class") or "").split():
            self.series.append(a.get("data-slogan"))
        if self.svg_depth and tag == "g" and "legend" in (a.get("class") or "").split():
            self.in_legend = self.svg_depth
        if self.in_legend and tag == "title":
            self._text_target = []
        if tag == "tr" and getattr(self, "_in_kwic", False):
            self.kwic_rows += 1
        if tag == "table" and "kwic" in (a.get("class") or "").split():
            self._in_kwic = True

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_kwic = False
        if self.in_legend and tag == "title" and self._text_target is not None:
            self.legend_titles.append("".join(self._text_target))
            self._text_target = None
        if self.svg_depth and tag not in ("path", "line", "rect", "circle"):
            if self.in_legend == self.svg_depth and tag == "g":
                self.in_legend = 0
            self.svg_depth -= 1

    def handle_data(self, data):
        # Each legend entry's <title> holds the full label (the visible one may be shortened).
        if self._text_target is not None:
            self._text_target.append(data)


def parse_page(text):
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser


def expected_top(inputs, top=8):
    """The top lexicon slogans as the report ranks them, from `tifa slogans` (an independent path):
    documents mentioning them, then mentions, then canonical, then id."""
    result = run("slogans", "--quiet", *inputs)
    docs, mentions, canonical = defaultdict(int), defaultdict(int), {}
    for line in result.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        if record.get("error") or not record.get("counts"):
            continue
        for row in record["counts"]["rows"]:
            if row["origin"] != "lexicon":
                continue
            docs[row["slogan_id"]] += 1
            mentions[row["slogan_id"]] += row["count"]
            canonical[row["slogan_id"]] = row["canonical"]
    ranked = sorted(docs, key=lambda i: (-docs[i], -mentions[i], canonical[i].encode(), i.encode()))
    return [canonical[i] for i in ranked[:top]]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class ReportTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI or not os.access(CLI, os.X_OK):
            raise RuntimeError("TIFA_CLI must name the built tifa executable, not %r" % CLI)

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="tifa-report-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def report(self, *args, name="report.html", code=0):
        out = self.tmp / name
        result = run("report", "--quiet", "-o", out, *args)
        self.assertEqual(result.returncode, code, "stderr: " + result.stderr)
        self.assertTrue(out.is_file(), "no report written")
        return out, out.read_text(encoding="utf-8")

    def assertSelfContained(self, text, page):
        self.assertEqual((page.meta_charset or "").lower(), "utf-8")
        for tag, name, value in page.urls:
            self.assertFalse(EXTERNAL_URL.match(value), "external URL %s %s=%r" % (tag, name, value))
            self.assertFalse(value.lower().startswith(("file:", "ftp:")), value)
        for attrs in page.scripts:
            self.assertNotIn("src", attrs, "an external script")
        self.assertEqual(page.links, [], "a <link> (stylesheets and fonts must be inline)")
        self.assertNotIn("@import", text)
        self.assertNotIn("@font-face", text)
        self.assertNotRegex(text, r"url\(\s*['\"]?(?:https?:)?//")

    def assertSections(self, page):
        for section in SECTIONS:
            self.assertIn(section, page.ids, "section #%s missing" % section)


class ReportOnSamples(ReportTestCase):
    def test_page_is_self_contained_with_every_section(self):
        path, text = self.report(SAMPLES)
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), ["report.html"])
        page = parse_page(text)
        self.assertSelfContained(text, page)
        self.assertSections(page)
        self.assertIn("Noto Sans CJK SC", text)  # the CJK font stack
        self.assertIn("Microsoft YaHei", text)

    def test_timeline_plots_the_top_slogans(self):
        _, text = self.report(SAMPLES)
        page = parse_page(text)
        expected = expected_top([SAMPLES])
        self.assertGreater(len(expected), 0)
        self.assertEqual(page.timelines, 1)
        self.assertEqual(page.series, expected)
        self.assertEqual(page.legend_titles, expected)
        self.assertIn("month", text)
        self.assertRegex(text, r'class="tick-label month"[^>]*>20\d\d-\d\d<')

    def test_top_and_kwic_options(self):
        _, text = self.report("--top", "3", "--kwic", "2", SAMPLES)
        page = parse_page(text)
        self.assertEqual(page.series, expected_top([SAMPLES], 3))
        self.assertLessEqual(page.kwic_rows, 3 * 2)
        self.assertGreater(page.kwic_rows, 0)

    def test_reproducibility_header(self):
        _, text = self.report(SAMPLES)
        version = run("--version").stdout.decode().split()[-1]
        self.assertIn("tifa " + version, text)
        first = json.loads(run("slogans", "--quiet", SAMPLES).stdout.decode().splitlines()[0])
        self.assertIn(first["counts"]["lexicon_sha256"], text)
        self.assertRegex(text, r"\d+ 条 entries, \d+ 字节 bytes")
        self.assertIn(str(SAMPLES), text)  # the inputs
        self.assertRegex(text, r"5 已处理 processed, 0 失败 failed")

    def test_same_seed_same_page_whatever_the_jobs(self):
        _, one = self.report("--seed", "7", "--jobs", "1", SAMPLES, name="a.html")
        _, two = self.report("--seed", "7", "--jobs", "3", SAMPLES, name="b.html")
        self.assertEqual(one.replace("--jobs 1", ""), two.replace("--jobs 3", ""))

    def test_text_is_escaped(self):
        doc = self.tmp / "in" / "x<script>.txt"
        doc.parent.mkdir()
        doc.write_text("标题<b>粗体</b>\n\n要坚持“两个维护”，推进<script>alert(1)</script>高质量发展。"
                       "“两个维护”“A&B”\n", encoding="utf-8")
        _, text = self.report(doc.parent)
        self.assertNotIn("<script", text)
        self.assertNotIn("<b>粗体", text)
        self.assertIn("&lt;script&gt;", text)

    def test_failed_documents_are_listed(self):
        small = self.tmp / "small.txt"
        small.write_text("做好“六稳”“六保”工作。\n", encoding="utf-8")
        _, text = self.report("--max-input-bytes", "2K", SAMPLES, small, code=EX_SOME_FAILED)
        self.assertIn("Failed documents", text)
        failed = [p.name for p in SAMPLES.glob("*.txt") if p.stat().st_size > 2048]
        self.assertTrue(failed)
        for name in failed:
            self.assertIn(name, text)

    def test_standard_output(self):
        result = run("report", "--quiet", "-o", "-", SAMPLES)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith(b"<!DOCTYPE html>"))

    def test_usage_errors(self):
        self.assertEqual(run("report", SAMPLES).returncode, EX_USAGE)  # no -o
        for bad in (["--top", "0"], ["--kwic", "x"], ["--per-mention"], ["--no-such-option"]):
            result = run("report", "-o", self.tmp / "r.html", *bad, SAMPLES)
            self.assertEqual(result.returncode, EX_USAGE, bad)
            self.assertIn("tifa report --help", result.stderr)
        help_text = run("report", "--help").stdout.decode()
        for option in ("--top", "--kwic", "--seed", "--window", "--lexicon", "--jobs"):
            self.assertIn(option, help_text)


class ReportOnCorpus(ReportTestCase):
    def test_corpus(self):
        if not CORPUS.is_dir():
            self.skipTest("no corpus at %s (../shared beside the repository)" % CORPUS)
        _, text = self.report(CORPUS)
        page = parse_page(text)
        self.assertSelfContained(text, page)
        self.assertSections(page)
        self.assertEqual(page.series, expected_top([CORPUS]))


class ReportInChromium(ReportTestCase):
    """The page opens in a real browser without console errors and draws the timeline."""

    def setUp(self):
        super().setUp()
        self.chromium = find_chromium()
        if self.chromium is None:
            self.skipTest("chromium is not installed (scripts/install-deps.sh installs it)")

    def chromium_run(self, *args):
        # A profile of its own: parallel tests must not share one.
        command = [self.chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                   "--enable-logging=stderr", "--v=0", "--window-size=1280,2000",
                   "--user-data-dir=%s" % (self.tmp / "profile"), *args]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=180, env={**os.environ, "HOME": str(self.tmp)})
        return result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")

    def assertNoConsoleErrors(self, stderr):
        # The page has no scripts, so any console line (a CSP violation, a failed load) is wrong.
        bad = [line for line in stderr.splitlines()
               if "Uncaught" in line or ":CONSOLE" in line
               or ("console" in line.lower() and "error" in line.lower())]
        self.assertEqual(bad, [], "console errors:\n" + "\n".join(bad))

    def check_in_browser(self, inputs):
        path, _ = self.report(*inputs)
        url = path.resolve().as_uri()
        png = self.tmp / "report.png"
        _, stderr = self.chromium_run("--screenshot=%s" % png, url)
        self.assertNoConsoleErrors(stderr)
        self.assertTrue(png.is_file(), "no screenshot; stderr:\n" + stderr[-2000:])
        data = png.read_bytes()
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(len(data), 20000, "a nearly empty screenshot")

        dom, stderr = self.chromium_run("--dump-dom", url)
        self.assertNoConsoleErrors(stderr)
        page = parse_page(dom)
        self.assertSections(page)
        self.assertEqual(page.timelines, 1)
        expected = expected_top(inputs)
        self.assertEqual(page.series, expected, "one <path class=series> per plotted slogan")

    def test_samples_in_chromium(self):
        self.check_in_browser([SAMPLES])

    def test_corpus_in_chromium(self):
        if not CORPUS.is_dir():
            self.skipTest("no corpus at %s (../shared beside the repository)" % CORPUS)
        self.check_in_browser([CORPUS])


if __name__ == "__main__":
    unittest.main(verbosity=2)
