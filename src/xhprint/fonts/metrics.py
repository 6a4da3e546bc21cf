"""Per-face metrics (character → advance) with a compact on-disk cache.

Parsing cmap + hmtx of a 65k-glyph CJK face costs ~0.1–0.2 s and is needed on
every run; the cache (marshal of two dicts) loads in a few ms. It is keyed by the
file's path, mtime, size and face index, so an updated font is re-read.
"""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xhprint.fonts.discover import FaceRecord
from xhprint.store import Store

if TYPE_CHECKING:  # fontTools (~10 ms) is imported only when a face is read
    from fontTools.ttLib import TTFont

METRICS_VERSION = 3  # 2: in the store; 3: runs of covered code points
# Quotes that must be full-width in CJK text (clreq §3.1.6); see `_fullwidth_overrides`.
CJK_QUOTES = "“”‘’"


@dataclass(frozen=True)
class FaceMetrics:
    """Advances in font units by code point, plus glyph substitutions to apply.

    Kept compact, because every build loads them: a CJK face draws some 60,000 code
    points, nearly all one em wide. `common` is that advance; `starts`/`ends` are the
    runs of covered code points (sorted, inclusive); `others` the code points whose
    advance differs. Loading is a few array copies instead of a 60,000-entry dict.
    """

    key: str
    units_per_em: int
    common: int
    starts: array[int]
    ends: array[int]
    others: dict[int, int]  # treat as read-only
    overrides: dict[int, str]  # code point → glyph name to use instead of the cmap's

    def advance_em(self, cp: int) -> float | None:
        units = self.others.get(cp)
        if units is None:
            i = bisect_right(self.starts, cp) - 1
            if i < 0 or cp > self.ends[i]:
                return None
            units = self.common
        return units / self.units_per_em

    def to_bytes(self) -> bytes:
        return marshal.dumps((self.units_per_em, self.common, self.starts.tobytes(),
                              self.ends.tobytes(), self.others, self.overrides))

    @classmethod
    def from_bytes(cls, key: str, data: bytes) -> FaceMetrics:
        upem, common, starts, ends, others, overrides = marshal.loads(data)
        return cls(key, upem, common, array("I", starts), array("I", ends), others, overrides)

    @classmethod
    def of(cls, key: str, units_per_em: int, advances: dict[int, int],
           overrides: dict[int, str]) -> FaceMetrics:
        """The compact form of a code point → advance table."""
        counts = Counter(advances.values())
        common = counts.most_common(1)[0][0] if counts else units_per_em
        starts, ends = array("I"), array("I")
        for cp in sorted(advances):
            if ends and ends[-1] == cp - 1:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
        others = {cp: adv for cp, adv in advances.items() if adv != common}
        return cls(key, units_per_em, common, starts, ends, others, overrides)


def open_face(face: FaceRecord, lazy: bool = True) -> TTFont:
    from fontTools.ttLib import TTFont

    return TTFont(str(face.path), fontNumber=face.index if face.path.suffix.lower() in (".ttc", ".otc") else -1,
                  lazy=lazy)


def _fullwidth_overrides(font: TTFont, cmap: dict[int, str], upem: int) -> dict[int, str]:
    """Quotes set proportionally in this face → their full-width variant via GSUB fwid.

    Noto CJK SC/TC 2.x already map “”‘’ to 1000-unit glyphs; a face that maps
    them to proportional Latin quotes gets its `fwid` alternate here.
    """
    hmtx = font["hmtx"].metrics
    wanted = {cp: cmap[cp] for cp in map(ord, CJK_QUOTES) if cp in cmap and hmtx[cmap[cp]][0] < upem}
    if not wanted or "GSUB" not in font:
        return {}
    subst = _single_substitutions(font["GSUB"].table, "fwid")
    return {cp: subst[g] for cp, g in wanted.items() if g in subst and hmtx[subst[g]][0] == upem}


def _single_substitutions(gsub: Any, tag: str) -> dict[str, str]:
    """glyph → glyph of every single substitution in the lookups of GSUB feature `tag`
    (the first lookup to substitute a glyph wins)."""
    subst: dict[str, str] = {}
    for table in _feature_subtables(gsub, tag):
        for src, dst in getattr(table, "mapping", {}).items():
            subst.setdefault(src, dst)
    return subst


def _feature_subtables(gsub: Any, tag: str) -> Iterator[Any]:
    """The subtables of each lookup feature `tag` uses, in order, an extension subtable
    (lookup type 7) unwrapped; none when the GSUB has no features or lookups."""
    if not gsub.FeatureList or not gsub.LookupList:
        return
    for rec in gsub.FeatureList.FeatureRecord:
        if rec.FeatureTag != tag:
            continue
        for li in rec.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[li]
            for st in lookup.SubTable:
                yield st.ExtSubTable if lookup.LookupType == 7 else st


def read_metrics(face: FaceRecord) -> FaceMetrics:
    """Read cmap and hmtx from the font file itself (slow for big CJK faces)."""
    with open_face(face) as font:
        return _metrics_of(face, font)


def _metrics_of(face: FaceRecord, font: TTFont) -> FaceMetrics:
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap() or {}
    hmtx = font["hmtx"].metrics
    overrides = _fullwidth_overrides(font, cmap, upem)
    advances = {cp: hmtx[name][0] for cp, name in cmap.items()}
    for cp, name in overrides.items():
        advances[cp] = hmtx[name][0]
    return FaceMetrics.of(face.key, upem, advances, overrides)


def face_identity(face: FaceRecord) -> str:
    """A string that changes whenever the face's file does."""
    st = face.path.stat()
    return f"{face.key}|{face.path}|{face.index}|{st.st_mtime_ns}|{st.st_size}"


def load_metrics(face: FaceRecord, store: Store) -> FaceMetrics:
    """Metrics from the store's `metrics` space, reading the font only when needed."""
    space = store.space("metrics", METRICS_VERSION)
    key = space.key(marshal.version, face_identity(face))
    found = space.get(key)
    if found is not None:
        try:
            return FaceMetrics.from_bytes(face.key, found)
        except (ValueError, EOFError, TypeError):
            pass  # an entry of another shape: read the font again
    metrics = read_metrics(face)
    space.put(key, metrics.to_bytes())
    return metrics
