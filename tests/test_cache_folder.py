"""A build keeps everything it reuses in the store, and builds the same bytes without it."""

from __future__ import annotations

import re
from pathlib import Path

from xhprint.build import build_issue
from xhprint.session import BuildSettings

DATA = Path(__file__).resolve().parent / "data"
GOOD = DATA / "manifest" / "good"
ENTRY = re.compile(r"[a-z0-9-]+/v\d+/([0-9a-f]{2})/\1[0-9a-f]{62}")


def settings(cache: Path) -> BuildSettings:
    return BuildSettings(cache_dir=cache, fonts_config=DATA / "fonts-box.yaml", fonts_dir=DATA)


def outputs(cache: Path) -> dict[str, bytes]:
    files = build_issue(GOOD, settings(cache)).files
    return {name: data for name, data in files.items() if name != "report.json"}  # timings


def test_the_cache_folder_holds_store_entries_only(tmp_path) -> None:
    cache = tmp_path / "cache"
    cold = outputs(cache)
    files = sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file())
    strays = [f for f in files if not ENTRY.fullmatch(f)]
    assert not strays  # no cache writes beside the store
    spaces = {f.split("/")[0] for f in files}
    assert {"faces", "words", "metrics", "flate"} <= spaces
    assert outputs(cache) == cold  # warm: the same bytes


def test_an_unwritable_cache_folder_still_builds(tmp_path) -> None:
    wanted = outputs(tmp_path / "cache")
    (tmp_path / "file").write_bytes(b"a file where the cache folder should be")
    assert outputs(tmp_path / "file" / "cache") == wanted
