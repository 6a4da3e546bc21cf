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
#: letters or digits after a dot inside a Latin token (a bare domain: economic.▁tainan)
#: for a line to end at that dot; issue.yaml, Node.js, e.g. stay whole
MIN_DOT_PART = 5


CJK_START = 0x2E80  # CJK Radicals Supplement: ideographs, kana and CJK symbols from here on

# Characters whose class is theirs alone, whatever their Unicode category.
_FIXED = {
    " ": SPACE,
    "\u3000": IDSP,
    **dict.fromkeys(ZERO_WIDTH_BREAKS, ZW),
    **dict.fromkeys(NO_BREAK_SPACES, NBSP),
}
# Unicode general categories that decide the class on their own.
_CATEGORY_CLASS = {
    "Mn": MARK, "Mc": MARK, "Me": MARK,
    "Zs": SPACE,
    "Cc": DROP, "Cf": DROP, "Zl": DROP, "Zp": DROP, "Cs": DROP,
}


def _letter(c: str, o: int, cat: str) -> int:
    # full-width Latin (U+FF21–FF5A) lies above CJK_START too: set on the grid like Han
    return HAN if o >= CJK_START else LATIN


def _decimal(c: str, o: int, cat: str) -> int:
    return HAN if 0xFF10 <= o <= 0xFF19 else DIGIT  # full-width digits: on the grid


def _letter_number(c: str, o: int, cat: str) -> int:
    return HAN if o >= CJK_START else _by_block(c, o, cat)  # 〇 and Suzhou numerals


def _by_block(c: str, o: int, cat: str) -> int:
    """Punctuation, symbols and the rest: CJK punctuation by block or by name."""
    if c in CJK_QUOTES or c in PAIRED_MARKS or c == "⸺":
        return PUNCT
    if any(lo <= o <= hi for lo, hi in PUNCT_BLOCKS):
        return PUNCT
    if o >= CJK_START and cat[0] == "S":
        return HAN  # CJK symbols (℃ is U+2103, below this and stays OTHER)
    return OTHER


# Categories whose class depends on the code point too; any other goes by block.
_CATEGORY_RULE = {
    **dict.fromkeys(("Lu", "Ll", "Lt", "Lm", "Lo"), _letter),
    "Nd": _decimal,
    "Nl": _letter_number,
}


def char_class(c: str) -> int:
    """Classify one character (see the class constants)."""
    fixed = _FIXED.get(c)
    if fixed is not None:
        return fixed
    cat = unicodedata.category(c)
    fixed = _CATEGORY_CLASS.get(cat)
    if fixed is not None:
        return fixed
    return _CATEGORY_RULE.get(cat, _by_block)(c, ord(c), cat)


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


def _letters(cls: list[int], k: int, step: int, kinds: tuple[int, ...] = (LATIN,)) -> int:
    """Length of the run of Latin letters (or other `kinds`) from item k going by `step`
    (-1 or 1)."""
    n = 0
    while 0 <= k < len(cls) and cls[k] in kinds:
        n += 1
        k += step
    return n


BREAK_SPACES = (SPACE, IDSP)  # a line may break after them, never before
WORD_CLASSES = (LATIN, DIGIT, MARK)  # a run of these is one word or number
ALNUM = (LATIN, DIGIT)
N_CLASSES = DROP + 1


def _class_glue(cp: int, cq: int) -> bool | None:
    """Whether items of classes cp, cq are glued whatever the characters; None: they decide.

    A mark stays with what precedes it and a no-break space glues both sides; a space
    is a break opportunity; letters and digits run on as one word or number.
    """
    if cq == MARK or NBSP in (cp, cq):
        return True
    if cp in BREAK_SPACES or cq in BREAK_SPACES:
        return False
    if cp in WORD_CLASSES and cq in WORD_CLASSES:
        return True
    return None


# _class_glue for every pair of classes, looked up once per pair of items.
CLASS_GLUE = tuple(tuple(_class_glue(cp, cq) for cq in range(N_CLASSES)) for cp in range(N_CLASSES))


