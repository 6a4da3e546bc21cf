from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from xhprint.fonts.book import FontBook
from xhprint.fonts.prepare import build_ttf, prepare_face
from xhprint.fonts.report import coverage_line, fonts_table
from xhprint.i18n import msg
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.findings import Finding

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture()
def box_book(tmp_path) -> FontBook:
    return FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", tmp_path, DATA)


def test_prepared_font_is_cached(box_book, tmp_path):
    face = box_book.face("XhprintBox-Regular")
    first = prepare_face(face, "徐匯報A1", tmp_path)
    assert first.built and first.path.exists()
    mtime = first.path.stat().st_mtime_ns
    again = prepare_face(face, "報匯徐1A", tmp_path)  # same set, other order
    assert not again.built and again.path == first.path and again.path.stat().st_mtime_ns == mtime
    other = prepare_face(face, "徐匯報A12", tmp_path)
    assert other.built and other.path != first.path


def test_prepared_subset_keeps_only_the_characters(box_book, tmp_path):
    path = prepare_face(box_book.face("XhprintBox-Regular"), "徐A—", tmp_path).path
    with TTFont(path) as font:
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
