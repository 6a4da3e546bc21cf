"""Made bytes kept on disk by what they were made from (page images, page PDFs).

Rendering a page image (~0.1 s) or splitting the digital PDF gives the same bytes
for the same digital PDF with the same libraries, so a rebuild reads them back. The
key is a sha256 over every input and version (like images/cache.py); each entry
starts with the sha256 of its data, so a torn or foreign file is made again, never
served. A store without a root keeps entries in memory only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from xhprint.atomicfile import write_atomic

_DIGEST_LEN = 64


def key_of(*parts: object) -> str:
    """The entry name for these inputs (each part by its repr)."""
    return hashlib.sha256("\x1f".join(repr(p) for p in parts).encode("utf-8")).hexdigest()


class BlobStore:
    """Bytes under `root`/site/ab/abcd…, and in memory for the life of the object."""

    def __init__(self, root: Path | None):
        self.root = root / "site" if root is not None else None
        self._memory: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path | None:
        return self.root / key[:2] / key if self.root is not None else None

    def get(self, key: str) -> bytes | None:
        if key in self._memory:
            return self._memory[key]
        path = self._path(key)
        if path is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        digest, data = raw[:_DIGEST_LEN], raw[_DIGEST_LEN:]
        if hashlib.sha256(data).hexdigest().encode("ascii") != digest:
            return None
        self._memory[key] = data
        return data

    def put(self, key: str, data: bytes) -> None:
        self._memory[key] = data
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, hashlib.sha256(data).hexdigest().encode("ascii") + data)
        except OSError:
            pass  # a read-only cache only costs time

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        found = self.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        data = make()
        self.put(key, data)
        return data