def _joined(chars: list[str], cls: list[int], k: int, url: list[int],
            phone: list[int]) -> bool | None:
    """Whether items k-1 and k are glued (same unit); None means "token break here"."""
    p, q = chars[k - 1], chars[k]
    if url[k - 1] and url[k - 1] == url[k]:
        return None if url_breaks_between(p, q) else True
    if phone[k - 1] and phone[k - 1] == phone[k]:
        return None if p == "-" else True
    glue = CLASS_GLUE[cls[k - 1]][cls[k]]
    if glue is not None:
        return glue
    return _chars_glued(chars, cls, k)


def _chars_glued(chars: list[str], cls: list[int], k: int) -> bool:
    """The rules that look at the characters themselves (classes left it open)."""
    if chars[k - 1] == "-" and k >= 2 and cls[k] in ALNUM and cls[k - 2] in ALNUM:
        return not _breaks_after_hyphen(cls, k)
    if chars[k - 1] == "." and k >= 2 and cls[k] in ALNUM and cls[k - 2] in ALNUM:
        return _letters(cls, k, 1, ALNUM) < MIN_DOT_PART  # a file name stays whole
    return _number_glued(chars, cls, k) or _quote_glued(chars, cls, k) or _attached(
        chars[k - 1], chars[k])


def _breaks_after_hyphen(cls: list[int], k: int) -> bool:
    """well-▁known breaks after its hyphen (letters both sides, enough of them);
    COVID-19, 5G-A, U-12 never do."""
    return (cls[k] == LATIN and _letters(cls, k - 2, -1) >= MIN_HYPHEN_WORD
            and _letters(cls, k, 1) >= MIN_HYPHEN_WORD)


# What glues to a number's first digit: ¥100, №5, 第40期, (1)2, and a separator after a
# digit (1,000 10:30 2023-10-02).
NUMBER_LEAD = NUMBER_PREFIX | {ORDINAL_PREFIX, ")"}


def _number_glued(chars: list[str], cls: list[int], k: int) -> bool:
    """A number with its sign, separators and unit (clreq §3.1.7): ¥100, 1,000, 386座,
    5公里, 25°C."""
    p, q = chars[k - 1], chars[k]
    if cls[k] == DIGIT and _number_head(p, _char(chars, k - 2)):
        return True
    if cls[k - 1] == DIGIT and _number_tail(q, _char(chars, k + 1)):
        return True
    if k >= 2 and cls[k - 2] == DIGIT and p + q in TWO_CHAR_UNITS:
        return True  # 5公里, 3億元
    return p == "°" and cls[k] == LATIN  # 25°C


def _number_head(p: str, pp: str) -> bool:
    """Whether `p` (after `pp`) stays with the digit after it."""
    return p in NUMBER_LEAD or (p in NUMBER_JOINERS and pp.isdigit())


def _number_tail(q: str, nq: str) -> bool:
    """Whether `q` (followed by `nq`) stays with the digit before it."""
    return (q in NUMBER_SUFFIX or (q in NUMBER_JOINERS and nq.isdigit())
            or q in UNIT_CHARS or q + nq in TWO_CHAR_UNITS)


def _quote_glued(chars: list[str], cls: list[int], k: int) -> bool:
    """An opening Latin quote clings to its word; an apostrophe inside a word (don’t)."""
    p, q = chars[k - 1], chars[k]
    if p in "\"'" and cls[k] in WORD_CLASSES:
        return True
    if q == "’" and cls[k - 1] == LATIN and _char(chars, k + 1).isalpha():
        return True
    return p == "’" and cls[k] == LATIN and _char(chars, k - 2).isalpha()


def _attached(p: str, q: str) -> bool:
    """Latin punctuation that clings to its neighbour (ATTACH_LEFT, ATTACH_RIGHT), and a
    hyphen or number sign."""
    return q in ATTACH_LEFT or q == "-" or p in ATTACH_RIGHT or p in NUMBER_PREFIX


def _char(chars: list[str], i: int) -> str:
    """chars[i], or "" outside the text."""
    return chars[i] if 0 <= i < len(chars) else ""


