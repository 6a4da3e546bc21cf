"""The segmenter's rule tables and helpers, one rule at a time (segment.py)."""

import pytest

from xhprint.text import segment as sg


@pytest.mark.parametrize(("char", "cls"), [
    (" ", sg.SPACE), ("\u2003", sg.SPACE), ("\u3000", sg.IDSP), ("\u200b", sg.ZW),
    ("\u00a0", sg.NBSP), ("\u202f", sg.NBSP), ("\u2007", sg.NBSP),
    ("中", sg.HAN), ("𠀀", sg.HAN), ("か", sg.HAN), ("Ａ", sg.HAN), ("ｚ", sg.HAN),
    ("A", sg.LATIN), ("é", sg.LATIN), ("я", sg.LATIN),
    ("7", sg.DIGIT), ("٣", sg.DIGIT), ("７", sg.HAN),
    ("〇", sg.HAN), ("Ⅻ", sg.OTHER),
    ("\u0301", sg.MARK), ("\ufe0f", sg.MARK),
    ("\ufeff", sg.DROP), ("\x07", sg.DROP), ("\u2028", sg.DROP), ("\u00ad", sg.DROP),
    ("，", sg.PUNCT), ("」", sg.PUNCT), ("“", sg.PUNCT), ("—", sg.PUNCT), ("…", sg.PUNCT),
    ("⸺", sg.PUNCT), ("％", sg.PUNCT), ("￥", sg.PUNCT),
    ("㎡", sg.HAN), ("℃", sg.OTHER), ("%", sg.OTHER), ("-", sg.OTHER), ("½", sg.OTHER),
])
def test_char_class(char, cls) -> None:
    assert sg.char_class(char) == cls


def test_class_glue_table_matches_its_rule() -> None:
    for cp in range(sg.N_CLASSES):
        for cq in range(sg.N_CLASSES):
            assert sg.CLASS_GLUE[cp][cq] is sg._class_glue(cp, cq)


@pytest.mark.parametrize(("cp", "cq", "glue"), [
    (sg.HAN, sg.MARK, True),  # a mark stays with what precedes it
    (sg.SPACE, sg.MARK, True),
    (sg.HAN, sg.NBSP, True), (sg.NBSP, sg.HAN, True),
    (sg.HAN, sg.SPACE, False), (sg.SPACE, sg.HAN, False), (sg.IDSP, sg.LATIN, False),
    (sg.LATIN, sg.DIGIT, True), (sg.DIGIT, sg.LATIN, True),
    (sg.HAN, sg.HAN, None), (sg.DIGIT, sg.HAN, None), (sg.OTHER, sg.LATIN, None),
])
def test_class_glue(cp, cq, glue) -> None:
    assert sg._class_glue(cp, cq) is glue


@pytest.mark.parametrize(("p", "pp", "glued"), [
    ("¥", "", True), ("№", "", True), ("第", "", True), (")", "", True),
    (",", "1", True), (".", "3", True), ("-", "9", True),
    (",", "a", False), ("-", "", False), ("年", "", False),
])
def test_number_head(p, pp, glued) -> None:
    assert sg._number_head(p, pp) is glued


@pytest.mark.parametrize(("q", "nq", "glued"), [
    ("%", "", True), ("℃", "", True), ("座", "", True), ("公", "里", True),
    (".", "5", True), (":", "3", True),
    (".", "", False), (",", "a", False), ("公", "司", False), ("中", "", False),
])
def test_number_tail(q, nq, glued) -> None:
    assert sg._number_tail(q, nq) is glued


def _joined(text: str, k: int) -> bool | None:
    chars = list(text)
    cls = [sg.char_class(c) for c in chars]
    zero = [0] * len(chars)
    return sg._joined(chars, cls, k, zero, zero)


@pytest.mark.parametrize(("text", "k", "glued"), [
    ("well-known", 5, False),  # after the hyphen of two long enough words
    ("COVID-19", 6, True), ("5G-A", 3, True), ("U-12", 2, True), ("ab-cde", 3, True),
    ("5公里", 2, True), ("3億元", 2, True), ("25°C", 3, True),
    ("\"word", 1, True), ("don’t", 4, True), ("don’t", 3, True), ("’90s", 1, False),
    ("word,", 4, True), ("(a", 1, True), ("中-", 1, True),
    ("issue.yaml", 6, True), ("Node.js", 5, True), ("e.g", 2, True),  # a dot inside a word
    ("economic.tainan", 9, False),  # a bare domain: after the dot, before a long part
    ("中文", 1, False), ("中，", 1, False), ("，中", 1, False),
])
def test_chars_glued(text, k, glued) -> None:
    assert _joined(text, k) is glued


def test_token_breaks_are_none_and_glue_inside_a_token() -> None:
    chars = list("ab/cd")
    cls = [sg.char_class(c) for c in chars]
    url = [1] * 5
    none = [0] * 5
    assert sg._joined(chars, cls, 3, url, none) is None  # after the solidus
    assert sg._joined(chars, cls, 1, url, none) is True
    phone = list("06-21")
    pcls = [sg.char_class(c) for c in phone]
    assert sg._joined(phone, pcls, 3, none, [1] * 5) is None  # after the hyphen
    assert sg._joined(phone, pcls, 1, none, [1] * 5) is True


@pytest.mark.parametrize(("text", "paired"), [
    ("——", [True, False]), ("…………", [True, False, True, False]),
    ("———", [True, False, False]), ("—…", [False, False]), ("中——", [False, True, False]),
])
def test_paired(text, paired) -> None:
    assert sg._paired(list(text)) == paired


def test_items_drop_controls_and_remember_zero_width_breaks() -> None:
    it = sg._items("a\u200b\ufeffb\ufeffc")
    assert it.chars == ["a", "b", "c"]
    assert it.items == [0, 3, 5]
    assert it.dropped == [(1, True), (2, False), (4, False)]
    assert it.zw_before == [False, True, False]


@pytest.mark.parametrize(("p", "q", "cp", "cq", "token", "ok"), [
    ("中", " ", sg.HAN, sg.SPACE, False, False),  # never before a space
    (" ", "中", sg.SPACE, sg.HAN, False, True),
    (" ", "，", sg.SPACE, sg.PUNCT, False, False),  # … but kinsoku after it
    ("/", "a", sg.OTHER, sg.LATIN, True, True),  # a URL's own break: solidus allowed
    ("/", "中", sg.OTHER, sg.HAN, False, False),
    ("中", "，", sg.HAN, sg.PUNCT, False, False),
    ("「", "中", sg.PUNCT, sg.HAN, False, False),
    ("中", "文", sg.HAN, sg.HAN, False, True),
])
def test_may_break(p, q, cp, cq, token, ok) -> None:
    no_start, no_end = sg.no_start_set("gb"), sg.no_end_set("gb")
    assert sg._may_break(p, q, cp, cq, token, no_start, no_end) is ok
