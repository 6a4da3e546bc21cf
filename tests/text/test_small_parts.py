"""Helpers of punctuation, tokens, the greedy breaker and the line results."""

import pytest
from fake_metrics import FakeMetrics

from xhprint.text import compose as cp
from xhprint.text import linebreak as lb
from xhprint.text import punctuation as pu
from xhprint.text import tokens as tk
from xhprint.text.prepare import prepare
from xhprint.text.types import ComposeSpec

EM = 10.0


def _para(text: str, **kw):
    spec = ComposeSpec(size=EM, measure=10 * EM, **kw)
    return prepare(text, [False] * len(text), spec, FakeMetrics(), "song")


@pytest.mark.parametrize(("c", "position", "style", "blanks"), [
    ("「", "gb", "quanjiao", (0.5, 0.0)), ("」", "centred", "quanjiao", (0.0, 0.5)),
    ("，", "gb", "quanjiao", (0.0, 0.5)), ("。", "centred", "quanjiao", (0.25, 0.25)),
    ("？", "centred", "quanjiao", (0.0, 0.0)), ("？", "centred", "kaiming", (0.25, 0.25)),
])
def test_blanks(c, position, style, blanks) -> None:
    assert pu._blanks(c, pu.punct_kind(c), position, style) == blanks


@pytest.mark.parametrize(("kind", "style", "half"), [
    (pu.K_PAUSE, "banjiao", True), (pu.K_STOP, "banjiao", True),
    (pu.K_PAUSE, "kaiming", True), (pu.K_STOP, "kaiming", False),
    (pu.K_OPEN, "kaiming", True), (pu.K_PAUSE, "quanjiao", False),
])
def test_half_width(kind, style, half) -> None:
    assert pu._half_width(kind, style) is half


def test_punct_box_keeps_the_kind_of_a_centred_question_mark() -> None:
    box = pu.punct_box("？", 1.0, "centred", "quanjiao")
    assert box == pu.PunctBox(pu.K_STOP, 0.0, 0.0, 0.0, 0.0)
    assert pu.punct_box("，", 0.5, "gb", "quanjiao") is pu.NO_BOX  # not full width


def test_url_ids_leave_out_trailing_punctuation_and_mail_inside_links() -> None:
    text = "見 https://a.b/c?x=1). 或 x@y.org。"
    ids = tk._url_ids(text)
    link = text.index("https")
    assert set(ids[link:text.index(")")]) == {1} and ids[text.index(")")] == 0
    mail = text.index("x@")
    assert set(ids[mail:mail + 7]) == {2} and ids[mail + 7] == 0
    inside = tk._url_ids("https://u@host.org/p")
    assert set(inside) == {1}  # user@host is part of the link, not an address of its own
    assert tk._without_trailing("a.b.,;", 0, 6) == 3


def test_phone_ids_need_seven_digits_and_stay_out_of_urls() -> None:
    text = "電話06-2136544，分機01-23"
    ids = tk._phone_ids(text, [0] * len(text))
    start = text.index("06")
    assert set(ids[start:start + 10]) == {1} and not any(ids[text.index("01"):])
    assert not any(tk._phone_ids(text, [1] * len(text)))


def test_last_fit_and_in_word() -> None:
    p = _para("abcdefghijklmnopqrstuvwxyz")  # ½ em letters: twenty to a line
    assert lb._in_word(p, 3)
    assert lb._last_fit(p, 0, 26, 10 * EM, 0.0) == 20
    assert lb._last_fit(p, 0, 26, 10 * EM, 5.0) == 19  # room for the hyphen
    assert lb._last_fit(p, 0, 26, 0.1, 0.0) == 1  # at least one item


def test_fix_orphan_returns_new_spans_and_leaves_the_old_ones() -> None:
    p = _para("一二三四五六七八九十甲")
    spans = [lb.Span(0, 10), lb.Span(10, 11)]
    fixed = lb._fix_orphan(p, spans, 10 * EM)
    assert fixed == [lb.Span(0, 9), lb.Span(9, 11)]
    assert spans == [lb.Span(0, 10), lb.Span(10, 11)]
    assert lb._orphan_break(p, spans[0], spans[1], 10 * EM) == 9
    assert lb._orphan_break(p, spans[0], spans[1], 1.5 * EM) is None  # would overflow
    two = [lb.Span(0, 9), lb.Span(9, 11)]
    assert lb._fix_orphan(p, two, 10 * EM) is two  # nothing to fix


def test_set_span_ends_a_split_word_with_a_hyphen() -> None:
    p = _para("abcdefghij")
    assert cp._hyphen(p, FakeMetrics()) == ("R", 5.0)
    glyphs, end = cp._set_span(p, lb.Span(0, 4, hyphen=True), 0.0, False, "left", (),
                               FakeMetrics())
    assert [g.text for g in glyphs] == ["a", "b", "c", "d", cp.HYPHEN_TEXT]
    assert glyphs[-1].x == 20.0 and end == 25.0
    glyphs, end = cp._set_span(p, lb.Span(0, 4), 0.0, False, "left", (), FakeMetrics())
    assert len(glyphs) == 4 and end == 20.0
