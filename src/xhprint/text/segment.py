"""Segmentation of paragraph text into unbreakable units and break opportunities.

Takes the paragraph text and a kinsoku level; returns which characters carry glyphs
("items"), which are dropped, how items group into units that never break inside
(clreq §3.1.7 "Prohibition Rules for Unbreakable Marks", JLREQ §3.1.10), and whether
a line may break before each unit (clreq §3.1.7 line start/end prohibitions).

Units: —— and …… (two em, never split); digits with their separators; a currency
sign, № or # with its number; a number with %/‰/°/℃ or its unit (386座, 10點, 5公里);
Latin words (break only at spaces, or after a hyphen between two words of three
letters or more: well-▁known, never COVID-19, 5G-A, U-12); URLs and e-mail addresses
(break after / . - ? & = @); phone numbers (break after a hyphen only); see tokens.py.
U+00A0 glues its neighbours; a space allows a break after it, never before it;
U+200B prints nothing but allows a break; other control and format characters
(U+FEFF, U+00AD, bidi controls, C0/C1 controls) are dropped and the composer
reports them (docs/manifest.md "Invisible characters"). U+FEFF is not a break:
inside text it is ZERO WIDTH NO-BREAK SPACE, a stray byte-order mark from pasted files.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from xhprint.text.kinsoku import no_end_set, no_start_set
from xhprint.text.tokens import TWO_CHAR_UNITS, UNIT_CHARS, token_masks, url_breaks_between

# Character classes (small ints: the composer keeps them in plain lists).
HAN = 0  # ideographs (incl. non-BMP), kana, full-width forms: one em, grid-aligned
PUNCT = 1  # CJK punctuation and full-width symbols
LATIN = 2  # letters of alphabetic scripts
DIGIT = 3  # decimal digits (proportional)
SPACE = 4  # U+0020 and other breaking spaces
NBSP = 5  # U+00A0, U+202F, U+2007: a space that never breaks
IDSP = 6  # U+3000 ideographic (full-width) space
MARK = 7  # combining marks, variation selectors: stay with the preceding character
OTHER = 8  # ASCII punctuation, symbols
ZW = 9  # U+200B: silent break opportunity, no glyph
DROP = 10  # other control/format characters: dropped with a warning

ZERO_WIDTH_BREAKS = frozenset("\u200b")
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")

# Latin punctuation that clings to the preceding character (UAX #14 classes CL/CP/IS/EX
# in spirit): never a line break before it.
ATTACH_LEFT = frozenset(",.;:!?)]}>%'\"")
# ... and to the following character: never a break after it.
ATTACH_RIGHT = frozenset("([{<")
# clreq §3.1.7 unbreakable: a currency sign, № or # belongs to its number ...
NUMBER_PREFIX = frozenset("$¥￥€£₩№#＃")
# ... and a number to its unit sign.
NUMBER_SUFFIX = frozenset("%％‰°℃℉′″")
# Separators inside a number: 1,000.5  10:30  2023-10-02  1/2  100-1=0
NUMBER_JOINERS = frozenset(".,:/-=+×")
# Two-em punctuation (clreq §3.1.7 unbreakable marks): pairs of these are one unit.
PAIRED_MARKS = frozenset("—…⋯")
PUNCT_BLOCKS = ((0x3000, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
CJK_QUOTES = frozenset("“”‘’")
ORDINAL_PREFIX = "第"  # 第40期: the ordinal prefix stays with its number
MIN_HYPHEN_WORD = 3  # letters each side of a hyphen that may end a line


def char_class(c: str) -> int:
    """Classify one character (see the class constants)."""
    if c == " ":
        return SPACE
    if c in ZERO_WIDTH_BREAKS:
        return ZW
    if c in NO_BREAK_SPACES:
        return NBSP
    if c == "\u3000":
        return IDSP
    o = ord(c)
    cat = unicodedata.category(c)
    if cat[0] == "L":
        if 0xFF21 <= o <= 0xFF5A:  # full-width Latin: set on the grid like Han
            return HAN
        return HAN if o >= 0x2E80 else LATIN
    if cat == "Nl" and o >= 0x2E80:
        return HAN  # 〇 and Suzhou numerals
    if cat == "Nd":
        return HAN if 0xFF10 <= o <= 0xFF19 else DIGIT
    if cat[0] == "M":
        return MARK
    if cat == "Zs":
        return SPACE
    if cat in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return DROP
    if c in CJK_QUOTES or c in PAIRED_MARKS or c == "⸺":
        return PUNCT
    for lo, hi in PUNCT_BLOCKS:
        if lo <= o <= hi:
            return PUNCT
    if o >= 0x2E80 and cat[0] == "S":
        return HAN  # CJK symbols (℃ is U+2103, below this and stays OTHER)
    return OTHER


@dataclass(frozen=True)
class Segmentation:
    """Items (glyph-bearing characters), units and break opportunities of one text.

    `items[i]` is a text index; `unit_start[u]` the first item of unit u (with a final
    sentinel len(items)); `allowed[u]` whether a line may break before unit u.
    `paired[i]` marks the first item of a —— / …… pair. `dropped` lists text indices
    of characters without glyphs and whether they are silent (U+200B).
    """

    text: str
    items: tuple[int, ...]
    classes: tuple[int, ...]
    unit_start: tuple[int, ...]
    allowed: tuple[bool, ...]
    url_break: tuple[bool, ...]
    paired: tuple[bool, ...]
    dropped: tuple[tuple[int, bool], ...]


def _letters(cls: list[int], k: int, step: int) -> int:
    """Length of the run of Latin letters from item k going by `step` (-1 or 1)."""
    n = 0
    while 0 <= k < len(cls) and cls[k] == LATIN:
        n += 1
        k += step
    return n


def _joined(chars: list[str], cls: list[int], k: int, url: list[int],
            phone: list[int]) -> bool | None:
    """Whether items k-1 and k are glued (same unit); None means "token break here"."""
    p, q = chars[k - 1], chars[k]
    cp, cq = cls[k - 1], cls[k]
    pp = chars[k - 2] if k >= 2 else ""
    nq = chars[k + 1] if k + 1 < len(chars) else ""
    if url[k - 1] and url[k - 1] == url[k]:
        return None if url_breaks_between(p, q) else True
    if phone[k - 1] and phone[k - 1] == phone[k]:
        return None if p == "-" else True
    if cq == MARK or cp == NBSP or cq == NBSP:
        return True
    if cp in (SPACE, IDSP) or cq in (SPACE, IDSP):
        return False
    word = (LATIN, DIGIT, MARK)
    if cp in word and cq in word:
        return True
    if p == "-" and k >= 2 and cq in (LATIN, DIGIT) and cls[k - 2] in (LATIN, DIGIT):
        # well-▁known breaks after its hyphen; COVID-19, 5G-A, U-12 never do
        return not (cq == LATIN and _letters(cls, k - 2, -1) >= MIN_HYPHEN_WORD
                    and _letters(cls, k, 1) >= MIN_HYPHEN_WORD)
    if cq == DIGIT and (p in NUMBER_PREFIX or p == ORDINAL_PREFIX or p == ")"
                        or (p in NUMBER_JOINERS and pp.isdigit())):
        return True
    if cp == DIGIT and (q in NUMBER_SUFFIX or (q in NUMBER_JOINERS and nq.isdigit())
                        or q in UNIT_CHARS or q + nq in TWO_CHAR_UNITS):
        return True
    if k >= 2 and cls[k - 2] == DIGIT and p + q in TWO_CHAR_UNITS:
        return True  # 5公里, 3億元
    if p == "°" and cq == LATIN:
        return True  # 25°C
    if p in "\"'" and cq in word:
        return True  # an opening Latin quote clings to its word
    if q == "’" and cp == LATIN and nq and nq.isalpha():
        return True  # don’t
    if p == "’" and cq == LATIN and pp and pp.isalpha():
        return True
    if q in ATTACH_LEFT or q == "-":
        return True
    if p in ATTACH_RIGHT or p in NUMBER_PREFIX:
        return True
    return False


def segment(text: str, kinsoku: str = "basic") -> Segmentation:
    """Split `text` into items and unbreakable units, with the allowed breaks."""
    no_start = no_start_set(kinsoku)
    no_end = no_end_set(kinsoku)
    cache: dict[str, int] = {}
    items: list[int] = []
    chars: list[str] = []
    cls: list[int] = []
    dropped: list[tuple[int, bool]] = []
    zw_before: list[bool] = []
    pending_zw = False
    for i, c in enumerate(text):
        k = cache.get(c)
        if k is None:
            k = cache[c] = char_class(c)
        if k == ZW:
            dropped.append((i, True))
            pending_zw = True
            continue
        if k == DROP:
            dropped.append((i, False))
            continue
        items.append(i)
        chars.append(c)
        cls.append(k)
        zw_before.append(pending_zw)
        pending_zw = False
    n = len(items)
    url_by_text, phone_by_text = token_masks(text)
    url = [url_by_text[i] for i in items]
    phone = [phone_by_text[i] for i in items]
    paired = [False] * n
    i = 0
    while i < n - 1:
        if chars[i] in PAIRED_MARKS and chars[i + 1] == chars[i]:
            paired[i] = True
            i += 2
        else:
            i += 1
    unit_start: list[int] = [0] if n else []
    allowed: list[bool] = [False] if n else []
    url_break: list[bool] = [False] if n else []
    for k in range(1, n):
        if paired[k - 1]:
            continue  # second half of —— / ……
        j = None if zw_before[k] else _joined(chars, cls, k, url, phone)
        if j:
            continue
        unit_start.append(k)
        url_break.append(j is None and not zw_before[k])
        p, q = chars[k - 1], chars[k]
        if cls[k] in (SPACE, IDSP):
            ok = False  # break after a space, not before it
        elif cls[k - 1] in (SPACE, IDSP):
            ok = q not in no_start
        elif j is None and not zw_before[k]:
            ok = True  # a URL's own break points are exempt from the solidus rule
        else:
            ok = q not in no_start and p not in no_end
        allowed.append(ok)
    unit_start.append(n)
    return Segmentation(
        text=text,
        items=tuple(items),
        classes=tuple(cls),
        unit_start=tuple(unit_start),
        allowed=tuple(allowed),
        url_break=tuple(url_break),
        paired=tuple(paired),
        dropped=tuple(dropped),
    )


def break_opportunities(text: str, kinsoku: str = "basic") -> list[int]:
    """Text offsets where a line may break (the offset of the next line's first character)."""
    seg = segment(text, kinsoku)
    return [
        seg.items[seg.unit_start[u]]
        for u in range(1, len(seg.unit_start) - 1)
        if seg.allowed[u]
    ]
