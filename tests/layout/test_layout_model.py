"""Layout geometry asserted on the laid-out model, with the box-glyph test font.

Column x positions, baseline-grid snapping, captions under their photos, text never
under a photo, balanced headlines (architecture.md practice 8).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xhprint.fonts.book import FontBook
from xhprint.layout.grid import Grid, column_chars
from xhprint.layout.issue import layout_issue
from xhprint.manifest.fonts_config import load_font_config
from xhprint.manifest.issue import load_issue
from xhprint.model import MM
from xhprint.model.frame import ImageBox, TextLine
from xhprint.session import probe_media

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    issue = load_issue(DATA / "layout-basic", REPO)
    book = FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant",
                         tmp_path_factory.mktemp("cache"), DATA)
    photos, ads = probe_media(issue)
    return issue, layout_issue(issue, book, photos, ads)


def test_broadsheet_grid_columns(laid_out) -> None:
    issue, layout = laid_out
    tpl = issue.template
    g = layout.grids[0]
    assert g.col_chars == 11 and g.col_width == pytest.approx(99.0)
    # Page 1 is a recto: the inside margin is on the left.
    assert g.col_x(1) == pytest.approx(tpl.margins.inside)
    assert g.col_x(8) + g.col_width == pytest.approx(tpl.trim_width - tpl.margins.outside)
    gaps = {round(g.col_x(c + 1) - g.col_x(c) - g.col_width, 6) for c in range(1, 8)}
    assert len(gaps) == 1 and gaps.pop() >= 4 * MM
    assert g.rows == 93
    even = Grid.for_page(tpl, 2)
    assert even.col_x(1) == pytest.approx(tpl.margins.outside)


def test_column_chars_rule() -> None:
    # 8 columns in 310 mm with ≥ 4 mm gutters: 11 characters of 9 pt, not 12.
    assert column_chars(310 * MM, 8, 4 * MM, 9.0) == 11
    assert column_chars(8 * 12 * 9 + 7 * 4 * MM, 8, 4 * MM, 9.0) == 12


def _body(layout, item: str) -> list[TextLine]:
    return [e for e in layout.pages[0].elements
            if isinstance(e, TextLine) and e.item == item and e.role == "body"]


def test_body_lines_snap_to_rows_and_columns(laid_out) -> None:
    _issue, layout = laid_out
    g = layout.grids[0]
    lines = _body(layout, "lead")
    assert len(lines) > 10
    baselines = {round(g.baseline(r), 6) for r in range(1, g.rows + 1)}
    col_xs = {round(g.col_x(c), 6) for c in range(1, 9)}
    for line in lines:
        assert round(line.baseline, 6) in baselines
        assert round(line.x, 6) in col_xs


def test_caption_under_its_photo_and_text_never_under_it(laid_out) -> None:
    _issue, layout = laid_out
    page = layout.pages[0]
    photo = next(e for e in page.elements if isinstance(e, ImageBox))
    g = layout.grids[0]
    # top-right, 2 of 4 columns
    assert photo.x == pytest.approx(g.col_x(3))
    assert photo.w == pytest.approx(g.span_width(2))
    caption = [e for e in page.elements if isinstance(e, TextLine) and e.role == "caption"]
    credit = [e for e in page.elements if isinstance(e, TextLine) and e.role == "credit"]
    assert caption and credit
    for line in caption + credit:
        assert line.baseline > photo.y + photo.h
        assert photo.x - 0.01 <= line.x <= photo.x + photo.w
    assert min(c.baseline for c in credit) > max(c.baseline for c in caption)
    low = max(c.baseline for c in credit)
    for line in _body(layout, "lead"):
        under_photo = photo.x - 0.01 <= line.x < photo.x + photo.w
        if under_photo:
            assert line.baseline - line.size > low, "body text set under the photo"


def test_headline_balanced(laid_out) -> None:
    _issue, layout = laid_out
    heads = [e for e in layout.pages[0].elements
             if isinstance(e, TextLine) and e.role == "headline" and e.item == "lead"]
    assert len(heads) == 2
    counts = [len(h.glyphs) for h in heads]
    assert abs(counts[0] - counts[1]) <= 2 and min(counts) >= 2


def test_subhead_never_ends_a_column(laid_out) -> None:
    _issue, layout = laid_out
    g = layout.grids[0]
    lines = [e for e in layout.pages[0].elements if isinstance(e, TextLine) and e.item == "lead"
             and e.role in ("body", "subhead")]
    by_col: dict[float, list[TextLine]] = {}
    for line in lines:
        by_col.setdefault(round(line.x, 3), []).append(line)
    for col in by_col.values():
        col.sort(key=lambda t: t.baseline)
        assert col[-1].role != "subhead"
    assert any(t.role == "subhead" for t in lines)
    del g


def test_short_story_is_not_spread_thin(laid_out) -> None:
    """A one-paragraph story in a four-column box is not spread one line per column:
    balancing stops at a minimum depth (layout.plan.MIN_BALANCED_ROWS)."""
    from xhprint.layout.plan import MIN_BALANCED_ROWS

    _issue, layout = laid_out
    lines = _body(layout, "side")
    assert 1 < len(lines) <= MIN_BALANCED_ROWS
    assert len({round(t.x, 3) for t in lines}) == 1


def test_balanced_columns_end_level() -> None:
    """Text that would leave whole columns empty ends at a common depth instead."""
    from xhprint.layout.flow import FlowItem, Slot, fill
    from xhprint.layout.plan import balanced_slots

    slots = [Slot(100.0 * k, 0.0, 14.0 * 40, 99.0) for k in range(4)]
    items = [FlowItem("body", 14.0, ()) for _ in range(30)]
    capped = balanced_slots(slots, items, 14.0)
    result = fill(capped, items)
    assert result.next_index == 30
    per_slot = [sum(1 for p in result.placements if p.slot == k) for k in range(4)]
    assert per_slot == [8, 8, 8, 6]


def test_widow_takes_the_line_before_it_along() -> None:
    from xhprint.layout.flow import FlowItem, Slot, fill, widows

    slots = [Slot(0.0, 0.0, 70.0, 99.0), Slot(110.0, 0.0, 70.0, 99.0)]  # 5 rows each
    para = [FlowItem("body", 14.0, (), para=0, first_of_para=k == 0, last_of_para=k == 5)
            for k in range(6)]
    plain = fill(slots, para)
    assert widows(plain, slots, para) == 1
    kept = fill(slots, para, avoid_widows=True)
    assert kept.next_index == 6 and widows(kept, slots, para) == 0
    assert [p.slot for p in kept.placements] == [0, 0, 0, 0, 1, 1]
