"""Continuations (manifest.md §2): jump lines, multi-hop, overset, jump errors/warnings.

Fixtures are tiny issues in tests/data/jumps/ built through `build_issue` with the box
test font; text is checked as read back from print/issue.pdf (layout/readback.py says
exactly what counts as a part's body text).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.jump_readback import JUMPS, body_text, part_chars, read_chars
from xhprint.layout.issue import STORY_ROLES, layout_issue
from xhprint.manifest.issue import load_issue
from xhprint.model import InputError, StoryItem
from xhprint.model.frame import ItemArea, LinkArea, TextLine

BODY_PT = 9.0  # mini.yaml: body at the grid size
JUMP_PT = 8.0
JUMP_HEAD_PT = 12.0
FACE = "XhprintBox-Regular"


def source_text(issue, story: str) -> str:
    """The story's body: its blocks' text joined, whitespace removed (not drawn)."""
    return re.sub(r"\s", "", "".join(b.text for b in issue.stories[story].blocks))


def story_areas(layout, story: str) -> list[tuple[int, int, ItemArea]]:
    return [(i, p.number, a) for i, p in enumerate(layout.pages) for a in p.areas
            if a.id == story]


def lines_of(page, story: str, role: str) -> list[TextLine]:
    return [e for e in page.elements
            if isinstance(e, TextLine) and e.item == story and e.role == role]


def sized_text(chars, page: int, area: ItemArea, size: float) -> str:
    got = [c for c in part_chars(chars, page, area) if abs(c.size - size) < 0.01]
    got.sort(key=lambda c: (round(c.y), c.x))
    return "".join(c.text for c in got)


# -- 3-hop: 1 → 2 → 5 ---------------------------------------------------------------


def test_three_hop_parts_jump_lines_and_links(built):
    r = built("three-hop")
    lay = r.layout
    parts = story_areas(lay, "long")
    assert [(n, a.part, a.continued_from, a.continues_to) for _i, n, a in parts] == [
        (1, 1, None, 2), (2, 2, 1, 5), (5, 3, 2, None)]
    chars = read_chars(r.files["print/issue.pdf"])
    expected_jumps = {1: ["（下轉第2版）"], 2: ["（上接第1版）", "（下轉第5版）"], 5: ["（上接第2版）"]}
    for i, n, area in parts:
        page, grid = lay.pages[i], lay.grids[i]
        jumps = lines_of(page, "long", "jump")
        assert [j.text for j in sorted(jumps, key=lambda t: t.baseline)] == expected_jumps[n]
        # Read back from the PDF: the jump lines are in the box, in the jump style.
        assert sized_text(chars, n, area, JUMP_PT) == "".join(expected_jumps[n])
        for j in jumps:
            # Right-aligned in its column (manifest.md §2): the line ends at a column edge.
            right = j.x + j.glyphs[-1].x + j.glyphs[-1].advance
            assert any(abs(right - (grid.col_x(c) + grid.col_width)) < 0.6
                       for c in range(1, grid.columns + 1))
        down = [j for j in jumps if j.text.startswith("（下")]
        if down:  # the last row of the box
            assert area.y + area.h - grid.leading < down[0].baseline < area.y + area.h
        if n != 1:  # the continued part opens with the headline verbatim, then 上接
            head = r.issue.stories["long"].headline
            assert sized_text(chars, n, area, JUMP_HEAD_PT) == head
            up = [j for j in jumps if j.text.startswith("（上")][0]
            head_lines = lines_of(page, "long", "jump_head")
            assert up.baseline > max(h.baseline for h in head_lines)
            body = lines_of(page, "long", "body")
            assert up.baseline < min(b.baseline for b in body)
        # Links: each jump line is a link to the other part's page.
        links = sorted(e.target_page for e in page.elements if isinstance(e, LinkArea))
        assert links == sorted(int(re.search(r"\d+", j.text).group()) for j in jumps)


def test_three_hop_text_read_back_equals_source(built, box_book):
    r = built("three-hop")
    chars = read_chars(r.files["print/issue.pdf"])
    texts = [body_text(chars, n, a, r.layout.grids[i], BODY_PT, {FACE})
             for i, n, a in story_areas(r.layout, "long")]
    assert all(texts)
    assert "".join(texts) == source_text(r.issue, "long")
    # The layout's own record of each part (articles.json's text) says the same.
    assert [re.sub(r"\s", "", a.text) for _i, _n, a in story_areas(r.layout, "long")] == texts


def test_pages_without_a_part_are_untouched(built):
    lay = built("three-hop").layout
    for p in lay.pages[2:4]:
        assert not [e for e in p.elements if getattr(e, "item", None) == "long"]


# -- overset ---------------------------------------------------------------------------


def test_overset_reports_missing_lines_and_characters(built, box_settings):
    r = built("overset")
    (f,) = [f for f in r.report.findings if f.check == "overset"]
    assert (f.severity, f.page, f.item) == ("error", 1, "long")
    lines, chars_missing = map(int, re.search(r"(\d+) lines \((\d+) characters\)", f.message).groups())
    (area,) = [a for _i, _n, a in story_areas(r.layout, "long")]
    assert area.overset_lines == lines
    # Characters: what the PDF shows is exactly the source minus the missing ones.
    shown = body_text(read_chars(r.files["print/issue.pdf"]), 1, area, r.layout.grids[0],
                      BODY_PT, {FACE})
    src = source_text(r.issue, "long")
    assert src.startswith(shown)
    assert chars_missing == len("".join(b.text for b in r.issue.stories["long"].blocks)) - len(area.text)
    assert len(src) - len(shown) <= chars_missing
    # Lines: the same story in a box tall enough sets lines_set + missing lines.
    big = _with_boxes(r.issue, {1: (1, 6, 3, 34)})
    lay = layout_issue(big, _book(box_settings), {}, {})
    (whole,) = [a for p in lay.pages for a in p.areas if a.id == "long"]
    assert whole.overset_lines == 0
    assert whole.lines_set == area.lines_set + lines
    # The report's page stats carry the same number.
    (stat,) = [s for s in r.report.pages[0]["items"] if s["id"] == "long"]
    assert stat["overset_lines"] == lines


# -- jump warning and errors ----------------------------------------------------------


def test_needless_continue_is_a_warning_and_later_box_stays_empty(built):
    r = built("needless")
    jumps = [f for f in r.report.findings if f.check == "jump"]
    assert [(f.severity, f.page, f.item) for f in jumps] == [("warning", 1, "short")]
    assert "continue: 2" in jumps[0].message
    lay = r.layout
    for p in lay.pages:
        assert not [e for e in p.elements if isinstance(e, LinkArea)]
        assert not [e for e in p.elements if isinstance(e, TextLine) and e.role in ("jump", "jump_head")]
    (second,) = [a for a in lay.pages[1].areas if a.id == "short"]
    assert (second.text, second.lines_set, second.part) == ("", 0, 2)
    assert not [e for e in lay.pages[1].elements if getattr(e, "item", None) == "short"]
    (first,) = [a for a in lay.pages[0].areas if a.id == "short"]
    assert first.continues_to is None


@pytest.mark.parametrize(("name", "page", "words"), [
    ("backwards", 2, "not a later page"),
    ("no-part", 1, "page 3 has no item with story: short"),
    ("unpointed", 2, "no earlier part continues to it"),
])
def test_jump_errors(box_settings, name, page, words):
    with pytest.raises(InputError) as e:
        load_issue(JUMPS / name, box_settings.project_root)
    (f,) = e.value.findings
    assert (f.check, f.severity, f.page, f.item) == ("jump", "error", page, "short")
    assert words in f.message
    assert f.where is not None and f.where.line  # points at the YAML line to fix


# -- property: nothing lost or duplicated at a split -------------------------------------


def _book(settings):
    from xhprint.session import open_fonts

    return open_fonts("zh-Hant", settings)


def _with_boxes(issue, boxes: dict[int, tuple[int, int, int, int]]):
    """The issue with story `long`'s box on page n replaced by (col, row, cols, rows)."""
    pages = []
    for p in issue.pages:
        items = tuple(replace(it, box=replace(it.box, col=boxes[p.number][0], row=boxes[p.number][1],
                                              cols=boxes[p.number][2], rows=boxes[p.number][3]))
                      if isinstance(it, StoryItem) and it.story == "long" and p.number in boxes
                      else it for it in p.items)
        pages.append(replace(p, items=items))
    return replace(issue, pages=tuple(pages))


