from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from xhprint.fonts.book import FontBook
from xhprint.fonts.prepare import build_ttf, prepare_face
from xhprint.fonts.report import coverage_line, fonts_table
from xhprint.i18n import msg
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.findings import Finding
from xhprint.store import Store

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture()
def box_book(tmp_path) -> FontBook:
    return FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", tmp_path, DATA)


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / "faces").rglob("*") if p.is_file())


def test_prepared_font_is_kept_in_the_store(box_book, tmp_path):
    face = box_book.face("XhprintBox-Regular")
    first = prepare_face(face, "徐匯報A1", tmp_path)
    assert first.built
    [entry] = _entries(tmp_path)
    assert entry.read_bytes().endswith(first.data)  # the subset is a checked store entry
    mtime = entry.stat().st_mtime_ns
    again = prepare_face(face, "報匯徐1A", Store(tmp_path))  # same set, other order, new store
    assert not again.built and again.data == first.data and again.digest == first.digest
    assert entry.stat().st_mtime_ns == mtime  # read, not written again
    other = prepare_face(face, "徐匯報A12", tmp_path)
    assert other.built and other.data != first.data and len(_entries(tmp_path)) == 2
    assert not (tmp_path / "ttf").exists()  # nothing beside the store


def test_a_corrupt_prepared_entry_is_built_again(box_book, tmp_path):
    face = box_book.face("XhprintBox-Regular")
    first = prepare_face(face, "徐匯報A1", tmp_path)
    [entry] = _entries(tmp_path)
    raw = bytearray(entry.read_bytes())
    raw[-10] ^= 0xFF  # one flipped byte in the font: the entry fails its check
    entry.write_bytes(bytes(raw))
    again = prepare_face(face, "徐匯報A1", Store(tmp_path))
    assert again.built and again.data == first.data
    assert entry.read_bytes().endswith(first.data)  # and the entry is whole again


@pytest.mark.parametrize("how", ["read-only", "a file in the way"])
def test_an_unwritable_store_still_prepares(box_book, tmp_path, how):
    face = box_book.face("XhprintBox-Regular")
    wanted = prepare_face(face, "徐匯報A1", None)  # memory only
    if how == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        cache = tmp_path / "cache"
        cache.mkdir()
        cache.chmod(0o500)
    else:  # unwritable for root too: the cache folder's place is taken by a file
        (tmp_path / "file").write_bytes(b"not a folder")
        cache = tmp_path / "file" / "cache"
    try:
        got = prepare_face(face, "徐匯報A1", Store(cache))
        assert got.built and got.data == wanted.data
        assert not (cache.is_dir() and any(cache.iterdir()))
    finally:
        if cache.is_dir():
            cache.chmod(0o700)


def test_prepared_subset_keeps_only_the_characters(box_book, tmp_path):
    data = prepare_face(box_book.face("XhprintBox-Regular"), "徐A—", tmp_path).data
    with TTFont(io.BytesIO(data)) as font:
        assert set(font.getBestCmap()) == {ord("徐"), ord("A"), 0x2014}
        assert "glyf" in font


def test_noto_cff_becomes_truetype_with_a_full_em_dash(tmp_path):
    noto = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not noto.exists():
        pytest.skip("Debian fonts not installed")
    cfg = load_font_config(REPO / "fonts" / "fonts.yaml")
    for lang, key in (("zh-Hant", "NotoSerifCJKtc-Regular"), ("zh-Hans", "NotoSerifCJKsc-Regular")):
        book = FontBook.open(cfg, lang, tmp_path, REPO / "fonts")
        face = book.face(key)
        chars = set("石𥕢里——“”‘’A1")
        data = build_ttf(face, chars, {})
        assert data == build_ttf(face, chars, {})  # deterministic bytes
        font = TTFont(io.BytesIO(data))
        assert "glyf" in font and "CFF " not in font and font.sfntVersion == "\0\1\0\0"
        cmap = font.getBestCmap()
        assert ord("𥕢") in cmap
        upem = font["head"].unitsPerEm
        dash = cmap[0x2014]
        glyph = font["glyf"][dash]
        assert font["hmtx"][dash][0] == upem and (glyph.xMin, glyph.xMax) == (0, upem)
        for quote in "“”‘’":  # full width in the embedded font, as the book reports
            assert font["hmtx"][cmap[ord(quote)]][0] == upem == book.glyph(quote, "song").advance * upem


def test_fonts_table_lists_roles_and_coverage_names_missing_codes(box_book):
    lines = fonts_table(box_book)
    assert any(line.split()[:2] == ["song", "Xhprint"] for line in lines)
    def missing(char: str) -> Finding:
        return Finding("missing-glyph", "error", msg("no font can draw {char!r} ({code})",
                                                     char=char, code=f"U+{ord(char):04X}"))

    found = [missing("𥕢"), missing("\ue000"),
             Finding("overset", "error", msg("{n} lines do not fit", n=2))]
    assert coverage_line(40, found) == "40 distinct characters checked, 2 without a glyph: " \
                                       "U+E000 U+25562"
    assert coverage_line(3, []) == "3 distinct characters checked, 0 without a glyph"


def test_fixed_date_is_fonttools_reading_of_2023_01_01() -> None:
    from fontTools.misc.timeTools import timestampFromString

    from xhprint.fonts.prepare import FIXED_DATE

    assert FIXED_DATE == timestampFromString("Sun Jan  1 00:00:00 2023")
