"""Prepared photos, photo and PDF advert probes, kept in the store by content and parameters.

Colour conversion, ink limiting and JPEG encoding take ~0.2 s per photo and give the
same bytes for the same inputs (images/prepare.py is pure), so a rebuild only reads
the result back. The recipe has the source file's content digest (not its path or
mtime: a photo copied under another name hits), every parameter (a file parameter such
as the output ICC profile by its digest) and Pillow's version; the space's version
(`CACHE_VERSION`) changes with what prepare.py produces. Storage, checks and the error
policy are the store's (store.py).

An `ImageCache` remembers file digests by (path, mtime_ns, size) for its life (a watch
process keeps one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xhprint.images import adverts
from xhprint.images.adverts import AdvertInfo, probe_advert
from xhprint.images.prepare import PreparedImage
from xhprint.images.probe import PIXEL_LIMIT, ImageInfo, probe_image
from xhprint.libversion import pypdf_version
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef
from xhprint.store import Store, file_digest, open_store

#: bump when images/prepare.py (or probe.py) changes what it produces for the same inputs
CACHE_VERSION = 3  # 3: in the store; 2: ink limit measured on the encoded JPEG
#: bump when images/adverts.py's AdvertInfo changes shape (its source is in the key as well)
ADVERT_PROBE_VERSION = 1


class ImageCache:
    """Prepared images and probes in the store's `images`, `probe` and `adprobe` spaces."""

    def __init__(self, store: Store | Path | None):
        self.store = open_store(store)
        self._prepared = self.store.space("images", CACHE_VERSION)
        self._probes = self.store.space("probe", CACHE_VERSION)
        self._advert_probes = self.store.space("adprobe", ADVERT_PROBE_VERSION)
        self._digests: dict[tuple[str, int, int], str] = {}

    @property
    def hits(self) -> int:
        return self._prepared.hits

    @property
    def misses(self) -> int:
        return self._prepared.misses

    def file_digest(self, path: Path) -> str:
        """sha256 of the file's bytes, re-read only when its mtime or size change."""
        st = os.stat(path)
        key = (str(path), st.st_mtime_ns, st.st_size)
        digest = self._digests.get(key)
        if digest is None:
            digest = self._digests[key] = file_digest(path)
        return digest

    def get_or_make(self, kind: str, path: Path, params: tuple[Any, ...],
                    make: Callable[[], PreparedImage]) -> PreparedImage:
        from PIL import __version__ as pillow_version

        # a profile (or any file parameter) counts by content, not by name
        recipe = tuple(self.file_digest(p) if isinstance(p, Path) else p for p in params)
        key = self._prepared.key(pillow_version, kind, self.file_digest(Path(path)), recipe)
        return _unpack(self._prepared.get_or_make(key, lambda: _pack(make())))

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
        key = self._probes.key(pillow_version, digest, PIXEL_LIMIT)
        found = self._probes.get(key)
        if found is not None:
            try:
                meta = json.loads(found)
                return ImageInfo(int(meta["width"]), int(meta["height"]), str(meta["mode"]),
                                 bool(meta["has_icc"]), str(meta["format"]),
                                 int(meta["orientation"]))
            except (ValueError, KeyError, TypeError):
                pass  # an entry of another shape: probe again
        info = probe_image(path, rel, ref)
        if isinstance(info, ImageInfo):  # failures are reported again every time
            self._probes.put(key, json.dumps({
                "width": info.width, "height": info.height, "mode": info.mode,
                "has_icc": info.has_icc, "format": info.format,
                "orientation": info.orientation}).encode("utf-8"))
        return info

    def probe_advert(self, path: Path, rel: str, ref: SourceRef | None) -> AdvertInfo | Finding:
        """`adverts.probe_advert`, with a PDF advert's size kept on disk by file content.

        Probing a PDF advert opens it with pypdf and tokenises its first page; the answer
        is a function of the file's bytes, the probe's code and pypdf's version, all in
        the key, so a warm build does not open the file. Failures are never kept.
        """
        try:
            digest = self.file_digest(Path(path))
            code = file_digest(Path(adverts.__file__))
        except OSError:
            return probe_advert(path, rel, ref)  # reports the missing file
        key = self._advert_probes.key(pypdf_version(), code, digest)
        found = self._advert_probes.get(key)
        if found is not None:
            try:
                m = json.loads(found)
                x0, y0, x1, y1 = (float(v) for v in m["box"])
                return AdvertInfo("pdf", float(m["width"]), float(m["height"]),
                                  (x0, y0, x1, y1), int(m["rotate"]))
            except (ValueError, KeyError, TypeError):
                pass  # an entry of another shape: probe again
        info = probe_advert(path, rel, ref)
        if isinstance(info, AdvertInfo) and info.kind == "pdf" and info.box is not None:
            self._advert_probes.put(key, json.dumps({
                "width": info.width, "height": info.height, "box": list(info.box),
                "rotate": info.rotate}).encode("utf-8"))
        return info


def _pack(image: PreparedImage) -> bytes:
    """A prepared image as one entry: a JSON line of its properties, then the JPEG."""
    meta = {"width": image.width, "height": image.height, "mode": image.mode,
            "adobe_inverted": image.adobe_inverted}
    return json.dumps(meta, sort_keys=True).encode("utf-8") + b"\n" + image.data


def _unpack(entry: bytes) -> PreparedImage:
    line, _nl, data = entry.partition(b"\n")
    meta = json.loads(line)
    return PreparedImage(data, int(meta["width"]), int(meta["height"]), str(meta["mode"]),
                         bool(meta["adobe_inverted"]))
