"""The total-fit breaker's pricing and search helpers (totalfit.py)."""

import pytest
from fake_metrics import FakeMetrics

from xhprint.text import totalfit as tf
from xhprint.text.fitting import Fitting, content_end, natural
from xhprint.text.linebreak import Span, counted
from xhprint.text.prepare import prepare
from xhprint.text.types import ComposeSpec

EM = 10.0


def _para(text: str, measure_em: float = 10):
    spec = ComposeSpec(size=EM, measure=measure_em * EM)
    p = prepare(text, [False] * len(text), spec, FakeMetrics(), "song")
    return p, Fitting.of(p)


def test_spread_demerit_grows_with_the_space_per_place_and_turns_loose() -> None:
    fair = tf._spread_demerit(0.05 * EM * 4, 4, EM, False)
    fairer = tf._spread_demerit(0.02 * EM * 4, 4, EM, False)
    assert 1.0 < fairer < fair < tf.LOOSE
    assert tf._spread_demerit(0.05 * EM * 4, 4, EM, True) > fair  # stretched spaces first
    loose = tf._spread_demerit(0.2 * EM * 4, 4, EM, False)
    wide = tf._spread_demerit(0.5 * EM * 4, 4, EM, False)
    assert tf.LOOSE < loose < wide
    assert tf._spread_demerit(EM, 0, EM, False) == pytest.approx(tf.LOOSE * 1.6)  # 1 em, nowhere


def test_spans_follow_the_back_pointers() -> None:
    pos = [0, 3, 5, 9, 12]
    back = [-1, 0, 0, 2, 3]
    assert tf._spans(pos, back) == [Span(0, 5), Span(5, 9), Span(9, 12)]
    assert tf._spans([0, 4], [-1, 0]) == [Span(0, 4)]


def _search(p, fit, measure_em: float, first_em: float) -> tf._Search:
    pos = [0] + [p.unit_start[u] for u in range(1, len(p.unit_start) - 1) if p.allowed[u]]
    pos.append(p.unit_start[-1])
    return tf._Search(p, fit, pos, measure_em * EM, first_em * EM)


@pytest.mark.parametrize("last", [False, True])
def test_price_agrees_with_line_demerit(last) -> None:
    text = "徐匯區委，中文排版「模速空間」創新生態社區暨人工智能 AI 大模型產業集聚區揭牌。" * 2
    p, fit = _para(text)
    s = _search(p, fit, 10, 8)
    price = tf._price_last if last else tf._price
    checked = 0
    for y in range(1, len(s.pos)):
        b = s.pos[y]
        e = content_end(p, s.pos[y - 1], b)
        for x in range(max(0, y - 14), y):
            avail = s.first_avail if x == 0 else s.measure
            a = s.pos[x]
            if e <= a:
                continue
            got = price(s, a, e, avail - natural(p, a, b))
            want = tf.line_demerit(p, fit, a, b, avail, last)
            if last and a > 0 and counted(p, a, e) < 2 and want != tf.INF:
                want += tf.ORPHAN
            assert got == pytest.approx(want, rel=1e-9), (a, b)
            checked += 1
    assert checked > 100


def test_best_start_picks_the_cheapest_previous_break() -> None:
    p, fit = _para("一二三四五六七八九十" * 3)
    s = tf._Search(p, fit, list(range(31)), 10 * EM, 10 * EM)
    best = [0.0] + [tf.INF] * 30
    loose = tf.LOOSE_LIMIT_EM * EM
    assert tf._best_start(s, 10, best, loose, tf._price) == (1.0, 0)  # ten fill the line
    # nothing reachable before break 25 but the start, and from there it is overfull
    assert tf._best_start(s, 25, best, loose, tf._price) == (tf.INF, -1)
    best[21] = 5.0
    assert tf._best_start(s, 25, best, loose, tf._price) == (tf.INF, -1)  # far too short
    assert tf._best_start(s, 25, best, tf.INF, tf._price_last) == (6.0, 21)  # a last line


def test_total_fit_avoids_a_lone_last_character() -> None:
    p, fit = _para("一二三四五六七八九十甲")
    spans = tf.total_fit(p, fit, 10 * EM, 0.0)
    assert spans is not None
    assert spans[-1].b - spans[-1].a >= 2
    assert len(spans) == 2 and spans[1].a <= 9  # 九 moves down to keep 十甲 company
