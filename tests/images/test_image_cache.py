"""The prepared-photo cache: keyed by content and parameters, safe against torn entries."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PIL import Image

from xhprint.images.cache import ImageCache
from xhprint.images.prepare import PreparedImage, prepare_digital_image


def photo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (64, 48), colour).save(path, quality=90)
    return path


def counting(calls: list[tuple]):
    def prepare(path: Path, *params) -> PreparedImage:
        calls.append((path, params))
        return prepare_digital_image(path, *params)

    return prepare


def test_second_call_is_served_from_memory_then_from_disk(tmp_path):
    src = photo(tmp_path / "a.jpg", (200, 30, 30))
    calls: list[tuple] = []
    cache = ImageCache(tmp_path / "cache")
    prep = cache.wrap("digital", counting(calls))
    first = prep(src, (0, 0, 64, 48), 40.0, 30.0, 150)
    assert prep(src, (0, 0, 64, 48), 40.0, 30.0, 150) == first
    assert len(calls) == 1 and cache.hits == 1
    fresh = ImageCache(tmp_path / "cache")  # a new process: disk only
    assert fresh.wrap("digital", counting(calls))(src, (0, 0, 64, 48), 40.0, 30.0, 150) == first
    assert len(calls) == 1


def test_key_follows_content_and_parameters_not_name(tmp_path):
    a = photo(tmp_path / "a.jpg", (200, 30, 30))
    calls: list[tuple] = []
    prep = ImageCache(tmp_path / "cache").wrap("digital", counting(calls))
    prep(a, (0, 0, 64, 48), 40.0, 30.0, 150)
    prep(a, (0, 0, 32, 48), 40.0, 30.0, 150)  # another crop
    assert len(calls) == 2
    b = shutil.copy(a, tmp_path / "b.jpg")  # same bytes under another name: a hit
    prep(Path(b), (0, 0, 64, 48), 40.0, 30.0, 150)
    assert len(calls) == 2
    photo(a, (30, 200, 30))  # same name, new content: a miss
    prep(a, (0, 0, 64, 48), 40.0, 30.0, 150)
    assert len(calls) == 3


def test_torn_entry_is_prepared_again(tmp_path):
    src = photo(tmp_path / "a.jpg", (10, 10, 200))
    calls: list[tuple] = []
    prep = ImageCache(tmp_path / "cache").wrap("digital", counting(calls))
    good = prep(src, (0, 0, 64, 48), 40.0, 30.0, 150)
    entries = [p for p in (tmp_path / "cache" / "images").rglob("*") if p.is_file()]
    assert len(entries) == 1
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:300])
    again = ImageCache(tmp_path / "cache").wrap("digital", counting(calls))
    assert again(src, (0, 0, 64, 48), 40.0, 30.0, 150) == good
    assert len(calls) == 2


def test_probe_is_kept_on_disk_by_content_and_failures_are_not(tmp_path):
    from xhprint.images.probe import ImageInfo, probe_image
    from xhprint.model.findings import Finding

    src = photo(tmp_path / "a.jpg", (10, 120, 30))
    first = ImageCache(tmp_path / "cache").probe(src, "a.jpg", None)
    assert first == probe_image(src, "a.jpg", None) and isinstance(first, ImageInfo)
    entries = [p for p in (tmp_path / "cache" / "probe").rglob("*") if p.is_file()]
    assert len(entries) == 1
    # a new process answers from disk: a forged entry (with a matching check) shows it
    # was not probed again
    forged = entries[0].read_bytes()[65:].replace(b'"width": 64', b'"width": 65')
    entries[0].write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    assert ImageCache(tmp_path / "cache").probe(src, "a.jpg", None).width == 65
    entries[0].write_bytes(entries[0].read_bytes()[:80])  # torn: probed again
    assert ImageCache(tmp_path / "cache").probe(src, "a.jpg", None) == first
    # other bytes are another key; a broken file is reported every time, never kept
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])
    for _ in range(2):
        assert isinstance(ImageCache(tmp_path / "cache").probe(src, "a.jpg", None), Finding)
    assert len([p for p in (tmp_path / "cache" / "probe").rglob("*") if p.is_file()]) == 1
    missing = ImageCache(tmp_path / "cache").probe(tmp_path / "none.jpg", "none.jpg", None)
    assert isinstance(missing, Finding) and missing.check == "missing-file"
