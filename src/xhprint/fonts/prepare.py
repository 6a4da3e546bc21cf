"""Embeddable TrueType files: one face's glyphs for a set of characters.

ReportLab embeds only TrueType (glyf) outlines, while Noto CJK is CFF in a TTC. For
a face and the characters a document uses, this module subsets the face with
fontTools, converts CFF charstrings to quadratic glyf outlines (the approach of
fontTools' `otf2ttf` snippet, via Cu2QuPen), applies the CJK glyph fixes below, and
keeps the result in the store's `faces` space (store.py), its recipe the code version,
the face's identity, the glyph overrides and the characters. The output is
deterministic: same input, same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

from xhprint.fonts.discover import FaceRecord
from xhprint.fonts.metrics import face_identity
from xhprint.store import Store, open_store

CODE_VERSION = "prepare-2"  # bump when the output of this module changes
FACES_VERSION = 1  # the store space of prepared subsets
MAX_ERR = 1.0  # cu2qu tolerance in font units
# head.created/modified: 2023-01-01 00:00 UTC in seconds since 1904 (fontTools'
# timestampFromString("Sun Jan  1 00:00:00 2023"), written out so a warm build need not
# import fontTools)
FIXED_DATE = 3755376000
EM_DASH = 0x2014
_DROP = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG",
         "kern", "FFTM", "hdmx", "LTSH", "VDMX", "fpgm", "prep", "cvt ", "gasp"]


@dataclass(frozen=True)
class PreparedFont:
    """A TrueType file ready for embedding; `built` is False when it came from the store."""

    face: str
    data: bytes = field(repr=False)
    digest: str  # of the recipe: names the subset in PDF resources
    built: bool

    @property
    def font_name(self) -> str:
        """A deterministic PDF font resource name, unique per prepared file."""
        return f"{self.face}-{self.digest[:8]}"

    @property
    def stem(self) -> str:
        """The name a face without a PostScript name is embedded under (render/cidfont.py)."""
        return f"{self.face}-{self.digest[:24]}"


def recipe(face: FaceRecord, chars: Iterable[str],
           overrides: dict[int, str] | None = None) -> tuple[str, str, str, str]:
    """Everything the prepared bytes depend on: code version, face, overrides, characters."""
    text = "".join(sorted(set(chars)))
    over = ",".join(f"{cp:X}={name}" for cp, name in sorted((overrides or {}).items()))
    return CODE_VERSION, face_identity(face), over, text


def prepare_face(face: FaceRecord, chars: Iterable[str], store: Store | Path | None,
                 overrides: dict[int, str] | None = None) -> PreparedFont:
    """The TrueType subset of `face` for `chars`, from the store or built (and kept).

    `overrides` maps code points to glyph names to use instead of the cmap's (the
    full-width quote variants from `FaceMetrics.overrides`). `store` is the build's
    store, or a folder opened as one (None: memory only).
    """
    chars = set(chars)
    parts = recipe(face, chars, overrides)
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    space = open_store(store).space("faces", FACES_VERSION)
    key = space.key(*parts)
    found = space.get(key)
    if found is not None:
        return PreparedFont(face.key, found, digest, built=False)
    data = build_ttf(face, chars, overrides or {})
    space.put(key, data)
    return PreparedFont(face.key, data, digest, built=True)


def build_ttf(face: FaceRecord, chars: set[str], overrides: dict[int, str]) -> bytes:
    """Subset, convert to glyf and fix glyphs; returns the font file's bytes."""
    # fontTools.subset pulls in otTables and varLib (~90 ms): only a cache miss pays it.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    is_collection = face.path.suffix.lower() in (".ttc", ".otc")
    font = TTFont(str(face.path), fontNumber=face.index if is_collection else -1,
                  recalcTimestamp=False, lazy=True)
    unicodes = sorted({ord(c) for c in chars} - set(overrides))
    keep = sorted(overrides[ord(c)] for c in chars if ord(c) in overrides)
    opts = subset.Options()
    opts.glyph_names = False
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables = sorted(set(opts.drop_tables) | set(_DROP))
    opts.notdef_outline = True
    opts.desubroutinize = True
    opts.recalc_timestamp = False
    opts.name_languages = [0x409]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes, glyphs=keep)
    sub.subset(font)
    _apply_overrides(font, {cp: g for cp, g in overrides.items() if chr(cp) in chars})
    if "CFF " in font:
        _cff_to_glyf(font)
    _widen_em_dash(font)
    font["head"].created = FIXED_DATE
    font["head"].modified = FIXED_DATE
    font["OS/2"].fsType = font["OS/2"].fsType & ~0x000E  # the subset itself is embedded as is
    out = io.BytesIO()
    with font:
        font.save(out, reorderTables=True)
    return out.getvalue()


def _apply_overrides(font: TTFont, overrides: dict[int, str]) -> None:
    for table in font["cmap"].tables:
        if table.isUnicode():
            for cp, name in overrides.items():
                table.cmap[cp] = name


def _cff_to_glyf(font: TTFont) -> None:
    """CFF → glyf, after fontTools' Snippets/otf2ttf.py (cu2qu, max_err 1 unit)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", [])) for g in glyf.glyphs.values()), default=0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names needed for PDF embedding
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\000\001\000\000"


def _widen_em_dash(font: TTFont) -> None:
    """U+2014 → exactly 1 em with ink edge to edge (typography.md "Line breaking").

    Noto CJK's em dash is 0.89 em with side bearings, so —— would show a gap and be
    1.78 em; stretched to the full em, two dashes join into one 2 em line.
    """
    name = font.getBestCmap().get(EM_DASH)
    if name is None:
        return
    glyf = font["glyf"]
    glyph = glyf[name]
    upem = font["head"].unitsPerEm
    if glyph.isComposite() or glyph.numberOfContours <= 0:
        return
    coords = glyph.coordinates
    xs = [x for x, _ in coords]
    x0, x1 = min(xs), max(xs)
    if x1 <= x0:
        return
    scale = upem / (x1 - x0)
    for i, (x, y) in enumerate(coords):
        coords[i] = (round((x - x0) * scale), y)
    glyph.recalcBounds(glyf)
    font["hmtx"][name] = (upem, 0)
