"""Resolve a paragraph's characters into measured items, ready for line breaking.

Takes the paragraph text, per-character bold flags, a ComposeSpec and Metrics; returns
a `Para`: flat per-item lists (character, face, advance in pt, punctuation blanks,
Han–Latin gaps, pair compression) plus the issues found (missing glyphs, dropped
controls). Flat lists rather than one object per character keep a 200,000-character
story fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.text.punctuation import K_CLOSE, K_NONE, K_OPEN, PunctBox, punct_box
from xhprint.text.segment import IDSP, MARK, NBSP, PUNCT, SPACE, segment
from xhprint.text.spacing import han_latin_gap
from xhprint.text.types import ComposeSpec, Metrics, TextIssue

VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


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
    issues = [
        TextIssue("dropped-control", text[i], i) for i, silent in seg.dropped if not silent
    ]
    cache: dict[tuple[str, bool], tuple[str, float, bool]] = {}
    chars: list[str] = []
    face: list[str] = []
    adv: list[float] = []
    cls = list(seg.classes)
    for n, i in enumerate(seg.items):
        c = text[i]
        b = bold[i]
        hit = cache.get((c, b))
        if hit is None:
            g = metrics.glyph(c, bold_role if b else spec.role, b,
                              spec.punct_position if cls[n] == PUNCT else "")
            if g is not None:
                hit = (g.face, g.advance, False)
            elif cls[n] in (SPACE, NBSP):
                hit = ("", 0.25, False)
            elif cls[n] == IDSP:
                hit = ("", 1.0, False)
            elif cls[n] == MARK and any(ord(c) in r for r in VARIATION_SELECTORS):
                hit = ("", 0.0, False)
            else:
                hit = ("", 1.0, True)
            cache[(c, b)] = hit
        f, a, missing = hit
        if missing:
            issues.append(TextIssue("missing-glyph", c, i))
        if not f and cls[n] == MARK and face:
            f = face[-1]
        chars.append(c)
        face.append(f)
        adv.append(a * em)
    n_items = len(chars)
    slot = adv[:]
    hscale = [1.0] * n_items
    for i, p in enumerate(seg.paired):
        if p:  # —— / ……: two glyphs, each one em, reading as one continuous mark
            for j in (i, i + 1):
                if 0 < adv[j] < em:
                    hscale[j] = em / adv[j]
                    slot[j] = em
    kind = [K_NONE] * n_items
    bl = [0.0] * n_items
    br = [0.0] * n_items
    sl = [0.0] * n_items
    sr = [0.0] * n_items
    box_cache: dict[tuple[str, float], PunctBox] = {}
    for i, c in enumerate(chars):
        if cls[i] > 1:  # only HAN/PUNCT classes carry CJK punctuation
            continue
        key = (c, adv[i])
        box = box_cache.get(key)
        if box is None:
            box = box_cache[key] = punct_box(c, adv[i] / em, spec.punct_position, spec.punct_style)
        if box.kind != K_NONE:
            kind[i] = box.kind
            bl[i] = box.blank_left * em
            br[i] = box.blank_right * em
            sl[i] = box.trim_left * em
            sr[i] = box.trim_right * em
    gap = [0.0] * n_items
    for i in range(1, n_items):
        g = han_latin_gap(cls[i - 1], cls[i])
        if g:
            gap[i] = g * em
    pair_who, pair_left = _pairs(chars, kind, bl, br, sl, sr, slot, em, gb)
    w0 = [slot[i] - sl[i] - sr[i] for i in range(n_items)]
    for k in range(1, n_items):
        if pair_who[k] >= 0:
            w0[pair_who[k]] -= em / 2
    cum = [0.0] * (n_items + 1)
    acc = 0.0
    for i in range(n_items):
        acc += w0[i] + gap[i]
        cum[i + 1] = acc
    unit_of = [0] * n_items
    us = seg.unit_start
    for u in range(len(us) - 1):
        for i in range(us[u], us[u + 1]):
            unit_of[i] = u
    return Para(
        text, spec, em, gb, chars, list(seg.items), cls, face, adv, slot, hscale, kind,
        bl, br, sl, sr, gap, pair_who, pair_left, w0, cum, us, seg.allowed, seg.paired,
        unit_of, issues,
    )


def _pairs(
    chars: list[str], kind: list[int], bl: list[float], br: list[float],
    sl: list[float], sr: list[float], slot: list[float], em: float, gb: bool,
) -> tuple[list[int], list[bool]]:
    """Adjacent full-width marks that take 2 em take 1.5 em (clreq §3.1.6.2).

    Centred placement (CNS) compresses only pairs involving a bracket or quote, and only trims
    the brackets' own blank. Returns, per pair (k-1, k), the trimmed item and side.
    """
    n = len(chars)
    who = [-1] * n
    left = [False] * n
    used_l = [0.0] * n
    used_r = [0.0] * n
    half = em / 2
    eps = 1e-6
    brackets = (K_OPEN, K_CLOSE)
    for k in range(1, n):
        i, j = k - 1, k
        if kind[i] == K_NONE or kind[j] == K_NONE:
            continue
        if not gb and kind[i] not in brackets and kind[j] not in brackets:
            continue
        wi = slot[i] - sl[i] - sr[i] - used_l[i] - used_r[i]
        wj = slot[j] - sl[j] - sr[j] - used_l[j] - used_r[j]
        if wi + wj < 2 * em - eps:
            continue  # already narrower than two full ems
        ok_i = gb or kind[i] in brackets
        ok_j = gb or kind[j] in brackets
        options = (
            (i, False, ok_i and br[i] - sr[i] - used_r[i] >= half - eps),
            (j, True, ok_j and bl[j] - sl[j] - used_l[j] >= half - eps),
            (j, False, kind[j] == K_CLOSE and br[j] - sr[j] - used_r[j] >= half - eps),
            (i, True, kind[i] == K_OPEN and bl[i] - sl[i] - used_l[i] >= half - eps),
        )
        for item, is_left, ok in options:
            if ok:
                who[k] = item
                left[k] = is_left
                if is_left:
                    used_l[item] += half
                else:
                    used_r[item] += half
                break
    return who, left
