"""Resolve a paragraph's characters into measured items, ready for line breaking.

Takes the paragraph text, per-character bold flags, a ComposeSpec and Metrics; returns
a `Para`: flat per-item lists (character, face, advance in pt, punctuation blanks,
Han–Latin gaps, pair compression) plus the issues found (missing glyphs, dropped
controls). Flat lists rather than one object per character keep a 200,000-character
story fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from xhprint.text.punctuation import K_CLOSE, K_NONE, K_OPEN, PunctBox, punct_box
from xhprint.text.segment import IDSP, MARK, NBSP, PUNCT, SPACE, segment
from xhprint.text.spacing import han_latin_gap
from xhprint.text.types import ComposeSpec, Metrics, TextIssue

VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
EPS = 1e-6


@dataclass
class Para:
    """Per-item data of one paragraph (item = a character that gets a glyph)."""

    text: str
    spec: ComposeSpec
    em: float
    gb: bool  # GB punctuation placement (else centred, CNS)
    chars: list[str]
    tix: list[int]  # text index
    cls: list[int]
    face: list[str]
    adv: list[float]  # natural advance, pt
    slot: list[float]  # advance the slot takes before trims (—— halves: at least 1 em)
    hscale: list[float]
    kind: list[int]
    bl: list[float]  # blank left/right, pt
    br: list[float]
    sl: list[float]  # style trims, pt
    sr: list[float]
    gap: list[float]  # Han–Latin gap before item i, pt
    pair_who: list[int]  # pair (k-1, k): which item it trims (-1: none)
    pair_left: list[bool]  # ... on its left side (else right)
    w0: list[float]  # slot width with style + all pair trims
    cum: list[float]  # prefix sums of w0 + gap
    unit_start: tuple[int, ...]
    allowed: tuple[bool, ...]
    paired: tuple[bool, ...]
    unit_of: list[int]  # item -> unit index
    issues: list[TextIssue]


def prepare(
    text: str, bold: list[bool], spec: ComposeSpec, metrics: Metrics, bold_role: str
) -> Para:
    """Measure every item and precompute pair compression (clreq §3.1.6)."""
    seg = segment(text, spec.kinsoku)
    em = spec.size
    gb = spec.punct_position != "centred"
    cls = list(seg.classes)
    faces = _Faces(metrics, spec.role, bold_role, spec.punct_position)
    chars, face, adv, missing = faces.measure(text, seg.items, cls, bold, em)
    issues = [
        TextIssue("dropped-control", text[i], i) for i, silent in seg.dropped if not silent
    ] + missing
    slot, hscale = _two_em_marks(seg.paired, adv, em)
    marks = _Marks.of(chars, cls, adv, em, spec)
    gap = _gaps(cls, em)
    pair_who, pair_left = _pairs(marks, slot, em, gb)
    w0, cum = _widths(slot, marks, pair_who, gap, em)
    return Para(
        text, spec, em, gb, chars, list(seg.items), cls, face, adv, slot, hscale, marks.kind,
        marks.bl, marks.br, marks.sl, marks.sr, gap, pair_who, pair_left, w0, cum,
        seg.unit_start, seg.allowed, seg.paired, _unit_of(seg.unit_start, len(chars)), issues,
    )


# Advance (em) of a space-like item that no font of the chain has: drawn as blank.
BLANK_ADVANCE = {SPACE: 0.25, NBSP: 0.25, IDSP: 1.0}


@dataclass
class _Faces:
    """Resolves (character, bold) to (face, advance in em, missing), once per paragraph."""

    metrics: Metrics
    role: str
    bold_role: str
    position: str  # the regional form asked for punctuation
    known: dict[tuple[str, bool], tuple[str, float, bool]] = field(default_factory=dict)

    def measure(self, text: str, items: Sequence[int], cls: list[int], bold: list[bool],
                em: float) -> tuple[list[str], list[str], list[float], list[TextIssue]]:
        """Characters, faces and advances (pt) of the items; a missing glyph is an issue.

        A combining mark no font has takes the face of the character it sits on.
        """
        chars: list[str] = []
        face: list[str] = []
        adv: list[float] = []
        issues: list[TextIssue] = []
        for n, i in enumerate(items):
            c = text[i]
            f, a, missing = self.resolve(c, bold[i], cls[n])
            if missing:
                issues.append(TextIssue("missing-glyph", c, i))
            if not f and cls[n] == MARK and face:
                f = face[-1]
            chars.append(c)
            face.append(f)
            adv.append(a * em)
        return chars, face, adv, issues

    def resolve(self, c: str, bold: bool, k: int) -> tuple[str, float, bool]:
        """(face, advance in em, missing) of character `c` of class `k`."""
        hit = self.known.get((c, bold))
        if hit is None:
            g = self.metrics.glyph(c, self.bold_role if bold else self.role, bold,
                                   self.position if k == PUNCT else "")
            hit = (g.face, g.advance, False) if g is not None else _no_glyph(c, k)
            self.known[(c, bold)] = hit
        return hit


def _no_glyph(c: str, k: int) -> tuple[str, float, bool]:
    """How an item no font has is set: spaces and variation selectors blank, anything
    else as a missing one-em glyph."""
    blank = BLANK_ADVANCE.get(k)
    if blank is not None:
        return "", blank, False
    if k == MARK and any(ord(c) in r for r in VARIATION_SELECTORS):
        return "", 0.0, False
    return "", 1.0, True


def _two_em_marks(paired: Sequence[bool], adv: list[float],
                  em: float) -> tuple[list[float], list[float]]:
    """Slot widths and horizontal scales: —— / …… are two glyphs, each one em, reading as
    one continuous mark (a narrower glyph is stretched to its em)."""
    slot = adv[:]
    hscale = [1.0] * len(adv)
    for i, p in enumerate(paired):
        if not p:
            continue
        for j in (i, i + 1):
            if 0 < adv[j] < em:
                hscale[j] = em / adv[j]
                slot[j] = em
    return slot, hscale


@dataclass(frozen=True)
class _Marks:
    """Per item: punctuation kind, blank on each side and the style's own trims (pt)."""

    kind: list[int]
    bl: list[float]
    br: list[float]
    sl: list[float]
    sr: list[float]

    @classmethod
    def of(cls, chars: list[str], classes: list[int], adv: list[float], em: float,
           spec: ComposeSpec) -> _Marks:
        n = len(chars)
        kind = [K_NONE] * n
        bl, br, sl, sr = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
        boxes: dict[tuple[str, float], PunctBox] = {}
        for i, c in enumerate(chars):
            if classes[i] > PUNCT:  # only HAN/PUNCT classes carry CJK punctuation
                continue
            key = (c, adv[i])
            box = boxes.get(key)
            if box is None:
                box = boxes[key] = punct_box(c, adv[i] / em, spec.punct_position,
                                             spec.punct_style)
            if box.kind != K_NONE:
                kind[i] = box.kind
                bl[i] = box.blank_left * em
                br[i] = box.blank_right * em
                sl[i] = box.trim_left * em
                sr[i] = box.trim_right * em
        return cls(kind, bl, br, sl, sr)


