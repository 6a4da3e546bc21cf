"""Unit tests of punctuation width, Han–Latin spacing, 孤字, headlines, bold, issues."""


import pytest
from fake_metrics import FakeMetrics

from xhprint.model.issue import Run
from xhprint.text.compose import compose_headline, compose_paragraph
from xhprint.text.types import ComposeSpec

M = FakeMetrics()
EM = 10.0


def _set(text, **kw):
    kw.setdefault("size", EM)
    kw.setdefault("measure", 20 * EM)
    return compose_paragraph([Run(text)], ComposeSpec(**kw), M)


def _xs(line):
    return {g.text: g.x for g in line.glyphs}


def _x_of(res, ch, nth=0):
    hits = [g.x for ln in res.lines for g in ln.glyphs if g.text == ch]
    return hits[nth]


@pytest.mark.parametrize("pair", ["。」", "，「", "）。", "」，"])
def test_hans_adjacent_pairs_take_one_and_a_half_em(pair):
    res = _set("中" + pair + "文", lang="zh-Hans", first_line_indent=False)
    g = res.lines[0].glyphs
    # from the first mark's slot start to the following Han character
    span = g[3].x - g[1].x  # first mark's slot start to the next Han character
    assert span <= 1.5 * EM + 1e-6
    assert span >= 1.5 * EM - 1e-6


def test_centred_pause_marks_do_not_compress_but_brackets_do():
    res = _set("中，。文", lang="zh-Hant", punct_position="centred", first_line_indent=False)
    g = res.lines[0].glyphs
    assert g[3].x - g[1].x == pytest.approx(2 * EM)
    # a mainland paper in traditional characters compresses them (GB placement)
    res = _set("中，。文", lang="zh-Hant", first_line_indent=False)
    g = res.lines[0].glyphs
    assert g[3].x - g[1].x == pytest.approx(1.5 * EM)
    res = _set("中。」文", lang="zh-Hant", punct_position="centred", first_line_indent=False)
    g = res.lines[0].glyphs
    assert g[3].x - g[1].x == pytest.approx(1.5 * EM)


def test_centred_question_and_exclamation_stay_one_em():
    for mark in "？！":
        g = _set(f"中{mark}文", lang="zh-Hant", punct_position="centred",
                 first_line_indent=False).lines[0].glyphs
        assert g[2].x - g[1].x == pytest.approx(EM)
    g = _set("中？！文", lang="zh-Hant", punct_position="centred",
             first_line_indent=False).lines[0].glyphs
    assert g[3].x - g[1].x == pytest.approx(2 * EM)  # CNS: no pair compression
    g = _set("中？！文", lang="zh-Hans", first_line_indent=False).lines[0].glyphs
    assert g[3].x - g[1].x == pytest.approx(1.5 * EM)  # GB: the pair takes 1.5 em


def test_hans_line_end_mark_is_half_and_line_flush():
    # 10-em measure: 9 Han + "，" at the end of line 1 -> the comma takes ½ em
    text = "中文排版徐匯報區委，政府教育讀書"
    res = _set(text, lang="zh-Hans", measure=10 * EM, first_line_indent=False)
    first = res.lines[0]
    assert "".join(g.text for g in first.glyphs).endswith("，")
    assert first.width == pytest.approx(10 * EM, abs=0.1)
    # centred (CNS): no line-end hanging or trimming, the comma keeps its em
    res = _set(text, lang="zh-Hant", punct_position="centred", measure=10 * EM,
               first_line_indent=False)
    assert "".join(g.text for g in res.lines[0].glyphs) == "中文排版徐匯報區委，"
    g = res.lines[0].glyphs
    assert g[-1].x == pytest.approx(9 * EM)


def test_opening_bracket_at_line_start_loses_half_em_after_indent():
    res = _set("「中文」排版", lang="zh-Hans")
    g = res.lines[0].glyphs
    assert g[0].x == pytest.approx(2 * EM - EM / 2)  # drawn ½ em left of its slot
    assert g[1].x == pytest.approx(2 * EM + EM / 2)


def test_han_latin_gap_nominal_and_bounded_after_justification():
    res = _set("中文ABC排版", measure=40 * EM, first_line_indent=False)
    x = _xs(res.lines[0])
    assert x["A"] - (x["文"] + EM) == pytest.approx(EM / 4)
    # justified lines: every Han–Latin gap between ⅛ and ⅓ em
    text = "中文A排版" * 30
    res = _set(text, measure=13.3 * EM, first_line_indent=False)
    for ln in res.lines[:-1]:
        g = ln.glyphs
        assert ln.width == pytest.approx(13.3 * EM, abs=0.1)
        for a, b in zip(g, g[1:], strict=False):
            if (a.text == "A") != (b.text == "A") and a.text.strip() and b.text.strip():
                left_end = a.x + a.advance
                assert EM / 8 - 1e-6 <= b.x - left_end <= EM / 3 + 1e-6


