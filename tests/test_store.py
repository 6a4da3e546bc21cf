"""The one disk store: keys from recipes, checked entries, one error policy, a size cap."""

from __future__ import annotations

import os
import time

import pytest

from xhprint.store import Store


def test_a_value_is_kept_by_its_recipe_and_version(tmp_path) -> None:
    space = Store(tmp_path).space("photos", 1)
    key = space.key("a" * 64, (0, 0, 10, 10), 150)
    space.put(key, b"jpeg bytes")
    again = Store(tmp_path).space("photos", 1)  # a new process reads it from disk
    assert again.get(key) == b"jpeg bytes"
    assert again.key("a" * 64, (0, 0, 10, 10), 151) != key  # another input, another key
    assert Store(tmp_path).space("photos", 2).key("a" * 64, (0, 0, 10, 10), 150) != key
    assert Store(tmp_path).space("photos", 2).get(key) is None  # a new format version misses


def test_a_torn_or_forged_entry_is_made_again(tmp_path) -> None:
    space = Store(tmp_path).space("s", 1)
    key = space.key("x")
    space.put(key, b"payload" * 100)
    (entry,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    entry.write_bytes(entry.read_bytes()[:120])
    calls = []
    fresh = Store(tmp_path).space("s", 1)
    assert fresh.get_or_make(key, lambda: calls.append(1) or b"remade") == b"remade"
    assert calls == [1] and fresh.misses == 1
    entry.write_bytes(entry.read_bytes().replace(b"remade", b"forged"))
    assert Store(tmp_path).space("s", 1).get(key) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_only_costs_time(tmp_path) -> None:
    tmp_path.chmod(0o500)
    try:
        space = Store(tmp_path / "cache").space("s", 1)
        assert space.get_or_make(space.key("x"), lambda: b"made") == b"made"
    finally:
        tmp_path.chmod(0o700)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_bytes(b"a file where the cache folder should be")
    store = Store(blocker)
    space = store.space("s", 1)
    assert space.get_or_make(space.key("x"), lambda: b"made") == b"made"
    assert space.get(space.key("x")) == b"made"  # memory still serves it
    assert store.written == 0 and store.tidy() == 0


def test_trim_removes_the_least_recently_used_entries_down_under_the_cap(tmp_path) -> None:
    store = Store(tmp_path, max_bytes=10_000)
    space = store.space("s", 1)
    keys = [space.key(i) for i in range(8)]
    for k, key in enumerate(keys):
        space.put(key, bytes(2000))
        path = tmp_path / "s" / "v1" / key[:2] / key
        os.utime(path, (time.time() - 1000 + k, time.time() - 1000 + k))
    assert store.tidy() > 0
    left = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert left == set(keys[-3:])  # the newest, under 80 % of the cap
    assert store.tidy() == 0  # nothing written since: no walk at all
