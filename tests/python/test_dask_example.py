"""examples/dask_corpus.py on a LocalCluster on loopback gives the totals of a single-process run.

The example runs with Debian's system python3 (TIFA_SYSTEM_PYTHON, default /usr/bin/python3):
python3-dask and python3-distributed are Debian packages, which a pyenv or venv interpreter does
not see. The tests are skipped, with a message saying so, only when that interpreter cannot import
dask and distributed (scripts/install-deps.sh installs them).
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import tifa_test_support as support

import tifa

SYSTEM_PYTHON = os.environ.get("TIFA_SYSTEM_PYTHON", "/usr/bin/python3")


def dask_missing():
    """Why the system python3 cannot run the Dask example, or None when it can."""
    if not os.path.exists(SYSTEM_PYTHON):
        return "%s does not exist" % SYSTEM_PYTHON
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import dask.bag, distributed"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if probe.returncode != 0:
        return ("dask/distributed are not importable by %s (install python3-dask and "
                "python3-distributed: scripts/install-deps.sh): %s"
                % (SYSTEM_PYTHON, probe.stdout.decode("utf-8", "replace").strip().splitlines()[-1]))
    return None


class DaskExampleTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="tifa-dask-")

    def tearDown(self):
        shutil.rmtree(self.directory)

    def write_corpus(self):
        """A JSONL corpus from the seeds, a few times over, with a short and an empty record."""
        records = []
        for copy in range(4):
            for path in support.seed_paths():
                text = support.read_bytes(path).decode("utf-8")
                records.append({"id": "%d/%s" % (copy, os.path.basename(path)), "text": text})
        records.append({"id": "short", "text": "坚持“两个维护”，做好“六稳”“六保”工作。"})
        records.append({"id": "empty", "text": ""})
        path = os.path.join(self.directory, "corpus.jsonl")
        with open(path, "w", encoding="utf-8") as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return path, [record["text"] for record in records]

    def expected_totals(self, texts, pipeline):
        """The totals of a single-process run of the same pipeline, one document at a time."""
        totals = {"documents": 0, "failed": 0, "chars": 0, "sentences": 0, "mentions": 0,
                  "slogans": {}}
        for text in texts:
            doc = pipeline.process(text)
            totals["documents"] += 1
            totals["chars"] += len(doc["text"])
            totals["sentences"] += len(doc["sentences"])
            totals["mentions"] += len(doc["mentions"])
            for mention in doc["mentions"]:
                totals["slogans"][mention["canonical"]] = (
                    totals["slogans"].get(mention["canonical"], 0) + 1)
        return totals

    def run_example(self, *arguments):
        result = subprocess.run(
            [SYSTEM_PYTHON, os.path.join(support.EXAMPLES_DIR, "dask_corpus.py")] + list(arguments),
            env=support.example_environment(), cwd=self.directory, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, timeout=600)
        stderr = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, stderr[-5000:])
        spread = re.search(r"dask_corpus: (\d+) documents in (\d+) tasks, run by (.*)", stderr)
        self.assertIsNotNone(spread, stderr[-5000:])
        return json.loads(result.stdout.decode("utf-8")), int(spread.group(2)), spread.group(3)

    def test_local_cluster_totals_equal_a_single_process_run(self):
        reason = dask_missing()
        if reason:
            self.skipTest("tifa-skip: " + reason)
        corpus, texts = self.write_corpus()
        expected = self.expected_totals(texts, tifa.Pipeline(min_confidence="high"))
        self.assertGreater(expected["mentions"], 0)
        # Blocks of 16 KiB: several tasks over the two worker processes.
        totals, tasks, where = self.run_example(corpus, "--min-confidence", "high",
                                                "--workers", "2", "--blocksize", "16KiB")
        self.assertEqual(totals, expected)
        self.assertGreater(tasks, 2)
        self.assertRegex(where, r"^[12] worker processes$")
        self.assertEqual(list(totals["slogans"].values()),
                         sorted(totals["slogans"].values(), reverse=True))

    def test_custom_lexicon_on_worker_threads(self):
        reason = dask_missing()
        if reason:
            self.skipTest("tifa-skip: " + reason)
        corpus, texts = self.write_corpus()
        lexicon_path = os.path.join(self.directory, "mine.tsv")
        with open(lexicon_path, "w", encoding="utf-8") as stream:
            stream.write("canonical\tcategory\n地方国资委\torganisation\n")
        lexicon = tifa.Lexicon.builtin().merged(tifa.Lexicon.from_file(lexicon_path))
        expected = self.expected_totals(texts, tifa.Pipeline(lexicon))
        self.assertIn("地方国资委", expected["slogans"])
        totals, tasks, where = self.run_example(corpus, "--lexicon", lexicon_path, "--threads",
                                                "--blocksize", "32KiB")
        self.assertEqual(totals, expected)
        self.assertGreater(tasks, 1)
        self.assertEqual(where, "this process")


if __name__ == "__main__":
    unittest.main(verbosity=2)