def test_no_gap_where_the_source_has_a_space():
    res = _set("中 A", measure=40 * EM, first_line_indent=False)
    g = res.lines[0].glyphs
    assert g[2].x - (g[0].x + EM) == pytest.approx(0.25 * EM)  # just the space


def test_orphan_pulls_a_character_down():
    # 10-em lines, first line indented 2 em: 8 + 10 chars, then one left over
    text = "中" * 18 + "文。"
    res = _set(text, measure=10 * EM)
    last = "".join(g.text for g in res.lines[-1].glyphs)
    assert len(last.replace("。", "")) >= 2
    assert "".join(g.text for ln in res.lines for g in ln.glyphs) == text
    assert res.lines[-2].width == pytest.approx(10 * EM, abs=0.1)


def test_headline_is_balanced_and_never_leaves_one_character():
    text = "徐匯區召開區委區政府主題教育讀書班暨區委中心組學習會"
    spec = ComposeSpec(size=EM, measure=16 * EM, align="center")
    res = compose_headline(text, spec, M)
    assert len(res.lines) == 2
    w = [sum(1 for g in ln.glyphs) for ln in res.lines]
    assert abs(w[0] - w[1]) <= 1
    for ln in res.lines:  # centred
        left = ln.glyphs[0].x
        assert left == pytest.approx(16 * EM - ln.width, abs=0.01)
    res = compose_headline("一二三四五六七八九十甲", ComposeSpec(size=EM, measure=10 * EM), M)
    assert all(len(ln.glyphs) >= 2 for ln in res.lines)


def test_headline_prefers_punctuation_when_balance_allows():
    text = "區委召開會議，部署主題教育工作"
    spec = ComposeSpec(size=EM, measure=10 * EM, align="center")
    res = compose_headline(text, spec, M)
    assert "".join(g.text for g in res.lines[0].glyphs) == "區委召開會議，"


def test_bold_runs_keep_bold_faces():
    runs = [Run("普通"), Run("粗體", bold=True), Run("普通")]
    res = compose_paragraph(runs, ComposeSpec(size=EM, measure=20 * EM), M)
    faces = [g.face for g in res.lines[0].glyphs]
    assert faces == ["R", "R", "B", "B", "R", "R"]


def test_missing_glyph_and_dropped_control_are_reported():
    res = _set("中é\x07文\u200b字")
    assert sorted((i.kind, i.char, i.offset) for i in res.issues) == [
        ("dropped-control", "\x07", 2),
        ("missing-glyph", "é", 1),
    ]
    g = {x.text: x for x in res.lines[0].glyphs}
    assert g["é"].face == "" and g["é"].advance == pytest.approx(EM)
    assert "\u200b" not in g and "\x07" not in g


def test_grid_column_needs_no_added_space():
    # 9 pt type in a 99 pt measure: 11 characters a line, pure Han on the grid
    spec = ComposeSpec(size=9, measure=99, lang="zh-Hant")
    res = compose_paragraph([Run("中" * 200)], spec, M)
    assert len(res.lines[0].glyphs) == 9
    for ln in res.lines[1:-1]:
        assert [g.x for g in ln.glyphs] == pytest.approx([9 * k for k in range(11)])


def test_two_em_dash_is_two_adjacent_glyphs():
    res = _set("他說——好", first_line_indent=False)
    g = res.lines[0].glyphs
    assert g[3].x - g[2].x == pytest.approx(EM)
    assert g[4].x - g[2].x == pytest.approx(2 * EM)


def test_a_20000_character_paragraph_sets_every_character():
    # How long it takes is a benchmark figure (tools/bench.py), not a test.
    text = ("徐匯區召開區委區政府主題教育讀書班暨區委中心組學習(擴大)會。"
            "要牢記“100-1=0”的安全理念，把困難估計得更充分一些，見 www.xuhuibao.com 。")
    story = (text * (20000 // len(text) + 1))[:20000]
    res = compose_paragraph([Run(story)], ComposeSpec(size=9, measure=99), M)
    assert sum(len(ln.glyphs) for ln in res.lines) == 20000
