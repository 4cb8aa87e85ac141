"""Tests of tifa counts, kwic and discover (spec/interfaces.md §4), run by CTest.

TIFA_CLI is the built executable and TIFA_SOURCE_DIR the repository root; CTest sets both. The
golden counts run on the bundled seeds; the corpus checks run on ../shared/corpus and skip with a
message when it is absent. Standard library only.
"""

import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("TIFA_CLI", "")
SOURCE_DIR = Path(os.environ.get("TIFA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SAMPLES = SOURCE_DIR / "examples" / "samples"
CORPUS = Path(os.environ.get("TIFA_SHARED_DIR", SOURCE_DIR.parent / "shared")) / "corpus"


def run(*args, stdin=None):
    result = subprocess.run([CLI, *map(str, args)], input=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=300)
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def tsv_rows(stdout):
    """The rows of a TSV table as dicts (fields are unescaped: the tests' values hold no escapes)."""
    lines = stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "output must end with a newline"
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:-1]]


def jsonl(stdout):
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def seed_inputs():
    return sorted(SAMPLES.glob("*.txt"))


class GoldenSeedCounts(unittest.TestCase):
    """`tifa counts --by month` on the five seeds, counted by hand from their clean text.

    The seeds, by Beijing date: 004 2021-08-27 (吉林日报), 000 2022-01-09 (国资小新), 002 2022-02-14
    (日照日报), 003 2022-06-08 (绵阳日报), 001 2023-07-17: one document per month.

    两个维护 (S0001): only 000 has it: "坚决做到“两个维护”" -> 2022-01: 1. (The other 维护 of the seeds,
      "维护社会大局稳定" in 000 and "维护安全的压舱石" in 001, are not the slogan.)
    三重一大 (S0170): only 003: "突出对“三重一大”事项" -> 2022-06: 1.
    国企改革三年行动 (S0124; variants 国有企业改革三年行动, 国企改革三年行动方案; 三年行动 only with the
      context rule "full; doc=国企,国有企业,国资; bounded_left; not_after=计划"):
      004: "要以国企改革三年行动为契机" -> 2021-08: 1.
      000: four full forms ("决战决胜国企改革三年行动，", "国企改革三年行动向纵深推进", "突出抓好国企改革三年
           行动", "要以决战决胜国企改革三年行动为契机") and one short form "确保三年行动务期必成": full holds
           (the canonical occurs), doc holds (国企), bounded_left holds (after 确保), not followed by
           计划 -> 2022-01: 5.
      002: "我市国有企业改革三年行动走在了全省前列" (variant) and "高质量完成三年行动目标任务" (short form:
           full holds through the variant, doc=国有企业 holds, bounded_left after 完成) -> 2022-02: 2.
      003: "决战决胜国企改革三年行动" and "对标国企改革三年行动方案" (the longer variant wins) -> 2022-06: 2.
      001: none (only "国有企业改革发展", which is not a form) -> no 2023-07 row.
    """

    EXPECTED = {
        ("2022-01", "S0001"): 1,
        ("2022-06", "S0170"): 1,
        ("2021-08", "S0124"): 1,
        ("2022-01", "S0124"): 5,
        ("2022-02", "S0124"): 2,
        ("2022-06", "S0124"): 2,
    }

    def test_month_counts(self):
        result = run("counts", "--by", "month", *seed_inputs())
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = tsv_rows(result.stdout)
        found = {(row["period"], row["slogan_id"]): row for row in rows
                 if row["slogan_id"] in ("S0001", "S0124", "S0170")}
        self.assertEqual({key: int(row["n_mentions"]) for key, row in found.items()}, self.EXPECTED)
        for row in found.values():
            self.assertEqual(row["n_docs_with"], "1")
            self.assertEqual(row["n_docs"], "1")
            rate = int(row["n_mentions"]) * 10000 / int(row["n_chars"])
            self.assertAlmostEqual(float(row["per_10k_chars"]), rate, places=3)
        totals = [row for row in rows if row["origin"] == "total"]
        self.assertEqual([row["period"] for row in totals],
                         ["2021-08", "2022-01", "2022-02", "2022-06", "2023-07"])

    def test_formats_agree(self):
        tsv = tsv_rows(run("counts", *seed_inputs()).stdout)
        as_csv = run("counts", "--output-format", "csv", "--csv-bom", *seed_inputs()).stdout
        self.assertTrue(as_csv.startswith(b"\xef\xbb\xbf"))
        csv_rows = list(csv.DictReader(io.StringIO(as_csv.decode("utf-8-sig"))))
        records = jsonl(run("counts", "--output-format", "jsonl", *seed_inputs()).stdout)
        self.assertEqual(len(tsv), len(csv_rows))
        self.assertEqual(len(tsv), len(records))
        for a, b, c in zip(tsv, csv_rows, records):
            self.assertEqual(a["canonical"], b["canonical"])
            self.assertEqual(int(a["n_mentions"]), c["n_mentions"])

    def test_undated_documents_get_their_own_row(self):
        text = "国企改革三年行动取得积极成效。".encode("utf-8")
        result = run("counts", "--format", "text", "-", stdin=text)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = tsv_rows(result.stdout)
        self.assertEqual({row["period"] for row in rows}, {"undated"})
        self.assertIn("S0124", {row["slogan_id"] for row in rows})

    def test_manifest(self):
        with tempfile.TemporaryDirectory() as tmp:
            manifest = Path(tmp) / "m.json"
            result = run("counts", "--manifest", manifest, *seed_inputs())
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertFalse(result.stdout.startswith(b"#"))
            data = json.loads(manifest.read_text(encoding="utf-8"))
            self.assertEqual(data["command"], "counts")
            self.assertEqual(len(data["lexicon"]["sha256"]), 64)
            self.assertGreater(data["lexicon"]["entries"], 100)
            self.assertEqual(data["documents"]["processed"], 5)
            self.assertEqual(data["documents"]["failed"], 0)
            self.assertEqual(len(data["inputs"]), 5)

    def test_kwic_sample_is_reproducible(self):
        args = ("kwic", "高质量发展", "--sample", "4", "--seed", "42", *seed_inputs())
        first, second = run(*args), run(*args)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(first.stdout, second.stdout)
        self.assertEqual(len(tsv_rows(first.stdout)), 4)

    def test_kwic_clips_at_the_sentence(self):
        rows = jsonl(run("kwic", "三重一大", "--window", "200", "--output-format", "jsonl",
                         *seed_inputs()).stdout)
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["right"].endswith("。"))
        unclipped = jsonl(run("kwic", "三重一大", "--window", "200", "--no-clip",
                              "--output-format", "jsonl", *seed_inputs()).stdout)
        self.assertGreater(len(unclipped[0]["right"]), len(rows[0]["right"]))

    def test_discover_output_is_a_lexicon(self):
        with tempfile.TemporaryDirectory() as tmp:
            lexicon = Path(tmp) / "candidates.tsv"
            result = run("discover", "-o", lexicon, *seed_inputs())
            self.assertEqual(result.returncode, 0, result.stderr)
            text = lexicon.read_text(encoding="utf-8")
            self.assertIn("canonical\tvariants\tcategory\tmembers\tenglish\tfirst_year\n", text)
            self.assertIn("#    example: ", text)
            check = run("lexicon", "check", lexicon)
            self.assertEqual(check.returncode, 0, check.stdout.decode() + check.stderr)
            # A discovered candidate loaded as a lexicon is no longer discovered.
            again = run("discover", "--lexicon", lexicon, *seed_inputs())
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertNotIn("开工第一课\t", again.stdout.decode("utf-8"))


