"""One disk store for everything a build may reuse (issue 16): prepared photos, probes,
font metrics and subsets, preflight parses, QR symbols, word breaks, message catalogues,
website images.

Each cache is a *space* of the store: a name and a format version. An entry's key is
the sha256 of the space, its version and the *recipe* — every input the value depends
on, named in order (a file counts by its content digest, a library by its version) — so
a changed input or a changed producer misses instead of serving a stale value. Entries
live in ROOT/<space>/v<version>/<key[:2]>/<key>, each file a 64-character sha256 of its
payload, a newline, then the payload: a torn or tampered entry fails its check and is
made again.

One error policy: the store only ever costs time. An unreadable folder, a corrupt entry,
a full or read-only disk is a miss; a write that fails is dropped. The store keeps
itself under `max_bytes`: `trim()` (run after each build) deletes the least recently
used entries (a hit touches its file). A space also memoises in memory, for a watch or
serve process that builds again and again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from xhprint.atomicfile import write_atomic

DEFAULT_MAX_BYTES = 2 * 1024**3  # 2 GiB: a year of weekly issues' photos and fonts
TRIM_TO = 0.8  # trimming goes below the cap, so the next builds do not trim again
TOUCH_AFTER_S = 86400  # an entry used again is marked as recent at most daily
MEMORY_BYTES = 256 * 1024**2  # per space, for a long-running watch or serve process
_HEADER = 65  # sha256 hex + newline


def recipe_key(*parts: object) -> str:
    """The sha256 of the parts' reprs, in order (a part is a str, number, tuple, …)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes (a file in a recipe counts by content, not by name)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_digest(paths: Iterable[Path]) -> str | None:
    """The sha256 of our own source files, for the recipe of a value our code makes: a
    folder counts as its *.py files (sorted), each file by name and content, in the order
    given. None when one cannot be read (a value made by code we cannot name is not kept)."""
    h = hashlib.sha256()
    try:
        for path in paths:
            for f in sorted(path.glob("*.py")) if path.is_dir() else [path]:
                h.update(f.name.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    except OSError:
        return None
    return h.hexdigest()


def open_store(where: Store | Path | None) -> Store:
    """`where` as a store: a Store as it is, a folder opened as one (tests, tools)."""
    return where if isinstance(where, Store) else Store(where)


class Store:
    """The cache folder (None: memory only, nothing on disk)."""

    def __init__(self, root: Path | None, max_bytes: int = DEFAULT_MAX_BYTES):
        self.root = root
        self.max_bytes = max_bytes
        self.written = 0  # bytes this process added on disk (trim only when > 0)
        self._spaces: dict[tuple[str, int], Space] = {}

    def space(self, name: str, version: int) -> Space:
        """The space `name` at format `version` (one object per process and store)."""
        key = (name, version)
        if key not in self._spaces:
            folder = self.root / name / f"v{version}" if self.root is not None else None
            self._spaces[key] = Space(name, version, folder, self)
        return self._spaces[key]

    def tidy(self) -> int:
        """`trim`, when this process wrote anything (a warm build never walks the folder)."""
        if not self.written:
            return 0
        self.written = 0
        return self.trim()

    def trim(self) -> int:
        """Delete least recently used entries until the store is under `TRIM_TO` of its
        cap (when it is over the cap); returns the bytes removed."""
        if self.root is None:
            return 0
        entries = _entries(self.root)
        total = sum(entry.size for entry in entries)
        if total <= self.max_bytes:
            return 0
        removed = 0
        for entry in sorted(entries):
            if total - removed <= self.max_bytes * TRIM_TO:
                break
            removed += _remove(entry)
        return removed


class _Entry(NamedTuple):
    """A file of the store; entries sort oldest first (mtime, then size, then path)."""

    mtime: float
    size: int
    path: Path


def _entries(root: Path) -> list[_Entry]:
    """Every file under `root` with its mtime and size; [] when the folder cannot be read
    (a file that vanishes meanwhile is left out)."""
    entries: list[_Entry] = []
    try:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                entries.append(_Entry(st.st_mtime, st.st_size, path))
    except OSError:
        return []
    return entries


def _remove(entry: _Entry) -> int:
    """Delete an entry's file; the bytes freed (0 when it could not be deleted)."""
    try:
        entry.path.unlink()
    except OSError:
        return 0
    return entry.size


class Space:
    """One cache of the store: entries by key, checked on read, memoised in memory."""

    def __init__(self, name: str, version: int, folder: Path | None,
                 store: Store | None = None):
        self.name = name
        self._store = store
        self.version = version
        self.folder = folder
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._memory_bytes = 0
        self.hits = 0
        self.misses = 0

    def key(self, *recipe: object) -> str:
        """The key of the value made from `recipe` (space and version included)."""
        return recipe_key(self.name, self.version, *recipe)

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / key if self.folder is not None else None

    def get(self, key: str) -> bytes | None:
        """The entry's payload, or None (absent, unreadable or failing its check)."""
        found = self._memory.get(key)
        if found is not None:
            self._memory.move_to_end(key)
            return found
        path = self._path(key)
        if path is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        digest, data = raw[:_HEADER - 1], raw[_HEADER:]
        if len(raw) < _HEADER or hashlib.sha256(data).hexdigest().encode("ascii") != digest:
            return None
        try:  # recently used: trim keeps it (touched at most once a day)
            if path.stat().st_mtime < time.time() - TOUCH_AFTER_S:
                os.utime(path)
        except OSError:
            pass
        self._remember(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key` (in memory, and on disk when that works)."""
        self._remember(key, data)
        path = self._path(key)
        if path is None:
            return
        try:
            write_atomic(path, hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)
        except OSError:
            return  # a full or read-only cache only costs time
        if self._store is not None:
            self._store.written += _HEADER + len(data)

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        found = self.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        data = make()
        self.put(key, data)
        return data

    def _remember(self, key: str, data: bytes) -> None:
        if key in self._memory:
            return
        self._memory[key] = data
        self._memory_bytes += len(data)
        while self._memory_bytes > MEMORY_BYTES and len(self._memory) > 1:
            _old, dropped = self._memory.popitem(last=False)
            self._memory_bytes -= len(dropped)