@pytest.fixture(scope="module")
def three_hop_issue(box_settings):
    return load_issue(JUMPS / "three-hop", box_settings.project_root)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cols1=st.integers(1, 3), rows1=st.integers(1, 20), cols2=st.integers(1, 3),
       rows2=st.integers(1, 20), cols3=st.integers(1, 3), rows3=st.integers(1, 36))
def test_split_loses_and_duplicates_nothing(three_hop_issue, box_book, cols1, rows1, cols2,
                                            rows2, cols3, rows3):
    issue = _with_boxes(three_hop_issue, {1: (1, 5, cols1, rows1), 2: (1, 3, cols2, rows2),
                                          5: (1, 3, cols3, rows3)})
    lay = layout_issue(issue, box_book, {}, {})
    story = issue.stories["long"]
    source = "".join(b.text for b in story.blocks)
    parts = [(i, a) for i, _n, a in story_areas(lay, "long")]
    joined = "".join(a.text for _i, a in parts)
    overset = [m for f in lay.findings if f.check == "overset"
               for m in [re.search(r"\((\d+) characters\)", f.message)] if m]
    if overset:
        missing = int(overset[0].group(1))
        assert source.startswith(joined) and len(source) - len(joined) == missing
        assert parts[-1][1].overset_lines > 0
    else:
        assert joined == source
    # Each part's text is exactly its lines' text, in order (nothing set twice).
    for i, a in parts:
        body = [e for e in lay.pages[i].elements
                if isinstance(e, TextLine) and e.item == "long" and e.role in STORY_ROLES]
        assert "".join(e.text for e in body) == a.text
    # A continued part that starts inside a paragraph starts without indent;
    # one that starts a paragraph keeps the 2 em indent.
    starts = _block_starts(story)
    offset = 0
    for i, a in parts:
        body = [e for e in lay.pages[i].elements
                if isinstance(e, TextLine) and e.item == "long" and e.role in STORY_ROLES]
        if offset and body and body[0].role == "body":
            indent = body[0].glyphs[0].x
            if offset in starts:
                assert indent == pytest.approx(2 * BODY_PT, abs=0.5)
            else:
                assert indent == pytest.approx(0, abs=0.5)
        offset += len(a.text)


def _block_starts(story) -> set[int]:
    out, pos = set(), 0
    for b in story.blocks:
        out.add(pos)
        pos += len(b.text)
    return out
