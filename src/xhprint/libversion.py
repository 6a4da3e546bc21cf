"""Library versions for store keys, read without importing the library.

A store key names the library that made a value by its version (store.py). Importing
pypdf to read `pypdf.__version__` costs ~56 ms (it pulls in `cryptography`), more than a
warm build that never opens a PDF spends on anything else; its `_version.py` says the same.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def library_version(package: str, file: str = "__init__.py") -> str | None:
    """`package`'s `__version__` as written in its `file`, read without importing it;
    None when the package or the line is not there."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            found = _VERSION.search((Path(folder) / file).read_text("utf-8", errors="replace"))
        except OSError:
            continue
        if found:
            return found.group(1)
    return None


def pypdf_version() -> str:
    """pypdf's `__version__`, from its `_version.py` (imported only if that cannot be read)."""
    found = library_version("pypdf", "_version.py")
    if found is not None:
        return found
    from pypdf import __version__

    return __version__


def fonttools_version() -> str:
    """fontTools' `__version__`, from its `__init__.py` (imported only if that cannot be
    read: importing it sets up its logging and configuration, ~1 ms)."""
    found = library_version("fontTools")
    if found is not None:
        return found
    from fontTools import version

    return str(version)
