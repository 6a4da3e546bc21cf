"""A disk cache of prepared photos, keyed by (file sha256, preparation parameters).

Colour conversion, ink limiting and JPEG encoding take ~0.2 s per photo and give the
same bytes for the same inputs (images/prepare.py is pure), so a rebuild only reads
the result back. The key includes the source file's content digest (not its path or
mtime: a photo copied under another name hits), every parameter, the output ICC
profile's digest and `CACHE_VERSION` with Pillow's version, so any change to the
inputs or to the code that prepares them misses instead of serving stale pixels.

An `ImageCache` also memoises in memory for the life of the object (a `--watch`
process keeps one), and remembers file digests by (path, mtime_ns, size).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xhprint.atomicfile import write_atomic
from xhprint.images.prepare import PreparedImage
from xhprint.images.probe import PIXEL_LIMIT, ImageInfo, probe_image
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

#: bump when images/prepare.py (or probe.py) changes what it produces for the same inputs
CACHE_VERSION = 2  # 2: ink limit measured on the encoded JPEG (images/coverage.py)


def _digest_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class ImageCache:
    """Prepared images on disk under `root` (None: memory only) and in memory."""

    def __init__(self, root: Path | None):
        self.root = root
        self._memory: dict[str, PreparedImage] = {}
        self._digests: dict[tuple[str, int, int], str] = {}
        self.hits = 0
        self.misses = 0

    def file_digest(self, path: Path) -> str:
        """sha256 of the file's bytes, re-read only when its mtime or size change."""
        st = os.stat(path)
        key = (str(path), st.st_mtime_ns, st.st_size)
        digest = self._digests.get(key)
        if digest is None:
            digest = self._digests[key] = _digest_file(path)
        return digest

    def _key(self, kind: str, path: Path, params: tuple[Any, ...]) -> str:
        from PIL import __version__ as pillow_version

        parts = [f"v{CACHE_VERSION}", pillow_version, kind, self.file_digest(Path(path))]
        for p in params:
            # a profile (or any file parameter) counts by content, not by name
            parts.append(self.file_digest(p) if isinstance(p, Path) else repr(p))
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def get_or_make(self, kind: str, path: Path, params: tuple[Any, ...],
                    make: Callable[[], PreparedImage]) -> PreparedImage:
        key = self._key(kind, path, params)
        found = self._memory.get(key) or self._read(key)
        if found is not None:
            self.hits += 1
            self._memory[key] = found
            return found
        self.misses += 1
        made = make()
        self._memory[key] = made
        self._write(key, made)
        return made

    def wrap(self, kind: str, prepare: Callable[..., PreparedImage]) -> Callable[..., PreparedImage]:
        """`prepare(path, *params)` with results served from the cache."""

        def cached(path: Path, *params: Any) -> PreparedImage:
            return self.get_or_make(kind, path, params, lambda: prepare(path, *params))

        return cached

    def probe(self, path: Path, rel: str, ref: SourceRef | None) -> ImageInfo | Finding:
        """`probe.probe_image`, with successful results kept on disk by file content.

        A probe decodes the whole photo to catch truncated files (~10 ms each); the
        same bytes under the same Pillow version and pixel limit decode the same way
        again, so a warm build reads the answer back. Failures are never kept: they are
        probed (and reported) again every time.
        """
        from PIL import __version__ as pillow_version

        try:
            digest = self.file_digest(Path(path))
        except OSError:
            return probe_image(path, rel, ref)  # reports the missing file
        parts = [f"v{CACHE_VERSION}", pillow_version, "probe", digest, repr(PIXEL_LIMIT)]
        key = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        entry = self.root / "images" / "probe" / f"{key}.json" if self.root else None
        if entry is not None:
            try:
                meta = json.loads(entry.read_text("utf-8"))
                return ImageInfo(int(meta["width"]), int(meta["height"]), str(meta["mode"]),
                                 bool(meta["has_icc"]), str(meta["format"]),
                                 int(meta["orientation"]))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # absent or torn: probe again
        info = probe_image(path, rel, ref)
        if entry is not None and isinstance(info, ImageInfo):
            meta = {"width": info.width, "height": info.height, "mode": info.mode,
                    "has_icc": info.has_icc, "format": info.format,
                    "orientation": info.orientation}
            try:
                entry.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(entry, json.dumps(meta).encode("utf-8"))
            except OSError:
                pass  # a read-only cache only costs time
        return info

    def _files(self, key: str) -> tuple[Path, Path] | None:
        if self.root is None:
            return None
        folder = self.root / "images" / key[:2]
        return folder / f"{key}.jpg", folder / f"{key}.json"

    def _read(self, key: str) -> PreparedImage | None:
        files = self._files(key)
        if files is None:
            return None
        data_path, meta_path = files
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            data = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None  # a torn or tampered entry: prepare again
        return PreparedImage(data, int(meta["width"]), int(meta["height"]), str(meta["mode"]),
                             bool(meta["adobe_inverted"]))

    def _write(self, key: str, image: PreparedImage) -> None:
        files = self._files(key)
        if files is None:
            return
        data_path, meta_path = files
        meta = {"sha256": hashlib.sha256(image.data).hexdigest(), "width": image.width,
                "height": image.height, "mode": image.mode,
                "adobe_inverted": image.adobe_inverted}
        try:
            data_path.parent.mkdir(parents=True, exist_ok=True)
            # data first, metadata last, each via rename: a reader never sees a half entry
            write_atomic(data_path, image.data)
            write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError:
            pass  # a read-only cache only costs time


