"""Native calls release the GIL: Python keeps running while tifa works.

Two measurements, neither a speed ratio (no flaky timing):

- two Python threads each run one long native call (a document of a few MB) on a shared pipeline;
  their start/end intervals overlap for most of their length;
- while one thread is inside a native call, the main thread keeps executing Python: it records
  timestamps inside the middle half of the call. With the GIL held no Python bytecode can run
  there at all, which the control proves by making the same call through ctypes.PyDLL (a PyDLL
  call keeps the GIL): no timestamp falls inside, in the best of three attempts (the hand-over of
  the GIL just before or after the call can put a few there on a loaded machine).
"""

import ctypes
import threading
import time
import unittest

import tifa_test_support as support

import tifa
from tifa import _native


def big_document():
    """A few MB of plain text built from the seeds' clean text."""
    pipeline = tifa.Pipeline()
    texts = [pipeline.process(support.read_bytes(path))["text"] for path in support.seed_paths()]
    unit = "\n\n".join(texts)
    repeats = max(1, (4 << 20) // len(unit.encode("utf-8")))
    return ("\n\n".join([unit] * repeats)).encode("utf-8")


def overlap_share(intervals):
    """How much of the shorter of two intervals the other one covers, in [0, 1]."""
    (a0, a1), (b0, b1) = intervals
    overlap = max(0.0, min(a1, b1) - max(a0, b0))
    return overlap / max(1e-9, min(a1 - a0, b1 - b0))


def run_two_threads(call):
    """Runs call() in two threads started together; returns their (start, end) intervals."""
    barrier = threading.Barrier(2)
    intervals = [None, None]
    failures = []

    def work(index):
        try:
            barrier.wait()
            start = time.perf_counter()
            call()
            intervals[index] = (start, time.perf_counter())
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return intervals


class GilTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = big_document()
        cls.pipeline = tifa.Pipeline(format="text")

    def native_process(self, library):
        """One tifa_pipeline_process call through `library`, nothing else: no JSON, no parsing."""
        doc = ctypes.c_void_p()
        status = library.tifa_pipeline_process(ctypes.byref(doc), self.pipeline._pointer(),
                                               self.data, len(self.data))
        _native.lib().tifa_doc_free(doc)
        self.assertEqual(status, 0)

    def test_document_is_big(self):
        self.assertGreater(len(self.data), 3 << 20)

    def test_native_calls_overlap(self):
        library = _native.lib()  # the package's own CDLL, with its declared signatures
        intervals = run_two_threads(lambda: self.native_process(library))
        share = overlap_share(intervals)
        message = "intervals %r; overlap %.0f%% of the shorter" % (
            [(round(a, 3), round(b, 3)) for a, b in intervals], share * 100)
        self.assertGreater(share, 0.5, message)

    def ticks_during_a_call(self, library):
        """Timestamps the main thread took during the middle half of one native call that another
        thread made through `library`; also returns the call's duration."""
        interval = []
        worker = threading.Thread(target=lambda: interval.extend(self.timed_call(library)))
        ticks = []
        worker.start()
        while worker.is_alive():
            ticks.append(time.perf_counter())
        worker.join()
        start, end = interval
        quarter = (end - start) / 4
        inside = [t for t in ticks if start + quarter < t < end - quarter]
        return len(inside), end - start

    def timed_call(self, library):
        start = time.perf_counter()
        self.native_process(library)
        return start, time.perf_counter()

    def test_python_runs_during_a_native_call(self):
        inside, duration = self.ticks_during_a_call(_native.lib())
        self.assertGreater(inside, 0, "no Python ran during a %.3f s native call" % duration)

    def test_control_with_the_gil_held(self):
        held = ctypes.PyDLL(tifa.library_path())  # PyDLL: the GIL stays held during calls
        held.tifa_pipeline_process.restype = ctypes.c_int
        held.tifa_pipeline_process.argtypes = _native.lib().tifa_pipeline_process.argtypes
        # The worker takes its timestamps in Python, so handing the GIL over just before or after
        # the call (a switch interval, or longer on a loaded machine) can put a few ticks inside the
        # window although none ran during the call itself. So the best of three attempts counts:
        # with the GIL released, every attempt would see ticks.
        attempts = [self.ticks_during_a_call(held) for _ in range(3)]
        inside, duration = min(attempts)
        self.assertEqual(inside, 0, "Python ran inside every one of three calls that held the GIL "
                         "(ticks, seconds: %r)" % [(count, round(seconds, 3)) for count, seconds in attempts])

    def test_two_threads_process_whole_documents(self):
        # The public API from two threads on one shared pipeline gives the same results.
        results = [None, None]

        def work(index):
            results[index] = self.pipeline.process_json(self.data)

        threads = [threading.Thread(target=work, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(results[0], results[1])
        self.assertGreater(len(results[0]), len(self.data))


if __name__ == "__main__":
    unittest.main(verbosity=2)
