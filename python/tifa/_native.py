"""Loading libtifa and declaring the C functions the package calls (capi/tifa.h).

The library is found, in order:

1. the path in the environment variable ``TIFA_LIBRARY`` (when set, nothing else is tried);
2. a copy next to the package: ``libtifa.so.1`` (or ``libtifa.so``, ``libtifa.1.dylib``,
   ``tifa.dll``) in the ``tifa`` package directory or the directory that holds it;
3. the system loader: ``libtifa.so.1`` through the usual search path (``LD_LIBRARY_PATH``,
   ``ld.so.cache``), then whatever ``ctypes.util.find_library("tifa")`` finds.

The library is loaded with :class:`ctypes.CDLL`, so every call releases the GIL while it runs in C.
Loading happens on first use, not at import, so ``import tifa`` never fails for lack of the library.
"""

import ctypes
import ctypes.util
import os
import sys
import threading

__all__ = ["TifaError", "Handle", "lib", "library_path", "check", "error", "to_bytes", "c_string",
           "take_string"]

# Status codes of capi/tifa.h. The values never change.
OK = 0
E_INVALID_ARG = -1
E_UTF8 = -2
E_ENCODING = -3
E_NOMEM = -4
E_IO = -5
E_PARSE = -6
E_LIMIT = -7
E_LEXICON = -8
E_INTERNAL = -9


class TifaError(Exception):
    """A failed call into libtifa.

    Attributes:
        code: the negative status code of capi/tifa.h (``TIFA_E_*``), e.g. -1.
        status: its name from ``tifa_status_string()``, e.g. ``"invalid_argument"``.
        message: the detail from ``tifa_last_error()`` (for a lexicon, one diagnostic per line).
    """

    def __init__(self, code, status, message):
        self.code = code
        self.status = status
        self.message = message
        super().__init__(code, status, message)

    def __str__(self):
        if self.message:
            return "%s (%s)" % (self.message, self.status)
        return self.status

    def __reduce__(self):  # keep the attributes when the error crosses a process boundary
        return (TifaError, (self.code, self.status, self.message))


_VOIDP = ctypes.c_void_p
_PVOIDP = ctypes.POINTER(ctypes.c_void_p)
_SIZE = ctypes.c_size_t
_PSIZE = ctypes.POINTER(ctypes.c_size_t)
_CHARP = ctypes.c_char_p
_INT = ctypes.c_int

# name: (restype, argtypes). Handles are opaque pointers (c_void_p); owned strings come back as
# c_void_p too, so that they can be handed to tifa_string_free() unchanged.
_SIGNATURES = {
    "tifa_version": (_INT, []),
    "tifa_version_string": (_CHARP, []),
    "tifa_status_string": (_CHARP, [_INT]),
    "tifa_last_error": (_CHARP, []),
    "tifa_string_free": (None, [_VOIDP]),
    "tifa_lexicon_builtin": (_INT, [_PVOIDP]),
    "tifa_lexicon_from_file": (_INT, [_PVOIDP, _CHARP]),
    "tifa_lexicon_from_buffer": (_INT, [_PVOIDP, _CHARP, _SIZE, _CHARP]),
    "tifa_lexicon_merge": (_INT, [_PVOIDP, _VOIDP, _VOIDP]),
    "tifa_lexicon_size": (_SIZE, [_VOIDP]),
    "tifa_lexicon_sha256": (_CHARP, [_VOIDP]),
    "tifa_lexicon_free": (None, [_VOIDP]),
    "tifa_config_new": (_INT, [_PVOIDP]),
    "tifa_config_set": (_INT, [_VOIDP, _CHARP, _CHARP]),
    "tifa_config_free": (None, [_VOIDP]),
    "tifa_pipeline_new": (_INT, [_PVOIDP, _VOIDP, _VOIDP]),
    "tifa_pipeline_process": (_INT, [_PVOIDP, _VOIDP, _CHARP, _SIZE]),
    "tifa_pipeline_process_with": (_INT, [_PVOIDP, _VOIDP, _CHARP, _SIZE, _CHARP, _CHARP, _CHARP]),
    "tifa_pipeline_split": (_INT, [_PVOIDP, _VOIDP, _CHARP, _SIZE]),
    "tifa_pipeline_find_slogans": (_INT, [_PVOIDP, _VOIDP, _CHARP, _SIZE]),
    "tifa_pipeline_free": (None, [_VOIDP]),
    "tifa_pipeline_process_batch": (
        _INT,
        [_VOIDP, _SIZE, ctypes.POINTER(_CHARP), _PSIZE, _PVOIDP, ctypes.POINTER(_INT),
         ctypes.c_uint],
    ),
    "tifa_doc_free": (None, [_VOIDP]),
    "tifa_doc_to_json": (_INT, [_PVOIDP, _PSIZE, _VOIDP]),
}

