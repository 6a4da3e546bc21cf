"""Automatic placement on pages of district news (docs/placement.md): stories listed
without boxes, with photos and a booked advert, on the broadsheet and the tabloid.

Every rule is read back from what was built — report.json's boxes, the laid-out
model's text lines and photos — not from the engine's own plan: fill of the free area,
rows per story (the planner's rows_needed), photos at their aspect ratio, headlines
across their story, no tombstones, the lead on top and widest, less important stories
lower or narrower, every character printed. Built with the box test font.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from layout.placement_maker import items, write_issue
from xhprint.build import (
    BuildResult,
    BuildSettings,
    build_issue,
    lay_out_build,
)
from xhprint.layout.page_rules import RuleBox, breaches
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream
from xhprint.layout.typeset import Typesetter
from xhprint.model import Box, StoryItem
from xhprint.model.frame import ImageBox, LaidOutPage, TextLine
from xhprint.session import open_fonts, probe_media

HEAD_ROLES = ("kicker", "headline", "subhead", "byline")
CLEAN = ("overset", "underset", "placement", "photo-fit", "headline-lines", "box-overflow",
         "box-overlap", "jump", "missing-glyph")
ISSUES = {
    "broadsheet": [
        items("elevators", "greenway", "canteen", "market", "library", "brief-vaccine",
              ad="{col: 6, row: 74, cols: 3, rows: 20}"),
        items("ai-park", "run", "volunteers", "garbage", ad="{col: 1, row: 64, cols: 8, rows: 30}"),
    ],
    "tabloid": [
        items("ai-park", "garbage", "brief-vaccine", "opera", ad="{col: 3, row: 45, cols: 3, rows: 20}"),
        items("run", "library", "brief-concert", ad="{col: 1, row: 50, cols: 5, rows: 15}"),
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          placement_settings: BuildSettings) -> Callable[[str], BuildResult]:
    done: dict[str, BuildResult] = {}

    def build(layout: str) -> BuildResult:
        if layout not in done:
            folder = write_issue(tmp_path_factory.mktemp(layout) / "issue", layout,
                                 ISSUES[layout])
            done[layout] = build_issue(folder, placement_settings)
        return done[layout]

    return build


def _story_items(result: BuildResult, page: int) -> list[StoryItem]:
    assert result.layout is not None and result.layout.arranged is not None
    return [it for it in result.layout.arranged.pages[page - 1].items
            if isinstance(it, StoryItem)]


def _head_rows(page: LaidOutPage, sid: str, top: float, leading: float) -> tuple[int, int] | None:
    """Grid rows [first, end) the story's headline block is set in, read from its lines
    (kicker, headline, subhead, byline above its first body line: a subhead further down
    is an in-body subhead)."""
    mine = [el for el in page.elements if isinstance(el, TextLine) and el.item == sid]
    body = min((el.baseline for el in mine if el.role == "body"), default=float("inf"))
    lines = [el for el in mine if el.role in HEAD_ROLES and el.baseline < body]
    if not lines:
        return None
    first = min(int((ln.baseline - 0.88 * ln.size - top) / leading + 1e-6) for ln in lines)
    last = max(int((ln.baseline + 0.12 * ln.size - top) / leading - 1e-6) for ln in lines)
    return first + 1, last + 2


@pytest.mark.parametrize("layout", sorted(ISSUES))
def test_pages_of_placed_stories_build_clean(built, layout: str) -> None:
    result = built(layout)
    found = [f"{f.check}: {f.message}" for f in result.report.findings if f.check in CLEAN]
    assert found == []
    assert result.report.ready_for_press
    plans = result.layout.placements
    assert [p.plan.left_out for p in plans] == [(), ()]
    assert all(3 <= len(p.plan.placements) <= 8 for p in plans)


@pytest.mark.parametrize("layout", sorted(ISSUES))
def test_story_boxes_fill_the_free_area(built, layout: str) -> None:
    """≥ 97 % of the free area (type area below masthead/header, less the advert) is
    story boxes, computed from report.json alone; every placed box is marked automatic."""
    result = built(layout)
    report = json.loads(result.files["report.json"])
    tpl = result.issue.template
    for page, grid in zip(report["pages"], result.layout.grids, strict=True):
        reserved = tpl.masthead.rows if page["number"] == 1 else tpl.header_rows
        ads = [it["box"] for it in page["items"] if it.get("kind") == "ad"]
        free = grid.columns * (grid.rows - reserved) - sum(b["cols"] * b["rows"] for b in ads)
        stories = [it for it in page["items"] if it.get("kind") != "ad"]
        assert stories and all(it["box"]["automatic"] for it in stories)
        assert not any(b["automatic"] for b in ads)
        used = sum(it["box"]["cols"] * it["box"]["rows"] for it in stories)
        assert used / free >= 0.97, (page["number"], used, free)


@pytest.mark.parametrize("layout", sorted(ISSUES))
def test_every_rule_holds_on_the_laid_out_pages(built, layout: str) -> None:
    """Rectangles inside the free area without overlap, no tombstone (read from where the
    headline lines are set), the lead on top and widest (half the page at least on a
    broadsheet), less important lower or narrower, no story too narrow."""
    result = built(layout)
    broadsheet = layout == "broadsheet"
    for number, (page, grid) in enumerate(zip(result.layout.pages, result.layout.grids,
                                              strict=True), 1):
        arranged = result.layout.arranged.pages[number - 1]
        reserved = result.issue.template.masthead.rows if number == 1 else \
            result.issue.template.header_rows
        order = [it.story for it in arranged.items if isinstance(it, StoryItem)]
        boxes = []
        for area in page.areas:
            if area.box is None or area.kind not in ("story", "ad"):
                continue
            hl = _head_rows(page, area.id, grid.top, grid.leading) if area.kind == "story" \
                else None
            rank = order.index(area.id) if area.kind == "story" else None
            brief = area.kind == "story" and result.issue.stories[area.id].photos == () and \
                len(area.text) <= 300
            boxes.append(RuleBox(area.id, area.box, hl, rank,
                                 2 if broadsheet and area.kind == "story" and not brief else 1))
        assert breaches(boxes, columns=grid.columns, top=reserved + 1, bottom=grid.rows,
                        lead_min_cols=4 if broadsheet else 1) == []
        lead = next(b for b in boxes if b.rank == 0)
        assert lead.box.row == reserved + 1


@pytest.mark.parametrize("layout", sorted(ISSUES))
def test_each_story_gets_the_rows_its_text_needs(built, layout: str,
                                                 placement_settings: BuildSettings) -> None:
    """The planner's rows_needed for each story in its box's width is the box's height,
    or one row less (two for the page's least important story); the deepest column of
    text ends within that many rows of the box's foot; every character is printed."""
    result = built(layout)
    issue = result.layout.arranged
    tpl = issue.template
    ts = Typesetter(open_fonts(issue.lang, placement_settings), issue.lang, tpl.kinsoku,
                    tpl.punct_style)
    sizes, _ads = probe_media(issue)
    for number, (page, grid) in enumerate(zip(result.layout.pages, result.layout.grids,
                                              strict=True), 1):
        stories = _story_items(result, number)
        for k, item in enumerate(stories):
            story = issue.stories[item.story]
            stream, _f = body_stream(story, ts, tpl, grid, page=number, box_cols=item.box.cols)
            q = PartQuestion(story, item, grid, number, stream)
            need = rows_needed(q, grid.rows, ts, tpl, sizes)
            spare = 2 if k == len(stories) - 1 else 1
            assert need is not None and 0 <= item.box.rows - need <= spare, (item.story, need)
            area = next(a for a in page.areas if a.id == item.story)
            body = [el for el in page.elements if isinstance(el, TextLine)
                    and el.item == item.story and el.role in ("body", "subhead", "caption")]
            deepest = max(el.baseline for el in body)
            assert area.y + area.h - deepest < (spare + 1) * grid.leading
            source = "".join(b.text for b in story.blocks)
            assert re.sub(r"\s", "", area.text) == re.sub(r"\s", "", source)


@pytest.mark.parametrize("layout", sorted(ISSUES))
def test_photos_keep_their_aspect_ratio_and_headlines_span_their_story(built, layout: str
                                                                     ) -> None:
    result = built(layout)
    sizes, _ads = probe_media(result.issue)
    photos = 0
    for page, grid in zip(result.layout.pages, result.layout.grids, strict=True):
        for el in page.elements:
            if isinstance(el, ImageBox) and el.source in sizes:
                photos += 1
                w, h = sizes[el.source]
                # the frame is the photo scaled: within one grid row of its own aspect
                assert abs(el.h - el.w * h / w) <= grid.leading + 1e-6, el.source
                cw, ch = el.crop[2] - el.crop[0], el.crop[3] - el.crop[1]
                assert cw / ch == pytest.approx(el.w / el.h, rel=0.01)  # never distorted
        for area in page.areas:
            if area.kind != "story":
                continue
            heads = [el for el in page.elements if isinstance(el, TextLine)
                     and el.item == area.id and el.role == "headline"]
            assert heads, area.id
            for ln in heads:  # centred across the whole box, inside it
                left = ln.x + ln.glyphs[0].x
                right = ln.x + max(g.occupied[1] for g in ln.glyphs)
                assert area.x - 0.5 <= left and right <= area.x + area.w + 0.5
                assert (left + right) / 2 == pytest.approx(area.x + area.w / 2, abs=ln.size)
    assert photos >= 2


def test_placement_is_deterministic(tmp_path: Path, placement_settings: BuildSettings) -> None:
    folder = write_issue(tmp_path / "i", "tabloid", ISSUES["tabloid"])
    one, two = (lay_out_build(folder, placement_settings) for _ in range(2))
    assert [p.plan for p in one.layout.placements] == [p.plan for p in two.layout.placements]


def test_a_story_that_does_not_fit_is_named_and_the_rest_laid_out(
        tmp_path: Path, placement_settings: BuildSettings) -> None:
    folder = write_issue(tmp_path / "i", "tabloid", [
        items("elevators", "greenway", "canteen", "library", "market",
              ad="{col: 3, row: 45, cols: 3, rows: 20}"),
        items("brief-concert")])
    staged = lay_out_build(folder, placement_settings)
    over = [f for f in staged.findings if f.check == "overset"]
    left = staged.layout.placements[0].plan.left_out
    assert left and [f.item for f in over] == list(left)
    for f in over:
        m = re.fullmatch(r"page 1 is over by (\d+) rows? \(about ([\d,]+) characters\): "
                         r"continue `([a-z-]+)` on page 2, or cut it", f.message)
        assert m and m.group(3) == f.item and f.severity == "error"
        assert int(m.group(1)) >= 1 and int(m.group(2).replace(",", "")) >= 10
        assert str(f.where).endswith(f"issue.yaml:{_line_of(folder, f.item)}:9")
    page = staged.layout.pages[0]
    laid = {a.id for a in page.areas if a.kind == "story"}
    assert laid and not laid & set(left)
    assert laid | set(left) == {"elevators", "greenway", "canteen", "library", "market"}
    for area in page.areas:  # the rest is laid out whole
        if area.kind == "story":
            story = staged.issue.stories[area.id]
            assert re.sub(r"\s", "", area.text) == re.sub(
                r"\s", "", "".join(b.text for b in story.blocks))


def _line_of(folder: Path, story: str) -> int:
    lines = (folder / "issue.yaml").read_text("utf-8").splitlines()
    return next(n for n, ln in enumerate(lines, 1) if ln.strip() == f"- story: {story}")


def test_a_placed_story_continues_on_a_later_page(tmp_path: Path,
                                                  placement_settings: BuildSettings) -> None:
    """`continue: 2` on a boxless story: the engine gives it what page 1 has left, the
    rest goes to the boxless part on page 2 (jump lines both ways, nothing lost)."""
    folder = write_issue(tmp_path / "i", "tabloid", [
        "      - story: elevators\n        continue: 2\n" + items("garbage", "brief-vaccine"),
        items("elevators", "ai-park", "run")])
    result = lay_out_build(folder, placement_settings)
    assert [f.message for f in result.findings if f.check in CLEAN] == []
    parts = [a for page in result.layout.pages for a in page.areas if a.id == "elevators"]
    assert [a.part for a in parts] == [1, 2] and parts[0].continues_to == 2
    assert parts[1].continued_from == 1
    story = result.issue.stories["elevators"]
    printed = "".join(a.text for a in parts)
    assert re.sub(r"\s", "", printed) == re.sub(r"\s", "", "".join(b.text for b in story.blocks))
    jumps = [el.text for page in result.layout.pages for el in page.elements
             if isinstance(el, TextLine) and el.role == "jump"]
    assert jumps == ["（下轉第2版）", "（上接第1版）"]


def test_fixed_boxes_stay_where_they_are(tmp_path: Path,
                                         placement_settings: BuildSettings) -> None:
    """A story with a box and the advert keep their boxes; the others are placed around
    them, none overlapping."""
    fixed = "      - story: opera\n        box: {col: 1, row: 10, cols: 2, rows: 25}\n"
    folder = write_issue(tmp_path / "i", "tabloid", [
        fixed + items("ai-park", "garbage", ad="{col: 3, row: 45, cols: 3, rows: 20}")])
    staged = lay_out_build(folder, placement_settings)
    page = staged.layout.arranged.pages[0]
    boxes = {it.id: it.box for it in page.items}
    assert boxes["opera"] == Box(1, 10, 2, 25)
    assert boxes["ads/notice.pdf"] == Box(3, 45, 3, 20)
    assert not next(it for it in page.items if it.id == "opera").placed  # type: ignore[union-attr]
    placed = [it for it in page.items if isinstance(it, StoryItem) and it.placed]
    assert {it.story for it in placed} == {"ai-park", "garbage"}
    all_boxes = list(boxes.values())
    assert not any(a.overlaps(b) for k, a in enumerate(all_boxes) for b in all_boxes[k + 1:])
