"""The output profile kept in the store: the same stream object as compressing it anew."""

from __future__ import annotations

import hashlib
from pathlib import Path

from xhprint.render.pdfpost import IntentProfile
from xhprint.render.resources import DEFAULT_ICC
from xhprint.store import Store


def _same(a: IntentProfile, b: IntentProfile) -> None:
    assert a.description == b.description
    assert list(a.stream.items()) == list(b.stream.items())  # same entries, same order
    assert a.stream._data == b.stream._data and type(a.stream) is type(b.stream)


def test_a_kept_profile_is_the_stream_flate_encode_makes(tmp_path: Path) -> None:
    plain = IntentProfile.load(DEFAULT_ICC)
    _same(IntentProfile.load(DEFAULT_ICC, Store(tmp_path)), plain)
    entries = [p for p in (tmp_path / "intent").rglob("*") if p.is_file()]
    assert len(entries) == 1
    _same(IntentProfile.load(DEFAULT_ICC, Store(tmp_path)), plain)  # a new process: kept
    assert plain.stream.get_data() == DEFAULT_ICC.read_bytes()


def test_a_kept_entry_of_another_shape_is_made_again(tmp_path: Path) -> None:
    IntentProfile.load(DEFAULT_ICC, Store(tmp_path))
    (entry,) = [p for p in (tmp_path / "intent").rglob("*") if p.is_file()]
    payload = b"no header line"
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    _same(IntentProfile.load(DEFAULT_ICC, Store(tmp_path)), IntentProfile.load(DEFAULT_ICC))


def test_the_profile_stream_is_the_one_pypdf_flate_encode_makes() -> None:
    from pypdf.generic import DecodedStreamObject, NameObject, NumberObject

    raw = DecodedStreamObject()
    raw.set_data(DEFAULT_ICC.read_bytes())
    raw[NameObject("/N")] = NumberObject(4)
    made = raw.flate_encode()
    profile = IntentProfile.load(DEFAULT_ICC)
    assert list(profile.stream.items()) == list(made.items())
    assert profile.stream._data == made._data == profile.deflated
    assert type(profile.stream) is type(made)
