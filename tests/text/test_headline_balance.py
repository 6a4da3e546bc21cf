"""Headline balancing's parts: the 孤字 count, one more line, reading the breaks back."""

from fake_metrics import FakeMetrics

from xhprint.text import headline as hl
from xhprint.text.linebreak import Span, counted, counted_before, is_counted
from xhprint.text.prepare import prepare
from xhprint.text.types import ComposeSpec

EM = 10.0


def _para(text: str):
    spec = ComposeSpec(size=EM, measure=20 * EM)
    return prepare(text, [False] * len(text), spec, FakeMetrics(), "song")


def test_counted_before_is_the_prefix_of_counted() -> None:
    p = _para("中文，「排版」 ab——c\u3000。")
    before = counted_before(p)
    assert len(before) == len(p.chars) + 1
    n = len(p.chars)
    for a in range(n + 1):
        for b in range(a, n + 1):
            assert before[b] - before[a] == counted(p, a, b)
    assert [is_counted(p, i) for i in range(n)] == [
        True, True, False, False, True, True, False, False, True, True, False, False, True,
        False, False]


def _balance(text: str, good: list[int], lines: int, measure_em: float = 20):
    p = _para(text)
    us = p.unit_start
    bounds = [us[c] for c in [0, *good, len(us) - 1]]
    penalty = [0.0] * len(bounds)
    total = hl.natural(p, 0, us[-1])
    return hl._Balance(p, measure_em * EM, total / lines, bounds, penalty, counted_before(p), {})


def test_balance_width_is_remembered_and_chars_count() -> None:
    bal = _balance("一二三四五六", [2, 4], 2)
    assert bal.width(0, 2) == 4 * EM
    assert bal.widths == {(0, 2): 4 * EM}
    assert bal.chars(1, 3) == 4


def test_next_line_reaches_each_break_at_the_least_imbalance() -> None:
    bal = _balance("一二三四五六", [1, 2, 3, 4, 5], 2)
    first, back1 = hl._next_line(bal, [0.0] + [hl.INF] * 6)
    # one line: from the start only, never a single character
    assert back1 == [-1, -1, 0, 0, 0, 0, 0]
    assert first[1] == hl.INF and first[3] == 0.0  # three characters: the target
    second, back2 = hl._next_line(bal, first)
    assert back2[6] == 3 and second[6] == 0.0  # 一二三 / 四五六
    assert hl._read_back(bal.bounds, [back1, back2]) == [Span(0, 3), Span(3, 6)]


def test_next_line_stops_at_the_measure() -> None:
    bal = _balance("一二三四五六", [1, 2, 3, 4, 5], 2, measure_em=4)
    first, _ = hl._next_line(bal, [0.0] + [hl.INF] * 6)
    assert first[5] == hl.INF and first[6] == hl.INF and first[4] < hl.INF


def test_balanced_splits_evenly() -> None:
    p = _para("一二三四五六七八")
    good = list(range(1, 8))
    assert hl.balanced(p, 20 * EM, 2, good) == [Span(0, 4), Span(4, 8)]
    assert hl.balanced(p, 20 * EM, 1, good) is None  # one line is not balancing
