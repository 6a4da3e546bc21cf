"""Property tests of compose_paragraph on random mixed text (fake box-glyph metrics)."""

from fake_metrics import FakeMetrics
from hypothesis import given, settings
from hypothesis import strategies as st

from xhprint.model.issue import Run
from xhprint.text import segment as sg
from xhprint.text.compose import HYPHEN_TEXT, compose_paragraph
from xhprint.text.fitting import NO_SPREAD
from xhprint.text.segment import break_opportunities, char_class
from xhprint.text.types import ComposeSpec

HAN = list("中文排版徐匯報區委政府教育讀書") + ["𥕢", "𠀀"]
PUNCT = list("，。、：；！？「」『』（）《》“”‘’·～％")
PIECES = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(PUNCT),
    st.sampled_from(["——", "……", " ", "\u3000", "\u00a0", "\u200b"]),
    st.from_regex(r"[A-Za-z]{1,14}", fullmatch=True),
    st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,2})?%?", fullmatch=True),
    st.sampled_from(["https://www.w3.org/TR/clreq/", "well-known", "¥100", "25℃"]),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=80).map("".join)
SPECS = st.builds(
    ComposeSpec,
    size=st.sampled_from([9.0, 10.5]),
    measure=st.sampled_from([6, 11, 17]).map(float),
    lang=st.sampled_from(["zh-Hant", "zh-Hans"]),
    kinsoku=st.sampled_from(["basic", "gb", "strict"]),
    punct_style=st.sampled_from(["quanjiao", "kaiming", "banjiao"]),
    first_line_indent=st.booleans(),
)


def _has_place(glyphs) -> bool:
    def cjk(c: str) -> bool:
        return char_class(c) in (sg.HAN, sg.PUNCT, sg.IDSP)

    def latdig(c: str) -> bool:
        return char_class(c) in (sg.LATIN, sg.DIGIT)

    for a, b in zip(glyphs, glyphs[1:], strict=False):
        x, y = a.text, b.text
        if (x == y and x in "—…") or x in NO_SPREAD or y in NO_SPREAD:
            continue  # one two-em mark; beside a connector or solidus (clreq §5.2.4)
        if (cjk(x) and not latdig(y)) or (cjk(y) and not latdig(x)):
            return True
    return False


def _spec(spec: ComposeSpec) -> ComposeSpec:
    # measure drawn in ems; make it pt
    return ComposeSpec(
        size=spec.size, measure=spec.measure * spec.size, lang=spec.lang,
        kinsoku=spec.kinsoku, punct_style=spec.punct_style,
        first_line_indent=spec.first_line_indent,
    )


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, raw=SPECS)
def test_composer_properties(text: str, raw: ComposeSpec) -> None:
    spec = _spec(raw)
    res = compose_paragraph([Run(text)], spec, FakeMetrics())
    assert res.text == text
    # every source character exactly once, in order (U+200B prints nothing)
    placed = "".join(g.text for ln in res.lines for g in ln.glyphs if g.text != HYPHEN_TEXT)
    assert placed == text.replace("\u200b", "")
    if not res.lines:  # nothing printable: no lines
        assert placed == ""
        return
    # lines partition the text
    assert res.lines[0].start == 0 and res.lines[-1].end == len(text)
    for prev, nxt in zip(res.lines, res.lines[1:], strict=False):
        assert prev.end == nxt.start
    assert [ln.last for ln in res.lines] == [False] * (len(res.lines) - 1) + [True]
    allowed = set(break_opportunities(text, "basic"))
    own = set(break_opportunities(text, spec.kinsoku))
    for ln in res.lines:
        # never wider than the measure; glyphs inside it (an opening bracket may
        # be drawn ½ em left of its slot)
        assert ln.width <= spec.measure + 0.01
        for g in ln.glyphs:
            assert -spec.size / 2 - 0.01 <= g.x <= spec.measure + 0.01
        xs = [g.x for g in ln.glyphs]
        assert all(b >= a - spec.size / 2 - 1e-6 for a, b in zip(xs, xs[1:], strict=False))
        if not ln.last:
            # a break the rules forbid only when no legal break exists inside the line
            if ln.end not in allowed:
                inside = [o for o in own if ln.start < o < ln.end]
                assert not inside, (ln.start, ln.end, inside)
            # justified: flush right within 0.1 pt, unless the line has no place to add
            # space: one glyph, one two-em mark, or no CJK character beside anything but
            # a Latin letter, a digit, a connector or solidus (Latin words, numbers and URLs are never
            # letter-spaced; a Han–Latin gap stops at ⅓ em)
            visible = [g for g in ln.glyphs if g.text.strip()]
            lone = len(visible) <= 1 or "".join(g.text for g in visible) in ("——", "……")
            if not lone and _has_place(visible):
                assert abs(ln.width - spec.measure) <= 0.1, (ln.width, spec.measure)
