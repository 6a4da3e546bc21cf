"""A face that sets “”‘’ proportionally gets their full-width `fwid` alternates (clreq §3.1.6).

Built here with fontTools: a face whose cmap maps the quotes to half-width glyphs, with a
GSUB `fwid` feature substituting 1 em glyphs — once as a plain single substitution, once
through an extension lookup (type 7) — and read by `read_metrics` as a build reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from xhprint.fonts.discover import FaceRecord
from xhprint.fonts.metrics import read_metrics

UPEM = 1000
QUOTES = {"“": "quotedblleft", "”": "quotedblright", "‘": "quoteleft", "’": "quoteright"}


def _face(tmp_path: Path, feature: str, *, narrow_fw: bool = False) -> FaceRecord:
    """A font with the four quotes at 0.3 em and `.fw` alternates at 1 em (or 0.6 em with
    `narrow_fw`), the GSUB from `feature` (feature-file syntax)."""
    names = [".notdef", "ideo", *QUOTES.values(), *(n + ".fw" for n in QUOTES.values())]
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 100))
    pen.lineTo((100, 100))
    pen.closePath()
    box = pen.glyph()
    full = 600 if narrow_fw else UPEM
    widths = {".notdef": 500, "ideo": UPEM} | {n: 300 for n in QUOTES.values()} | {
        n + ".fw": full for n in QUOTES.values()}
    fb = FontBuilder(UPEM, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0x4E00: "ideo"} | {ord(ch): n for ch, n in QUOTES.items()})
    fb.setupGlyf({n: box for n in names})
    fb.setupHorizontalMetrics({n: (w, 0) for n, w in widths.items()})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Quote Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    addOpenTypeFeaturesFromString(fb.font, feature)
    path = tmp_path / "quotes.ttf"
    fb.save(str(path))
    return FaceRecord("QuoteTest-Regular", path, 0, "Quote Test", "Regular",
                      (("Quote Test", "Regular"),))


SINGLE = ("feature fwid { sub quotedblleft by quotedblleft.fw; sub quotedblright by "
          "quotedblright.fw; sub quoteleft by quoteleft.fw; } fwid;")
EXTENSION = ("lookup FW useExtension { sub quotedblleft by quotedblleft.fw; sub quoteright by "
             "quoteright.fw; } FW; feature fwid { lookup FW; } fwid;")


@pytest.mark.parametrize("feature,replaced", [
    (SINGLE, "“”‘"),  # ’ has no alternate in this face: it stays as the cmap has it
    (EXTENSION, "“’"),
])
def test_proportional_quotes_take_their_fwid_alternates(tmp_path, feature, replaced):
    metrics = read_metrics(_face(tmp_path, feature))
    assert metrics.overrides == {ord(ch): QUOTES[ch] + ".fw" for ch in replaced}
    for ch in QUOTES:
        assert metrics.advance_em(ord(ch)) == (1.0 if ch in replaced else 0.3)
    assert metrics.advance_em(0x4E00) == 1.0


def test_an_alternate_that_is_not_one_em_is_not_used(tmp_path):
    metrics = read_metrics(_face(tmp_path, SINGLE, narrow_fw=True))
    assert metrics.overrides == {}
    assert metrics.advance_em(ord("“")) == 0.3


def test_a_face_without_fwid_keeps_its_quotes(tmp_path):
    metrics = read_metrics(_face(tmp_path, "feature liga { sub quoteleft by quoteleft.fw; } liga;"))
    assert metrics.overrides == {}
    assert metrics.advance_em(ord("‘")) == 0.3