def _gaps(cls: list[int], em: float) -> list[float]:
    """The Han–Latin gap (pt) before each item (spacing.py)."""
    gap = [0.0] * len(cls)
    for i in range(1, len(cls)):
        g = han_latin_gap(cls[i - 1], cls[i])
        if g:
            gap[i] = g * em
    return gap


def _widths(slot: list[float], marks: _Marks, pair_who: list[int], gap: list[float],
            em: float) -> tuple[list[float], list[float]]:
    """Slot widths with style and pair trims (w0), and prefix sums of w0 + gap."""
    n = len(slot)
    w0 = [slot[i] - marks.sl[i] - marks.sr[i] for i in range(n)]
    for k in range(1, n):
        if pair_who[k] >= 0:
            w0[pair_who[k]] -= em / 2
    cum = [0.0] * (n + 1)
    acc = 0.0
    for i in range(n):
        acc += w0[i] + gap[i]
        cum[i + 1] = acc
    return w0, cum


def _unit_of(unit_start: Sequence[int], n: int) -> list[int]:
    """Item → index of the unit it belongs to (n items)."""
    unit_of = [0] * n
    for u in range(len(unit_start) - 1):
        for i in range(unit_start[u], unit_start[u + 1]):
            unit_of[i] = u
    return unit_of


def _pairs(marks: _Marks, slot: list[float], em: float,
           gb: bool) -> tuple[list[int], list[bool]]:
    """Adjacent full-width marks that take 2 em take 1.5 em (clreq §3.1.6.2).

    Centred placement (CNS) compresses only pairs involving a bracket or quote, and only trims
    the brackets' own blank. Returns, per pair (k-1, k), the trimmed item and side.
    """
    kind = marks.kind
    n = len(kind)
    who = [-1] * n
    left = [False] * n
    room = _Room(marks, slot, [0.0] * n, [0.0] * n)
    for k in range(1, n):
        if kind[k - 1] == K_NONE or kind[k] == K_NONE:
            continue
        trim = _pair_trim(room, k - 1, k, em, gb)
        if trim is not None:
            who[k], left[k] = trim
            room.take(*trim, em / 2)
    return who, left


@dataclass(frozen=True)
class _Room:
    """The blanks of the marks and how much of them pair compression has used so far."""

    marks: _Marks
    slot: list[float]
    used_l: list[float]
    used_r: list[float]

    def width(self, i: int) -> float:
        m = self.marks
        return self.slot[i] - m.sl[i] - m.sr[i] - self.used_l[i] - self.used_r[i]

    def spare(self, i: int, left: bool) -> float:
        """Blank still left on one side of item i."""
        m = self.marks
        if left:
            return m.bl[i] - m.sl[i] - self.used_l[i]
        return m.br[i] - m.sr[i] - self.used_r[i]

    def take(self, i: int, left: bool, amount: float) -> None:
        (self.used_l if left else self.used_r)[i] += amount


BRACKETS = (K_OPEN, K_CLOSE)


def _pair_trim(room: _Room, i: int, j: int, em: float, gb: bool) -> tuple[int, bool] | None:
    """Which item of the pair of marks (i, j) gives up half an em, and on which side
    (True: left); None when the pair stays as it is."""
    kind = room.marks.kind
    if not gb and kind[i] not in BRACKETS and kind[j] not in BRACKETS:
        return None
    if room.width(i) + room.width(j) < 2 * em - EPS:
        return None  # already narrower than two full ems
    half = em / 2
    for item, is_left, allowed in _trim_options(kind, i, j, gb):
        if allowed and room.spare(item, is_left) >= half - EPS:
            return item, is_left
    return None


def _trim_options(kind: list[int], i: int, j: int, gb: bool) -> tuple[tuple[int, bool, bool], ...]:
    """(item, left side, allowed) in order of preference: the blank between the two marks
    first (GB: any mark's; centred: a bracket's), then a closing bracket's right blank,
    then an opening bracket's left blank."""
    return (
        (i, False, gb or kind[i] in BRACKETS),
        (j, True, gb or kind[j] in BRACKETS),
        (j, False, kind[j] == K_CLOSE),
        (i, True, kind[i] == K_OPEN),
    )