@dataclass(frozen=True)
class _Items:
    """The glyph-bearing characters of a text (items) and what was dropped around them."""

    items: list[int]  # text index of each item
    chars: list[str]
    cls: list[int]
    zw_before: list[bool]  # a U+200B stood just before the item
    dropped: list[tuple[int, bool]]  # (text index, silent) of characters without glyphs


def _items(text: str) -> _Items:
    """Classify every character; keep those that carry glyphs."""
    out = _Items([], [], [], [], [])
    known: dict[str, int] = {}
    pending_zw = False
    for i, c in enumerate(text):
        k = known.get(c)
        if k is None:
            k = known[c] = char_class(c)
        if k == ZW or k == DROP:
            out.dropped.append((i, k == ZW))
            pending_zw = pending_zw or k == ZW
            continue
        out.items.append(i)
        out.chars.append(c)
        out.cls.append(k)
        out.zw_before.append(pending_zw)
        pending_zw = False
    return out


def _paired(chars: list[str]) -> list[bool]:
    """The first item of each —— / …… pair (clreq §3.1.7 unbreakable marks)."""
    n = len(chars)
    paired = [False] * n
    i = 0
    while i < n - 1:
        if chars[i] in PAIRED_MARKS and chars[i + 1] == chars[i]:
            paired[i] = True
            i += 2
        else:
            i += 1
    return paired


def _may_break(p: str, q: str, cp: int, cq: int, token_break: bool,
               no_start: frozenset[str], no_end: frozenset[str]) -> bool:
    """Whether a line may break between the units ending in `p` and starting with `q`."""
    if cq in BREAK_SPACES:
        return False  # break after a space, not before it
    if cp in BREAK_SPACES:
        return q not in no_start
    if token_break:
        return True  # a URL's own break points are exempt from the solidus rule
    return q not in no_start and p not in no_end


def segment(text: str, kinsoku: str = "basic") -> Segmentation:
    """Split `text` into items and unbreakable units, with the allowed breaks."""
    no_start = no_start_set(kinsoku)
    no_end = no_end_set(kinsoku)
    it = _items(text)
    url_by_text, phone_by_text = token_masks(text)
    url = [url_by_text[i] for i in it.items]
    phone = [phone_by_text[i] for i in it.items]
    paired = _paired(it.chars)
    unit_start, allowed, url_break = _units(it, paired, url, phone, no_start, no_end)
    return Segmentation(
        text=text,
        items=tuple(it.items),
        classes=tuple(it.cls),
        unit_start=tuple(unit_start),
        allowed=tuple(allowed),
        url_break=tuple(url_break),
        paired=tuple(paired),
        dropped=tuple(it.dropped),
    )


def _units(it: _Items, paired: list[bool], url: list[int], phone: list[int],
           no_start: frozenset[str], no_end: frozenset[str],
           ) -> tuple[list[int], list[bool], list[bool]]:
    """First item of every unit (and the sentinel), whether a line may break before it,
    and whether that is a URL's or phone number's own break."""
    chars, cls, zw_before = it.chars, it.cls, it.zw_before
    n = len(chars)
    unit_start: list[int] = [0] if n else []
    allowed: list[bool] = [False] if n else []
    url_break: list[bool] = [False] if n else []
    for k in range(1, n):
        if paired[k - 1]:
            continue  # second half of —— / ……
        j = None if zw_before[k] else _joined(chars, cls, k, url, phone)
        if j:
            continue
        token_break = j is None and not zw_before[k]
        unit_start.append(k)
        url_break.append(token_break)
        allowed.append(_may_break(chars[k - 1], chars[k], cls[k - 1], cls[k], token_break,
                                  no_start, no_end))
    unit_start.append(n)
    return unit_start, allowed, url_break


def break_opportunities(text: str, kinsoku: str = "basic") -> list[int]:
    """Text offsets where a line may break (the offset of the next line's first character)."""
    seg = segment(text, kinsoku)
    return [
        seg.items[seg.unit_start[u]]
        for u in range(1, len(seg.unit_start) - 1)
        if seg.allowed[u]
    ]
