"""Pipelines and lexicons pickle, and work in other processes (multiprocessing, spawn)."""

import multiprocessing
import os
import pickle
import shutil
import tempfile
import unittest

import tifa_test_support as support

import tifa


def process_in_worker(pipeline, data):
    """Runs in a worker process: the pipeline arrives pickled, without a native handle."""
    assert pipeline._handle is None, "the native handle must not travel"
    return os.getpid(), pipeline.process(data)


def lexicon_in_worker(lexicon):
    return len(lexicon), lexicon.sha256


class PickleTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="tifa-test-")
        self.data = support.read_bytes(support.seed_paths()[0])

    def tearDown(self):
        shutil.rmtree(self.directory)

    def test_round_trip(self):
        pipeline = tifa.Pipeline(min_confidence="high")
        copy = pickle.loads(pickle.dumps(pipeline))
        self.assertIsNone(copy._handle, "rebuilt lazily")
        self.assertEqual(copy.options, pipeline.options)
        self.assertEqual(copy.process(self.data), pipeline.process(self.data))
        self.assertIsNotNone(copy._handle)

    def test_the_builtin_lexicon_travels_as_a_marker(self):
        blob = pickle.dumps(tifa.Pipeline())
        self.assertLess(len(blob), 1000, "the built-in lexicon is not copied into the pickle")
        blob = pickle.dumps(tifa.Lexicon.builtin())
        self.assertLess(len(blob), 1000)

    def test_every_kind_of_lexicon(self):
        words = os.path.join(self.directory, "words.txt")
        with open(words, "w", encoding="utf-8") as stream:
            stream.write("甲乙丙丁\n")
        yaml = os.path.join(self.directory, "dict.yaml")
        with open(yaml, "w", encoding="utf-8") as stream:
            stream.write("test:\n  - 戊己庚辛\n")
        lexicons = [
            tifa.Lexicon.builtin(),
            tifa.Lexicon.from_file(words),
            tifa.Lexicon.from_file(yaml),
            tifa.Lexicon.from_string("canonical\tcategory\n壬癸子丑\tx\n", name="mine"),
            tifa.Lexicon.builtin().merged(tifa.Lexicon.from_file(yaml)),
        ]
        text = "甲乙丙丁、戊己庚辛、壬癸子丑和“两个维护”。"
        for lexicon in lexicons:
            with self.subTest(lexicon=repr(lexicon)):
                copy = pickle.loads(pickle.dumps(lexicon))
                self.assertEqual(copy.sha256, lexicon.sha256)
                self.assertEqual(len(copy), len(lexicon))
                pipeline = tifa.Pipeline(lexicon, discovery=False)
                again = pickle.loads(pickle.dumps(pipeline))
                self.assertEqual(again.find_slogans(text), pipeline.find_slogans(text))
        # The lexicon file is not needed any more once loaded.
        pipeline = tifa.Pipeline(tifa.Lexicon.from_file(yaml), discovery=False)
        os.remove(yaml)
        again = pickle.loads(pickle.dumps(pipeline))
        self.assertEqual([m["canonical"] for m in again.find_slogans(text)], ["戊己庚辛"])

    def test_multiprocessing_with_two_processes(self):
        pipeline = tifa.Pipeline(min_confidence="high")
        documents = [support.read_bytes(path) for path in support.seed_paths()]
        expected = [pipeline.process(data) for data in documents]
        # spawn: fresh interpreters that import tifa and load libtifa themselves.
        context = multiprocessing.get_context("spawn")
        with context.Pool(2) as pool:
            results = pool.starmap(process_in_worker, [(pipeline, data) for data in documents])
            lexicon_results = pool.map(lexicon_in_worker, [tifa.Lexicon.builtin()] * 2)
        self.assertEqual([doc for _, doc in results], expected)
        self.assertNotIn(os.getpid(), {pid for pid, _ in results})
        self.assertEqual(lexicon_results[0], (len(tifa.Lexicon.builtin()),
                                              tifa.Lexicon.builtin().sha256))

    def test_copies_in_one_process_share_the_native_pipeline(self):
        blob = pickle.dumps(tifa.Pipeline(min_confidence="low", split_on_semicolon=True))
        first, second = pickle.loads(blob), pickle.loads(blob)
        first.process("好。")
        second.process("好。")
        self.assertIs(first._handle, second._handle)
        other = pickle.loads(pickle.dumps(tifa.Pipeline(min_confidence="high")))
        other.process("好。")
        self.assertIsNot(other._handle, first._handle)

    def test_a_used_pipeline_pickles_without_its_handle(self):
        pipeline = tifa.Pipeline()
        pipeline.process("好。")
        state = pipeline.__getstate__()
        self.assertEqual(sorted(state), ["lexicon", "options"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
