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


def pypdf_version() -> str:
    """pypdf's `__version__`, from its `_version.py` (imported only if that cannot be read)."""
    spec = importlib.util.find_spec("pypdf")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            found = _VERSION.search((Path(folder) / "_version.py").read_text("utf-8"))
        except OSError:
            continue
        if found:
            return found.group(1)
    from pypdf import __version__

    return __version__
