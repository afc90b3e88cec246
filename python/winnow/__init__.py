"""Winnow in Python: clean, normalized, segmented, annotated text from messy multilingual
web pages, in-process, through Winnow's C API (libWinnowC.so, loaded with ctypes).

>>> import winnow
>>> with winnow.Pipeline.from_config("stages: [normalize]") as p:
...     p.clean("ＡＢＣ　１２３")
'ABC 123'

``Pipeline.process`` returns what one line of ``winnow run --format jsonl`` holds for a
document: ``{"text": clean text, "winnow": {"annotations": [...], "dropped": [...], ...}}``.
Offsets in it are UTF-8 byte offsets (``start``/``end`` into the clean text,
``original_start``/``original_end`` into the input), end exclusive.

A pipeline is safe to share between threads; the C calls release the GIL, so
``process_batch(texts, threads=N)`` runs on N cores.
"""

from __future__ import annotations

import ctypes
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterable, List, Optional, Union

from . import _library
from ._library import LibraryNotFound, find_library

__all__ = ["Pipeline", "WinnowError", "LibraryNotFound", "find_library", "version",
           "SENTENCES", "TOKENS", "ORIGINAL"]

#: winnow_process flags (winnow.h): add ``winnow.sentences``, ``winnow.tokens``, ``winnow.original``.
SENTENCES = 1
TOKENS = 2
ORIGINAL = 4


