"""tifa (提法): Chinese policy news into research data, from Python.

A pure-Python package over libtifa's C ABI (capi/tifa.h) with ctypes; standard library only.

    >>> import tifa
    >>> pipeline = tifa.Pipeline(min_confidence="high")
    >>> doc = pipeline.process(open("article.html", "rb").read(), id="a1")
    >>> for m in doc["mentions"]:
    ...     assert doc["text"][m["char_start"]:m["char_end"]] == m["surface"]
    >>> tifa.split_sentences("第一句。第二句！")
    >>> tifa.find_slogans("做好“六稳”“六保”工作")

The library is found through the TIFA_LIBRARY environment variable, next to the package, or by
the system loader (see tifa._native). docs/python.md is the guide.
"""

from ._native import TifaError, library_path
from ._native import lib as _lib
from .lexicon import Lexicon
from .pipeline import Pipeline, find_slogans, split_sentences

__version__ = "0.1.0"

__all__ = [
    "Lexicon",
    "Pipeline",
    "TifaError",
    "find_slogans",
    "library_path",
    "library_version",
    "split_sentences",
]


def library_version():
    """The version of the loaded libtifa, "MAJOR.MINOR.PATCH"."""
    return _lib().tifa_version_string().decode("ascii")
