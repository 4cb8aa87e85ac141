"""tifa.Pipeline and the module-level helpers split_sentences() and find_slogans()."""

import collections
import ctypes
import json
import os
import threading
import weakref

from . import _native
from ._native import Handle, TifaError
from .lexicon import Lexicon

__all__ = ["Pipeline", "split_sentences", "find_slogans"]


def option_value(key, value):
    """An option value as the text tifa_config_set() takes: booleans become "true"/"false"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, str):
        return value
    raise TypeError("option %s: expected str, bool, int or float, not %s"
                    % (key, type(value).__name__))


class Pipeline:
    """The whole of tifa: decode, read, clean, split sentences, recognise slogans.

    ``Pipeline(lexicon=None, **options)``

    - `lexicon`: a :class:`tifa.Lexicon`, a path to a lexicon file, or None for the built-in
      lexicon. A lexicon given here replaces the built-in one; to add to it, pass
      ``Lexicon.builtin().merged(Lexicon.from_file(path))``.
    - `options`: the configuration keys of the C API (docs/c-api.md), e.g.
      ``min_confidence="high"``, ``format="html"``, ``split_on_semicolon=True``,
      ``max_input_bytes=1 << 20``. Booleans become ``"true"``/``"false"``; None leaves an option at
      its default. A bad key or value raises :class:`tifa.TifaError` here, not later.

    A pipeline is immutable and thread-safe: share one between threads (every native call
    releases the GIL). It pickles: the pickle holds the lexicon (its bytes, or a marker for the
    built-in one) and the options, and the native pipeline is rebuilt on first use in the process
    that unpickles it, so a pipeline can be passed to ``multiprocessing`` or Dask workers as is.

    Results are the JSON of spec/interfaces.md §3 as Python objects. In every span, ``start`` and
    ``end`` are UTF-8 byte offsets and ``char_start``/``char_end`` code-point offsets into the
    document's ``text``, so ``doc["text"][m["char_start"]:m["char_end"]] == m["surface"]``.
    """

    def __init__(self, lexicon=None, **options):
        if lexicon is not None and not isinstance(lexicon, Lexicon):
            lexicon = Lexicon.from_file(lexicon)
        self._lexicon = lexicon
        self._options = {key: option_value(key, value)
                         for key, value in options.items() if value is not None}
        self._lock = threading.Lock()
        self._handle = None
        self._pointer()  # build now: a bad option fails here

    # -- properties -----------------------------------------------------------------------------

    @property
    def lexicon(self):
        """The Lexicon given to the constructor, or None for the built-in lexicon."""
        return self._lexicon

    @property
    def options(self):
        """The options as given to the C API: a new dict of str keys and str values."""
        return dict(self._options)

    def __repr__(self):
        lexicon = "builtin lexicon" if self._lexicon is None else repr(self._lexicon)
        options = ", ".join("%s=%r" % item for item in sorted(self._options.items()))
        return "<tifa.Pipeline %s%s>" % (lexicon, ", " + options if options else "")

    # -- processing -----------------------------------------------------------------------------

    def process(self, text_or_bytes, id=None, format=None, date=None):
        """Processes one document and returns its JSON (spec/interfaces.md §3) as a dict.

        `text_or_bytes`: the document as str, or as bytes in any supported encoding and format
        (Hexo, Jekyll, HTML, markdown, text; UTF-8 or GB18030). `id` is kept as the document id,
        `format` forces the format of this document ("hexo", "jekyll", "html", "markdown",
        "text"), `date` gives the publication date when the document has none ("2022-01-09").
        Raises TifaError for unusable input (over max_input_bytes, an unknown forced encoding).
        """
        return json.loads(self.process_json(text_or_bytes, id=id, format=format, date=date))

    def process_json(self, text_or_bytes, id=None, format=None, date=None):
        """As :meth:`process`, but returns the JSON text itself (one line), e.g. to write JSONL."""
        data = _native.to_bytes(text_or_bytes, "document")
        library = _native.lib()
        pipeline = self._pointer()
        doc = ctypes.c_void_p()
        if id is None and format is None and date is None:
            status = library.tifa_pipeline_process(ctypes.byref(doc), pipeline, data, len(data))
        else:
            status = library.tifa_pipeline_process_with(
                ctypes.byref(doc), pipeline, data, len(data), _native.c_string(id),
                _native.c_string(format), _native.c_string(date))
        _native.check(status)
        return _doc_json(doc.value).decode("utf-8")

    def process_many(self, documents, threads=0, batch_size=256, errors="raise"):
        """Processes many documents and returns a list of dicts, in input order.

        `documents`: an iterable of str or bytes. They go to the library in batches of
        `batch_size` documents per call (tifa_pipeline_process_batch), each batch processed on
        `threads` native threads (0: all cores) while the GIL is released.
        `errors`: "raise" raises the TifaError of the first document that fails (after the rest
        of its batch is done); "return" puts ``{"error": {"code", "status", "message"}}`` in
        its place and goes on.
        """
        return list(self.iter_process(documents, threads=threads, batch_size=batch_size,
                                      errors=errors))

    def iter_process(self, documents, threads=0, batch_size=256, errors="raise"):
        """As :meth:`process_many`, but yields the documents one by one, a batch at a time, so
        that a corpus of any size streams through in bounded memory."""
        if errors not in ("raise", "return"):
            raise ValueError('errors must be "raise" or "return", not %r' % (errors,))
        if int(threads) < 0:
            raise ValueError("threads must be >= 0")
        if int(batch_size) < 1:
            raise ValueError("batch_size must be >= 1")
        batch = []
        for document in documents:
            batch.append(_native.to_bytes(document, "document"))
            if len(batch) >= batch_size:
                yield from self._process_batch(batch, int(threads), errors)
                batch = []
        if batch:
            yield from self._process_batch(batch, int(threads), errors)

    def split_sentences(self, text):
        """Splits text as given (no cleaning) into sentences.

        Returns a list of ``{"start", "end", "char_start", "char_end", "text"}`` as
        `tifa sentences` prints them: ``start``/``end`` are UTF-8 byte offsets and
        ``char_start``/``char_end`` code-point offsets into `text`, and
        ``text[s["char_start"]:s["char_end"]] == s["text"]``.
        """
        doc = self._run_on_text("tifa_pipeline_split", text)
        clean = doc["text"]
        return [
            {"start": s["start"], "end": s["end"], "char_start": s["char_start"],
             "char_end": s["char_end"], "text": clean[s["char_start"]:s["char_end"]]}
            for s in doc["sentences"]
        ]

    def find_slogans(self, text):
        """Recognises slogans in text as given (no cleaning).

        Returns the list of mention dicts (spec/interfaces.md §3 ``mentions``), with UTF-8 byte
        offsets ``start``/``end`` and code-point offsets ``char_start``/``char_end`` into `text`.
        """
        return self._run_on_text("tifa_pipeline_find_slogans", text)["mentions"]

    def find_slogans_doc(self, text):
        """As :meth:`find_slogans`, but returns the whole document dict: ``mentions``,
        ``sentences`` and ``counts`` (per-slogan counts and the lexicon's SHA-256)."""
        return self._run_on_text("tifa_pipeline_find_slogans", text)

    # -- pickling -------------------------------------------------------------------------------

    def __getstate__(self):
        return {"lexicon": self._lexicon, "options": self._options}

    def __setstate__(self, state):
        self._lexicon = state["lexicon"]
        self._options = dict(state["options"])
        self._lock = threading.Lock()
        self._handle = None  # rebuilt on first use in this process

    # -- internals ------------------------------------------------------------------------------

    def _pointer(self):
        """The native tifa_pipeline *, built on first use (and after unpickling).

        Pipelines unpickled in one process from the same lexicon and options share one native
        pipeline (they are immutable), so that a worker that receives the same pickled pipeline
        with every task builds it once.
        """
        handle = self._handle
        if handle is None:
            with self._lock:
                if self._handle is None:
                    key = (self._lexicon.sha256 if self._lexicon is not None else None,
                           tuple(sorted(self._options.items())))
                    with _handles_lock:
                        shared = _handles.get(key)
                    if shared is None:
                        shared = self._build()
                        with _handles_lock:
                            shared = _handles.setdefault(key, shared)
                    self._handle = shared
                handle = self._handle
        return handle.pointer

    def _build(self):
        library = _native.lib()
        config = ctypes.c_void_p()
        _native.check(library.tifa_config_new(ctypes.byref(config)))
        config = Handle(config.value, library.tifa_config_free)
        try:
            for key, value in self._options.items():
                _native.check(library.tifa_config_set(config.pointer, _native.c_string(key),
                                                      _native.c_string(value)))
            lexicon = self._lexicon._pointer() if self._lexicon is not None else None
            out = ctypes.c_void_p()
            _native.check(library.tifa_pipeline_new(ctypes.byref(out), lexicon, config.pointer))
            return Handle(out.value, library.tifa_pipeline_free)
        finally:
            config.close()

    def _run_on_text(self, function_name, text):
        data = _native.to_bytes(text)
        library = _native.lib()
        doc = ctypes.c_void_p()
        _native.check(getattr(library, function_name)(ctypes.byref(doc), self._pointer(), data,
                                                      len(data)))
        return json.loads(_doc_json(doc.value))

    def _process_batch(self, batch, threads, errors):
        """One crossing: every document of `batch` (a list of bytes) processed natively."""
        library = _native.lib()
        count = len(batch)
        data = (ctypes.c_char_p * count)(*batch)
        lengths = (ctypes.c_size_t * count)(*[len(item) for item in batch])
        outputs = (ctypes.c_void_p * count)()
        statuses = (ctypes.c_int * count)()
        pipeline = self._pointer()
        _native.check(library.tifa_pipeline_process_batch(pipeline, count, data, lengths,
                                                          outputs, statuses, threads))
        texts = []
        try:
            for index in range(count):
                pointer, outputs[index] = outputs[index], None
                texts.append(_native.take_string(pointer))
        finally:
            for index in range(count):  # free what is left if copying failed half-way
                if outputs[index]:
                    library.tifa_string_free(outputs[index])
        results = []
        for index, text in enumerate(texts):
            if statuses[index] == _native.OK and text is not None:
                results.append(json.loads(text))
                continue
            # The batch reports only a status; process the document alone for the message.
            try:
                results.append(self.process(batch[index]))
            except TifaError as error:
                if errors == "raise":
                    raise
                results.append({"error": {"code": error.code, "status": error.status,
                                          "message": error.message}})
        return results


# The native pipelines of this process by (lexicon SHA-256, options); an entry lives as long as a
# Pipeline uses it.
_handles = weakref.WeakValueDictionary()
_handles_lock = threading.Lock()


def _doc_json(doc_pointer):
    """The JSON (bytes) of a native document, which is freed."""
    library = _native.lib()
    doc = Handle(doc_pointer, library.tifa_doc_free)
    try:
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _native.check(library.tifa_doc_to_json(ctypes.byref(out), ctypes.byref(length),
                                               doc.pointer))
        return _native.take_string(out.value, length.value)
    finally:
        doc.close()


# Pipelines for the module-level helpers, by (lexicon SHA-256, options); a few are kept.
_CACHE_SIZE = 8
_cache = collections.OrderedDict()
_cache_lock = threading.Lock()


def _shared_pipeline(lexicon, options):
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        lexicon = Lexicon.from_file(lexicon)
    normalised = tuple(sorted((key, option_value(key, value))
                              for key, value in options.items() if value is not None))
    key = (lexicon.sha256 if lexicon is not None else None, normalised)
    with _cache_lock:
        pipeline = _cache.get(key)
        if pipeline is not None:
            _cache.move_to_end(key)
            return pipeline
    pipeline = Pipeline(lexicon, **dict(normalised))
    with _cache_lock:
        _cache[key] = pipeline
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return pipeline


def split_sentences(text, **options):
    """Splits text as given (no cleaning) into sentences: a list of
    ``{"start", "end", "char_start", "char_end", "text"}`` (bytes and code points into `text`).

    `options` are pipeline options, e.g. ``split_on_semicolon=True``. See
    :meth:`Pipeline.split_sentences`.
    """
    return _shared_pipeline(None, options).split_sentences(text)


def find_slogans(text, lexicon=None, **options):
    """Recognises slogans in text as given (no cleaning): a list of mention dicts with byte
    (``start``/``end``) and code-point (``char_start``/``char_end``) offsets into `text`.

    `lexicon`: a Lexicon, a path, or None for the built-in one; `options` are pipeline options,
    e.g. ``min_confidence="high"``, ``discovery=False``. See :meth:`Pipeline.find_slogans`.
    """
    return _shared_pipeline(lexicon, options).find_slogans(text)
