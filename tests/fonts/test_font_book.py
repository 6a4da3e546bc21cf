from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from xhprint.fonts.book import FontBook
from xhprint.fonts.discover import FontIndex
from xhprint.manifest.fonts_config import load_font_config, parse_font_config
from xhprint.model.findings import InputError
from xhprint.store import Store

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"

CHAIN = """\
zh-Hant:
  song: {fonts: [Tiny Latin, Xhprint Box], bold: song-bold}
  song-bold: {fonts: [Xhprint Box]}
  hei: {fonts: [Xhprint Box]}
  hei-bold: {fonts: [Xhprint Box]}
  kai: {fonts: [Xhprint Box, Nowhere Kai], bold: hei-bold}
"""


def _tiny_latin(path: Path) -> None:
    """A font with only A and B (0.6 em), to test fallback to the next face."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0)), pen.lineTo((0, 500)), pen.lineTo((500, 500)), pen.lineTo((500, 0))
    pen.closePath()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "A", "B"])
    fb.setupCharacterMap({0x41: "A", 0x42: "B"})
    fb.setupGlyf({n: pen.glyph() for n in (".notdef", "A", "B")})
    fb.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0), "B": (600, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Tiny Latin", "styleName": "Regular", "psName": "TinyLatin-Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))


@pytest.fixture()
def project_fonts(tmp_path) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(DATA / "boxfont.ttf", folder / "boxfont.ttf")
    _tiny_latin(folder / "tiny.ttf")
    return folder


def test_fallback_along_the_chain_and_missing(project_fonts, tmp_path):
    book = FontBook.open(parse_font_config(CHAIN, "f.yaml"), "zh-Hant", tmp_path / "cache", project_fonts)
    a = book.glyph("A", "song")
    assert a.face == "TinyLatin-Regular" and a.advance == pytest.approx(0.6)
    han = book.glyph("中", "song")  # not in Tiny Latin: the next face
    assert han.face == "XhprintBox-Regular" and han.advance == 1.0
    assert book.glyph("Z", "song").advance == 0.5  # box font's Latin, 0.5 em
    assert book.glyph("𥕢", "song") is None  # box font has only the BMP ideographs
    assert book.missing("A中𥕢\u200b\n", "song") == {"𥕢"}
    # **bold**: the bold partner's chain comes first
    assert book.glyph("A", "song", bold=True).face == "XhprintBox-Regular"
    # a fallback that is not installed is skipped (and shown as not found)
    assert book.glyph("中", "kai").face == "XhprintBox-Regular"
    assert ("kai", "Nowhere Kai", "Regular", "(not found)", "-") in [r.cells for r in book.describe()]
    with pytest.raises(KeyError, match="caption"):
        book.glyph("中", "caption")


def test_first_font_of_a_role_must_exist(project_fonts, tmp_path):
    text = CHAIN.replace("hei: {fonts: [Xhprint Box]}", "hei: {fonts: [Nowhere Hei]}")
    with pytest.raises(InputError) as info:
        FontBook.open(parse_font_config(text, "f.yaml"), "zh-Hant", tmp_path / "c", project_fonts)
    (finding,) = info.value.findings
    assert finding.check == "missing-file" and "Nowhere Hei" in finding.message
    assert finding.where.line == 4


def test_box_font_fixture_serves_every_role(tmp_path):
    cfg = load_font_config(DATA / "fonts-box.yaml")
    for lang in ("zh-Hant", "zh-Hans"):
        book = FontBook.open(cfg, lang, tmp_path, DATA)
        for role in ("song", "song-bold", "hei", "hei-bold", "kai"):
            for char, adv in (("永", 1.0), ("，", 1.0), ("g", 0.5), ("7", 0.5), ("—", 1.0)):
                assert book.glyph(char, role) == book.glyph(char, role, bold=True)
                assert (book.glyph(char, role).face, book.glyph(char, role).advance) == ("XhprintBox-Regular", adv)


def test_index_is_reused_and_refreshed_on_change(project_fonts, tmp_path):
    cache = tmp_path / "cache"
    first = FontIndex.build([project_fonts], Store(cache))
    assert first.opened == 2 and any((cache / "font-index").rglob("*"))
    again = FontIndex.build([project_fonts], Store(cache))  # a new process: from disk
    assert again.opened == 0 and [f.key for f in again.faces] == [f.key for f in first.faces]
    st = (project_fonts / "tiny.ttf").stat()
    os.utime(project_fonts / "tiny.ttf", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert FontIndex.build([project_fonts], Store(cache)).opened == 1


def test_metrics_cache_is_written_once(project_fonts, tmp_path):
    cfg = parse_font_config(CHAIN, "f.yaml")
    book = FontBook.open(cfg, "zh-Hant", tmp_path / "cache", project_fonts)
    book.glyph("中", "song")
    files = sorted(p for p in (tmp_path / "cache" / "metrics").rglob("*") if p.is_file())
    assert len(files) == 2  # one entry per face
    mtimes = [f.stat().st_mtime_ns for f in files]
    book2 = FontBook.open(cfg, "zh-Hant", tmp_path / "cache", project_fonts)
    assert book2.glyph("中", "song") == book.glyph("中", "song")
    assert [f.stat().st_mtime_ns for f in files] == mtimes


@pytest.mark.parametrize(("lang", "song", "kai"), [
    ("zh-Hant", "NotoSerifCJKtc-Regular", "UKaiTW"),
    ("zh-Hans", "NotoSerifCJKsc-Regular", "UKaiCN"),
])
def test_real_fonts_resolve_per_language(real_fonts_cache, lang, song, kai):
    book = FontBook.open(load_font_config(REPO / "fonts" / "fonts.yaml"), lang, real_fonts_cache, REPO / "fonts")
    assert book.glyph("石", "song").face == song
    assert book.glyph("𥕢", "song").face == song  # CJK Ext. B, in Noto Serif CJK
    assert book.glyph("徐", "kai").face == kai
    assert book.glyph("徐", "kai", bold=True).face.startswith("NotoSansCJK")  # kai → hei-bold
    assert book.glyph("徐", "song", bold=True).face == song.replace("Regular", "Bold")
    assert book.glyph("A", "song").advance < 1.0  # proportional Latin, not full width
    assert book.glyph("—", "song").advance == 1.0  # widened by prepare.py
    for quote in "“”‘’":  # full width in SC faces too (checked, not assumed)
        assert book.glyph(quote, "song").advance == 1.0
    assert book.missing("\U00030000石", "song") == {"\U00030000"}