class WinnowError(Exception):
    """A failure reported by Winnow: a bad configuration, or a stage failing on a document.

    Attributes:
        message: Winnow's message (names the line, stage or byte offset involved).
        code: ``"usage"``, ``"invalidData"``, ``"cannotOpenInput"``, ``"io"`` or ``"internal"``.
    """

    def __init__(self, message: str, code: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.code = code


def version() -> str:
    """Winnow's version, from the loaded library (e.g. ``"0.1.0"``)."""
    return _library.load().winnow_version().decode()


def _last_error(lib: ctypes.CDLL, fallback: str) -> WinnowError:
    message = lib.winnow_last_error()
    code = lib.winnow_last_error_code()
    return WinnowError(message.decode("utf-8", "replace") if message else fallback,
                       code.decode() if code else None)


def _encode(text: Union[str, bytes]) -> bytes:
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected str or bytes, not {type(text).__name__}")
    # Lone surrogates go through as ill-formed bytes: Winnow makes them U+FFFD and counts them.
    return text.encode("utf-8", "surrogatepass")


def _flags(sentences: bool, tokens: bool, original: bool) -> int:
    return (SENTENCES if sentences else 0) | (TOKENS if tokens else 0) | (ORIGINAL if original else 0)


class Pipeline:
    """A built Winnow pipeline. Create it with :meth:`from_config`; close it (or use
    ``with``) to free it. Safe to use from many threads at once (but not while closing)."""

    def __init__(self, handle: int, lib: ctypes.CDLL, description: str):
        self._handle: Optional[int] = handle
        self._lib = lib
        self.description = description

    @classmethod
    def from_config(cls, text_or_path: Union[str, os.PathLike, None] = None) -> "Pipeline":
        """Builds a pipeline.

        Args:
            text_or_path: None for the default pipeline of ``winnow run`` (normalize →
                boilerplate → segment → entities); a pipeline file's path (``os.PathLike``, or a
                one-line string naming an existing file); or the configuration text itself,
                YAML or JSON (``"stages: [normalize, segment]"``).

        Raises:
            WinnowError: the configuration is not valid (the message names the line).
            OSError: the file cannot be read.
            LibraryNotFound: libWinnowC.so cannot be found or built.
        """
        lib = _library.load()
        path: Optional[str] = None
        if text_or_path is None:
            config = b""
        elif isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path and os.path.isfile(text_or_path)
        ):
            path = os.fspath(text_or_path)
            config = Path(path).read_bytes()
        elif isinstance(text_or_path, str):
            config = text_or_path.encode("utf-8")
        else:
            raise TypeError(f"expected a configuration string or a path, not {type(text_or_path).__name__}")
        error = ctypes.c_void_p()
        handle = lib.winnow_pipeline_new(config, len(config), ctypes.byref(error))
        if not handle:
            message = ctypes.string_at(error.value).decode("utf-8", "replace") if error.value else "invalid configuration"
            lib.winnow_string_free(error)
            code = lib.winnow_last_error_code()
            if path is not None:
                message = message.replace("<configuration>", path, 1)
                if path not in message:
                    message = f"{path}: {message}"
            raise WinnowError(message, code.decode() if code else None)
        return cls(handle, lib, path or ("default" if text_or_path is None else "configuration text"))

    # Lifetime

    def close(self) -> None:
        """Frees the pipeline (idempotent). No call may be running on it."""
        handle, self._handle = self._handle, None
        if handle:
            self._lib.winnow_pipeline_free(handle)

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        state = "closed" if self._handle is None else "open"
        return f"<winnow.Pipeline {self.description} ({state})>"

    def _checked(self) -> int:
        if self._handle is None:
            raise ValueError("the pipeline is closed")
        return self._handle

    # One document

    def _call(self, data: bytes, flags: int, url: Optional[str] = None) -> int:
        if url is None:
            result = self._lib.winnow_process(self._checked(), data, len(data), flags)
        else:
            if not isinstance(url, str):
                raise TypeError(f"url: expected str, not {type(url).__name__}")
            if "\0" in url:
                raise ValueError("url holds a NUL character")
            if not hasattr(self._lib, "winnow_process_url"):
                raise WinnowError("this libWinnowC has no winnow_process_url (built before it): rebuild it")
            result = self._lib.winnow_process_url(self._checked(), data, len(data),
                                                  url.encode("utf-8", "surrogatepass"), flags)
        if not result:
            raise _last_error(self._lib, "winnow_process failed")
        return result

    def process_json(self, text: Union[str, bytes], *, url: Optional[str] = None, sentences: bool = False,
                     tokens: bool = False, original: bool = False) -> str:
        """Like :meth:`process`, but the JSON text itself (one ``winnow run`` output line
        without its newline)."""
        lib = self._lib
        result = self._call(_encode(text), _flags(sentences, tokens, original), url)
        try:
            n = ctypes.c_size_t()
            p = lib.winnow_result_json(result, ctypes.byref(n))
            return ctypes.string_at(p, n.value).decode("utf-8")
        finally:
            lib.winnow_result_free(result)

    def process(self, text: Union[str, bytes], *, url: Optional[str] = None, sentences: bool = False,
                tokens: bool = False, original: bool = False) -> dict:
        """Runs the pipeline on one document.

        Args:
            text: the document (``str``, or UTF-8 ``bytes``; ill-formed bytes become U+FFFD,
                counted in ``winnow.decoding``).
            url: the page's URL, if known (a JSONL document's ``url`` for ``winnow run``):
                the boilerplate stage drops the headline its slug names (``title``) and the
                kept lines above it (``above-title``). Not written to the result.
            sentences, tokens, original: also return ``winnow.sentences``/``tokens``/``original``.

        Returns:
            ``{"text": clean, "winnow": {"annotations": [...], "dropped": [...], ...}}`` —
            the same object as ``winnow run --format jsonl`` writes for the text.

        Raises:
            WinnowError: a stage failed on this document.
        """
        return json.loads(self.process_json(text, url=url, sentences=sentences, tokens=tokens,
                                            original=original))

    def clean(self, text: Union[str, bytes], url: Optional[str] = None) -> str:
        """The clean text of one document (``process(text, url=url)["text"]``, without building
        the dict).

        Raises:
            WinnowError: a stage failed on this document.
        """
        lib = self._lib
        result = self._call(_encode(text), 0, url)
        try:
            n = ctypes.c_size_t()
            p = lib.winnow_result_text(result, ctypes.byref(n))
            return ctypes.string_at(p, n.value).decode("utf-8")
        finally:
            lib.winnow_result_free(result)

    # Many documents

    def _map(self, fn, texts: Iterable[Union[str, bytes]], threads: Optional[int], errors: str) -> list:
        if errors not in ("raise", "keep"):
            raise ValueError("errors must be 'raise' or 'keep'")
        items = list(texts)
        threads = max(1, min(threads or (os.cpu_count() or 1), len(items) or 1))

        def run(chunk: List[Union[str, bytes]]) -> list:
            out = []
            for t in chunk:
                try:
                    out.append(fn(t))
                except WinnowError as e:
                    if errors == "raise":
                        raise
                    out.append(e)
            return out

        if threads == 1:
            return run(items)
        size = (len(items) + threads - 1) // threads
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            results: list = []
            for part in pool.map(run, chunks):
                results.extend(part)
        return results

    def process_batch(self, texts: Iterable[Union[str, bytes]], *, threads: Optional[int] = None,
                      errors: str = "raise", sentences: bool = False, tokens: bool = False,
                      original: bool = False) -> List[Any]:
        """:meth:`process` on many documents, in order, on ``threads`` threads (default: all
        cores; the C calls run without the GIL).

        Args:
            errors: ``"raise"`` (the first failure raises :class:`WinnowError`) or
                ``"keep"`` (a failed document's slot holds its :class:`WinnowError`).

        Returns:
            One result dict per text (or a :class:`WinnowError` with ``errors="keep"``).
        """
        return self._map(lambda t: self.process(t, sentences=sentences, tokens=tokens, original=original),
                         texts, threads, errors)

    def clean_batch(self, texts: Iterable[Union[str, bytes]], *, threads: Optional[int] = None,
                    errors: str = "raise") -> List[Any]:
        """:meth:`clean` on many documents, in order, on ``threads`` threads."""
        return self._map(self.clean, texts, threads, errors)