class Failures(unittest.TestCase):
    """Documents that cannot be processed: reported, recorded, the run goes on."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        seeds = seed_inputs()
        shutil.copy(seeds[4], self.tmp / "a_good.txt")
        shutil.copy(seeds[0], self.tmp / "b_big.txt")

    def tearDown(self):
        for path in self.tmp.iterdir():
            path.chmod(0o644)
        shutil.rmtree(self.tmp)

    def check_one_failure(self, args, failing_name):
        for command in (("counts",), ("kwic", "国企改革三年行动"), ("discover",)):
            with self.subTest(command=command[0]):
                manifest = self.tmp.parent / (self.tmp.name + ".manifest.json")
                result = run(*command, "--output-format", "jsonl", "--manifest", manifest, *args)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn(failing_name, result.stderr)
                errors = [r for r in jsonl(result.stdout) if "error" in r]
                self.assertEqual(len(errors), 1)
                self.assertIn(failing_name, errors[0]["id"])
                data = json.loads(manifest.read_text(encoding="utf-8"))
                manifest.unlink()
                self.assertEqual(data["documents"]["failed"], 1)
                self.assertEqual(data["documents"]["processed"], 1)
                # TSV: the failure on stderr only, the table of the good document intact.
                table = run(*command, *args)
                self.assertEqual(table.returncode, 1, table.stderr)
                self.assertIn(failing_name, table.stderr)

    def test_too_large_document(self):
        self.check_one_failure(["--max-input-bytes", "6000", self.tmp], "b_big.txt")

    def test_unreadable_file(self):
        (self.tmp / "b_big.txt").chmod(0)
        if os.access(self.tmp / "b_big.txt", os.R_OK):
            self.skipTest("running as a user who reads any file (root): chmod 000 has no effect")
        self.check_one_failure([self.tmp], "b_big.txt")

    def test_bad_jsonl_line(self):
        good = json.dumps({"id": "good", "text": "国企改革三年行动。", "date": "2022-01-01"},
                          ensure_ascii=False)
        data = (good + "\n{not json\n").encode("utf-8")
        result = run("counts", "--input", "jsonl", "--output-format", "jsonl", "-", stdin=data)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len([r for r in jsonl(result.stdout) if "error" in r]), 1)

    def test_bad_encoding(self):
        result = run("counts", "--encoding", "BOGUS", "--output-format", "jsonl",
                     self.tmp / "a_good.txt")
        # The only document failed: 65, with its error record and message.
        self.assertEqual(result.returncode, 65, result.stderr)
        self.assertIn("a_good.txt", result.stderr)
        self.assertEqual(jsonl(result.stdout)[0]["error"]["code"], "encoding")

    def test_missing_input_is_a_usage_of_66(self):
        # Missing INPUT paths are checked before anything is written (as in tifa process).
        result = run("counts", self.tmp / "a_good.txt", self.tmp / "missing.txt")
        self.assertEqual(result.returncode, 66)
        self.assertIn("missing.txt", result.stderr)
        self.assertEqual(result.stdout, b"")


@unittest.skipUnless(CORPUS.is_dir(), f"no corpus at {CORPUS}: corpus checks skipped")
class OnTheCorpus(unittest.TestCase):

    def test_commands_succeed(self):
        for args in (("counts",), ("counts", "--by", "week,outlet"),
                     ("counts", "--cooccurrence", "sentence"), ("kwic", "高质量发展"),
                     ("discover",)):
            with self.subTest(args=args):
                result = run(*args, "-q", CORPUS)
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_counts_add_up_to_the_mentions(self):
        counts = tsv_rows(run("counts", "--by", "day,outlet", "-q", CORPUS).stdout)
        total = sum(int(row["n_mentions"]) for row in counts if row["origin"] != "total")
        slogans = run("slogans", "--per-mention", "-q", CORPUS)
        self.assertEqual(slogans.returncode, 0, slogans.stderr)
        self.assertEqual(total, len(slogans.stdout.decode("utf-8").splitlines()))
        cell_total = sum(int(row["n_mentions"]) for row in counts if row["origin"] == "total")
        self.assertEqual(total, cell_total)

    def test_kwic_matches_are_the_surfaces(self):
        mentions = [json.loads(line) for line in
                    run("slogans", "--per-mention", "-q", CORPUS).stdout.decode().splitlines()]
        wanted = [m for m in mentions if m["canonical"] == "高质量发展"]
        lines = jsonl(run("kwic", "高质量发展", "--output-format", "jsonl", "-q", CORPUS).stdout)
        self.assertEqual([(l["id"], l["match"]) for l in lines],
                         [(m["id"], m["surface"]) for m in wanted])

    def test_jobs_do_not_change_the_output(self):
        for args in (("process",), ("counts", "--by", "week,outlet"), ("discover",)):
            with self.subTest(args=args):
                one = run(*args, "--jobs", "1", "-q", CORPUS)
                two = run(*args, "--jobs", "2", "-q", CORPUS)
                self.assertEqual(one.returncode, 0, one.stderr)
                self.assertEqual(one.stdout, two.stdout)

    def test_discover_output_loads(self):
        with tempfile.TemporaryDirectory() as tmp:
            lexicon = Path(tmp) / "candidates.tsv"
            self.assertEqual(run("discover", "-q", "-o", lexicon, CORPUS).returncode, 0)
            check = run("lexicon", "check", lexicon)
            self.assertEqual(check.returncode, 0, check.stdout.decode() + check.stderr)


if __name__ == "__main__":
    if not CLI:
        raise SystemExit("TIFA_CLI is not set (CTest sets it)")
    unittest.main(verbosity=2)
