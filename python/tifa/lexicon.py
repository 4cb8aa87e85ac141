"""tifa.Lexicon: the slogans a pipeline recognises (docs/lexicon.md)."""

import ctypes
import os
import shutil
import tempfile
import threading

from . import _native
from ._native import Handle

__all__ = ["Lexicon"]


class Lexicon:
    """A lexicon of slogans: the built-in one, one loaded from a file or a string, or a merge.

    A Lexicon remembers how it was made (the file's bytes and name, the string, or the two
    lexicons of a merge), so it pickles and is rebuilt in the process that unpickles it; the
    native handle is made on first use there. ``len()`` is the number of entries, ``sha256`` the
    SHA-256 of the canonical form (the same as ``counts.lexicon_sha256`` of the documents a
    pipeline with this lexicon makes). Two lexicons are equal when their SHA-256 are.

    Make one with :meth:`builtin`, :meth:`from_file`, :meth:`from_string` or :meth:`merged`.
    Errors raise :class:`tifa.TifaError` (``status`` ``"lexicon"`` with every diagnostic, one per
    line, for a lexicon with errors; ``"io"`` for an unreadable file).
    """

    def __init__(self, _recipe=None, _handle=None):
        if _recipe is None:
            raise TypeError("use Lexicon.builtin(), Lexicon.from_file(), Lexicon.from_string() "
                            "or Lexicon.merged()")
        self._recipe = _recipe
        self._handle = _handle
        self._lock = threading.Lock()
        self._sha256 = None
        self._size = None
        if _handle is not None:
            self._describe()

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def builtin(cls):
        """The built-in lexicon (data/slogans.tsv compiled into the library)."""
        return cls(("builtin",), _build(("builtin",)))

    @classmethod
    def from_file(cls, path):
        """Loads a lexicon file: native TSV, word list or quanteda YAML, chosen by the file name and
        first line as `tifa lexicon check` does."""
        path = os.fspath(path)
        handle = _load_file(path)
        with open(path, "rb") as stream:
            data = stream.read()
        return cls(("file", os.path.basename(path), data), handle)

    @classmethod
    def from_string(cls, text, name=None):
        """A lexicon from text (str or UTF-8 bytes): native TSV when the first non-comment line has
        a ``canonical`` column, else a word list. `name` names it in diagnostics."""
        data = _native.to_bytes(text)
        recipe = ("buffer", data, name)
        return cls(recipe, _build(recipe))

    def merged(self, overlay):
        """`overlay` layered over this lexicon (docs/lexicon.md §5); neither is changed."""
        if not isinstance(overlay, Lexicon):
            raise TypeError("overlay must be a Lexicon, not %s" % type(overlay).__name__)
        out = ctypes.c_void_p()
        library = _native.lib()
        _native.check(library.tifa_lexicon_merge(ctypes.byref(out), self._pointer(),
                                                 overlay._pointer()))
        recipe = ("merge", self._recipe, overlay._recipe)
        return Lexicon(recipe, Handle(out.value, library.tifa_lexicon_free))

    # -- properties -----------------------------------------------------------------------------

    @property
    def sha256(self):
        """The SHA-256 of the lexicon's canonical form: 64 lowercase hex digits."""
        if self._sha256 is None:
            self._pointer()
        return self._sha256

    def __len__(self):
        if self._size is None:
            self._pointer()
        return self._size

    @property
    def is_builtin(self):
        """True for the built-in lexicon as it ships (not merged)."""
        return self._recipe[0] == "builtin"

    def __eq__(self, other):
        if not isinstance(other, Lexicon):
            return NotImplemented
        return self.sha256 == other.sha256

    def __hash__(self):
        return hash(self.sha256)

    def __repr__(self):
        return "<tifa.Lexicon %s, %d entries, sha256 %s>" % (_describe_recipe(self._recipe),
                                                           len(self), self.sha256[:12])

    # -- pickling -------------------------------------------------------------------------------

    def __getstate__(self):
        return {"recipe": self._recipe, "sha256": self.sha256}

    def __setstate__(self, state):
        self._recipe = state["recipe"]
        self._handle = None
        self._lock = threading.Lock()
        self._sha256 = state.get("sha256")
        self._size = None

    # -- internals ------------------------------------------------------------------------------

    def _pointer(self):
        """The native tifa_lexicon *, built on first use after unpickling."""
        handle = self._handle
        if handle is None:
            with self._lock:
                if self._handle is None:
                    expected = self._sha256
                    self._handle = _build(self._recipe)
                    self._describe()
                    if expected is not None and expected != self._sha256:
                        raise RuntimeError(
                            "tifa: the lexicon rebuilt from its pickle has SHA-256 %s, not %s "
                            "(a different libtifa version?)" % (self._sha256, expected))
                handle = self._handle
        return handle.pointer

    def _describe(self):
        library = _native.lib()
        pointer = self._handle.pointer
        self._size = int(library.tifa_lexicon_size(pointer))
        self._sha256 = library.tifa_lexicon_sha256(pointer).decode("ascii")


def _load_file(path):
    library = _native.lib()
    out = ctypes.c_void_p()
    _native.check(library.tifa_lexicon_from_file(ctypes.byref(out), _native.c_string(path)))
    return Handle(out.value, library.tifa_lexicon_free)


def _build(recipe):
    """A native lexicon Handle from a recipe (see Lexicon.__init__)."""
    library = _native.lib()
    kind = recipe[0]
    out = ctypes.c_void_p()
    if kind == "builtin":
        _native.check(library.tifa_lexicon_builtin(ctypes.byref(out)))
    elif kind == "buffer":
        _, data, name = recipe
        _native.check(library.tifa_lexicon_from_buffer(ctypes.byref(out), data, len(data),
                                                       _native.c_string(name)))
    elif kind == "file":
        # The format of a file follows its name and content: write the same bytes under the
        # same name, so that the rebuilt lexicon is loaded exactly as the original was.
        _, name, data = recipe
        directory = tempfile.mkdtemp(prefix="tifa-lexicon-")
        try:
            path = os.path.join(directory, name)
            with open(path, "wb") as stream:
                stream.write(data)
            return _load_file(path)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    elif kind == "merge":
        base, overlay = _build(recipe[1]), _build(recipe[2])
        _native.check(library.tifa_lexicon_merge(ctypes.byref(out), base.pointer,
                                                 overlay.pointer))
    else:
        raise ValueError("tifa: unknown lexicon recipe %r" % (kind,))
    return Handle(out.value, library.tifa_lexicon_free)


def _describe_recipe(recipe):
    kind = recipe[0]
    if kind == "file":
        return "from file %s" % recipe[1]
    if kind == "buffer":
        return "from string %s" % (recipe[2] or "<buffer>")
    if kind == "merge":
        return "(%s + %s)" % (_describe_recipe(recipe[1]), _describe_recipe(recipe[2]))
    return "builtin"

