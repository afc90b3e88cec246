"""Finding and loading libWinnowC.so (Winnow's C API) with ctypes.

Search order:

1. ``WINNOW_LIB``: the path of the library file (or of the directory holding it).
2. The Winnow checkout this package was installed from (recorded at install time in
   ``_repo.py``), or the checkout around this file when run from the source tree:
   ``.build/release/libWinnowC.so``, then ``.build/debug/libWinnowC.so``.
3. If that checkout has no built library: ``swift build -c release --product WinnowC``
   in it (once; about a minute), then step 2 again.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Optional

LIBRARY_NAME = "libWinnowC.dylib" if sys.platform == "darwin" else "libWinnowC.so"
PRODUCT = "WinnowC"

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None


class LibraryNotFound(RuntimeError):
    """The C library could not be found or built (the message says where it looked)."""


def repository() -> Optional[Path]:
    """The Winnow checkout (a folder with Package.swift and Sources/WinnowCAPI), or None."""
    candidates = []
    try:
        from . import _repo  # written by setup.py at install time

        candidates.append(Path(_repo.REPO))
    except ImportError:
        pass
    candidates.append(Path(__file__).resolve().parent.parent.parent)
    for c in candidates:
        if (c / "Package.swift").is_file() and (c / "Sources" / "WinnowCAPI").is_dir():
            return c
    return None


def built_libraries(repo: Path) -> list[Path]:
    """The built libraries in a checkout, release first."""
    return [p for p in (repo / ".build" / c / LIBRARY_NAME for c in ("release", "debug")) if p.is_file()]


def find_library(build: bool = True) -> Path:
    """The path of libWinnowC (building it in the checkout when allowed and needed).

    Raises:
        LibraryNotFound: nothing found, with what was tried and how to fix it.
    """
    env = os.environ.get("WINNOW_LIB")
    if env:
        p = Path(env)
        if p.is_dir():
            p = p / LIBRARY_NAME
        if not p.is_file():
            raise LibraryNotFound(f"WINNOW_LIB={env}: no such library file ({LIBRARY_NAME})")
        return p
    repo = repository()
    if repo is None:
        raise LibraryNotFound(
            f"{LIBRARY_NAME} not found: set WINNOW_LIB to its path (build it in a Winnow "
            f"checkout with `swift build -c release --product {PRODUCT}`)"
        )
    found = built_libraries(repo)
    if found:
        return found[0]
    if not build:
        raise LibraryNotFound(f"{LIBRARY_NAME} not built in {repo}/.build (run `swift build -c release --product {PRODUCT}`)")
    print(f"winnow: building {LIBRARY_NAME} in {repo} (swift build -c release --product {PRODUCT})", file=sys.stderr)
    try:
        subprocess.run(["swift", "build", "-c", "release", "--product", PRODUCT], cwd=repo, check=True,
                       stdout=sys.stderr)
    except (OSError, subprocess.CalledProcessError) as e:
        raise LibraryNotFound(f"could not build {LIBRARY_NAME} in {repo}: {e}") from e
    found = built_libraries(repo)
    if not found:
        raise LibraryNotFound(f"`swift build` in {repo} did not produce {LIBRARY_NAME}")
    return found[0]


def load() -> ctypes.CDLL:
    """Loads the library once and declares the functions of winnow.h."""
    global _lib
    with _lock:
        if _lib is not None:
            return _lib
        lib = ctypes.CDLL(str(find_library()))
        c_size_p = ctypes.POINTER(ctypes.c_size_t)
        pipeline_p = ctypes.c_void_p
        result_p = ctypes.c_void_p
        lib.winnow_version.argtypes = []
        lib.winnow_version.restype = ctypes.c_char_p
        lib.winnow_pipeline_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)]
        lib.winnow_pipeline_new.restype = pipeline_p
        lib.winnow_pipeline_free.argtypes = [pipeline_p]
        lib.winnow_pipeline_free.restype = None
        lib.winnow_process.argtypes = [pipeline_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32]
        lib.winnow_process.restype = result_p
        try:
            lib.winnow_process_url.argtypes = [pipeline_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                               ctypes.c_uint32]
            lib.winnow_process_url.restype = result_p
        except AttributeError:
            pass  # a library built before winnow_process_url: calls with a url say so
        lib.winnow_result_text.argtypes = [result_p, c_size_p]
        lib.winnow_result_text.restype = ctypes.c_void_p
        lib.winnow_result_json.argtypes = [result_p, c_size_p]
        lib.winnow_result_json.restype = ctypes.c_void_p
        lib.winnow_result_free.argtypes = [result_p]
        lib.winnow_result_free.restype = None
        lib.winnow_last_error.argtypes = []
        lib.winnow_last_error.restype = ctypes.c_char_p
        lib.winnow_last_error_code.argtypes = []
        lib.winnow_last_error_code.restype = ctypes.c_char_p
        lib.winnow_string_free.argtypes = [ctypes.c_void_p]
        lib.winnow_string_free.restype = None
        _lib = lib
        return lib
