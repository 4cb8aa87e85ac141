"""examples/python_example.py runs and prints the slogans of every seed."""

import os
import subprocess
import sys
import unittest

import tifa_test_support as support

import tifa


class PythonExampleTest(unittest.TestCase):
    def test_prints_the_slogans_of_every_seed(self):
        result = subprocess.run([sys.executable, os.path.join(support.EXAMPLES_DIR, "python_example.py")],
                                env=support.example_environment(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr.decode("utf-8", "replace"))
        output = result.stdout.decode("utf-8")
        pipeline = tifa.Pipeline()
        for path in support.seed_paths():
            doc = pipeline.process(support.read_bytes(path))
            self.assertIn(os.path.basename(path), output)
            for canonical in doc["counts"]["slogans"]:
                self.assertIn(canonical, output)


if __name__ == "__main__":
    unittest.main(verbosity=2)
