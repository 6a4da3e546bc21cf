"""Random Unicode never crashes the composer (issue 6, "Text"), with the real font book
and with the box test font. The build-level policy tests (missing glyph, dropped
controls, PDF text) are in test_text_policy.py."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardening.helpers import REPO
from xhprint.fonts.book import FontBook
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.issue import Run
from xhprint.text.compose import compose_headline, compose_paragraph
from xhprint.text.types import ComposeSpec

PROFILE = settings.get_profile("hardening")
DATA = REPO / "tests" / "data"

SPECIAL = [
    "\u0301", "\u0308\u0323", "\u05d0\u05d1", "\u0627\u0644", "\u200e", "\u200f", "\u202a",
    "\u202e", "\u2066", "\u2069", "🙂", "👩\u200d💻", "🇹🇼", "\ufe0f", "\U000e0100",
    "\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x85", "\x9f", "\u200b", "\u200c", "\u200d",
    "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u3000", "\u2028", "\u2029", "\u2f00", "\u2fd5",
    "\ue000", "\U000f0000", "\U0010fffd", "\U0003134a", "\U000e01ef", "\U0001d11e", "\u0378",
    "\U0002ffff", "\ufffe", "\uffff", "——", "……", "，。", "「」", "中文", "𠀀",
    "https://example.invalid/x?y=1", "25℃", "Ｗ", "ｶ",
]
# Every plane, every category (hypothesis' text strategy excludes surrogates only).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
PIECE = st.one_of(ANY_CHAR, st.sampled_from(SPECIAL), st.text(ANY_CHAR, max_size=6))
TEXT = st.lists(PIECE, min_size=0, max_size=60).map("".join)
RUNS = st.lists(st.tuples(TEXT, st.booleans()), min_size=1, max_size=3)
SPEC = st.builds(
    ComposeSpec,
    size=st.sampled_from([8.0, 9.0, 26.0]),
    measure=st.sampled_from([9.0, 50.0, 99.0, 300.0]),
    role=st.sampled_from(["song", "hei", "kai"]),
    lang=st.sampled_from(["zh-Hant", "zh-Hans"]),
    kinsoku=st.sampled_from(["none", "basic", "gb", "strict"]),
    punct_style=st.sampled_from(["quanjiao", "kaiming", "banjiao"]),
    align=st.sampled_from(["justify", "left", "center", "right"]),
    first_line_indent=st.booleans(),
)


@pytest.fixture(scope="module", params=["real", "box"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> FontBook:
    """The project's fonts (Debian Noto CJK, AR PL UKai) or the box test font."""
    if request.param == "real":
        from xhprint.session import BuildSettings, open_fonts

        return open_fonts("zh-Hant", BuildSettings())
    cache = tmp_path_factory.mktemp("box-cache")
    return FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", cache, DATA)


def _check(result, text: str, spec: ComposeSpec) -> None:
    assert result.text == text
    printed = "".join(g.text for line in result.lines for g in line.glyphs)
    for issue in result.issues:
        assert issue.kind in ("missing-glyph", "dropped-control")
        assert text[issue.offset] == issue.char
    for line in result.lines:
        assert 0 <= line.start <= line.end <= len(text)
        assert line.width >= 0
    # Nothing the policy drops reaches the page (docs/manifest.md "Invisible characters").
    for ch in printed:
        assert unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp"), repr(ch)
        assert ch not in "\u200b\ufeff", repr(ch)


@settings(PROFILE)
@given(runs=RUNS, spec=SPEC)
def test_random_unicode_never_crashes_the_paragraph_composer(book: FontBook, runs, spec) -> None:
    runs_ = [Run(t, bold=b) for t, b in runs]
    text = "".join(r.text for r in runs_)
    _check(compose_paragraph(runs_, spec, book, role_bold=f"{spec.role}-bold"
                             if spec.role != "kai" else "hei-bold"), text, spec)


@settings(PROFILE)
@given(text=TEXT, spec=SPEC)
def test_random_unicode_never_crashes_the_headline_composer(book: FontBook, text: str,
                                                            spec) -> None:
    _check(compose_headline(text, spec, book), text, spec)


@pytest.mark.parametrize("char", ["\uf8ff", "\U000f0000", "\u0378", "\U0002ffff"])
def test_a_character_no_font_has_is_a_missing_glyph_issue(book: FontBook, char: str) -> None:
    # (U+E000… is not used: AR PL UKai draws HKSCS characters in the private use area.)
    text = f"中文{char}排版"
    result = compose_paragraph([Run(text)], ComposeSpec(9.0, 99.0), book)
    assert [(i.kind, i.char, i.offset) for i in result.issues] == [("missing-glyph", char, 2)]