_lock = threading.Lock()
_lib = None
_lib_path = None


def _candidates():
    """The (description, path-or-name) pairs to try, in order; see the module docstring."""
    env = os.environ.get("TIFA_LIBRARY")
    if env:
        return [("TIFA_LIBRARY", env)]
    if sys.platform == "darwin":
        names = ["libtifa.1.dylib", "libtifa.dylib"]
    elif sys.platform == "win32":
        names = ["tifa.dll", "libtifa.dll"]
    else:
        names = ["libtifa.so.1", "libtifa.so"]
    here = os.path.dirname(os.path.abspath(__file__))
    found = []
    for directory in (here, os.path.dirname(here)):
        for name in names:
            path = os.path.join(directory, name)
            if os.path.exists(path):
                found.append(("next to the package", path))
    found.append(("system loader", names[0]))
    system = ctypes.util.find_library("tifa")
    if system:
        found.append(("ctypes.util.find_library", system))
    return found


def _load():
    tried = []
    for origin, path in _candidates():
        try:
            library = ctypes.CDLL(path)
        except OSError as error:
            tried.append("%s (%s): %s" % (path, origin, error))
            continue
        for name, (restype, argtypes) in _SIGNATURES.items():
            try:
                function = getattr(library, name)
            except AttributeError:
                raise OSError("%s (%s) has no %s: not a compatible libtifa" % (path, origin, name))
            function.restype = restype
            function.argtypes = argtypes
        return library, path
    raise OSError(
        "tifa: cannot load libtifa. Set TIFA_LIBRARY to the path of libtifa.so.1, put the library "
        "next to the tifa package, or install it where the system loader finds it. Tried:\n  "
        + "\n  ".join(tried)
    )


def lib():
    """The loaded library (a ctypes.CDLL with every signature declared); loads it on first use."""
    global _lib, _lib_path
    if _lib is None:
        with _lock:
            if _lib is None:
                _lib, _lib_path = _load()
    return _lib


def library_path():
    """The path or name the library was loaded from (loads it if needed)."""
    lib()
    return _lib_path


def error(status):
    """A TifaError for a failed status. Call it right after the failing call, on the same thread:
    any other tifa_* call clears the message."""
    library = lib()
    message = library.tifa_last_error() or b""
    name = library.tifa_status_string(status) or b"unknown"
    return TifaError(status, name.decode("ascii", "replace"), message.decode("utf-8", "replace"))


def check(status):
    """Raises TifaError when `status` is not TIFA_OK."""
    if status != OK:
        raise error(status)


def to_bytes(data, what="text"):
    """Text as UTF-8 bytes; bytes-like objects are taken as they are."""
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError("%s must be str or bytes, not %s" % (what, type(data).__name__))


def c_string(value):
    """An optional str argument as NUL-terminated UTF-8 for a `const char *` (None stays NULL)."""
    if value is None:
        return None
    encoded = to_bytes(value)
    if b"\0" in encoded:
        raise ValueError("a NUL character cannot be passed to tifa: %r" % (value,))
    return encoded


def take_string(pointer, length=None):
    """Copies an owned string (char *) out of the library and frees it with tifa_string_free()."""
    if not pointer:
        return None
    try:
        if length is None:
            return ctypes.string_at(pointer)
        return ctypes.string_at(pointer, length)
    finally:
        lib().tifa_string_free(pointer)


class Handle:
    """Owns one native handle and frees it when collected.

    The free function is kept on the object, so that freeing works even while the interpreter
    shuts down and module globals are already gone.
    """

    __slots__ = ("pointer", "_free", "__weakref__")

    def __init__(self, pointer, free):
        self.pointer = pointer
        self._free = free

    def close(self):
        pointer, self.pointer = self.pointer, None
        if pointer:
            self._free(pointer)

    def __del__(self):
        try:
            self.close()
        except Exception:  # never raise from a finaliser
            pass
