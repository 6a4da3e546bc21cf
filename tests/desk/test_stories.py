"""`xhprint stories`: every story with its characters, photos, boxes, and the rows it needs
at 1…N columns — rows that really hold it (a box one row shorter does not)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from layout.issue_maker import story, write_issue
from xhprint.build import build_issue
from xhprint.desk.stories import MORE, body_chars, story_table, table_lines
from xhprint.manifest.story import load_story

STORIES = {
    "lead": story("口袋公園開放", 3, photo="p.jpg"),
    "side": story("共享書屋", 4, subhead=True),
    "brief": story("短訊", 1),
}
ITEMS = ("      - story: lead\n        box: {col: 1, row: 5, cols: 2, rows: auto}\n"
         "      - story: side\n        box: {col: 3, row: 5, cols: 1, rows: 30}\n")
PHOTOS = {"p.jpg": (1600, 1000)}


@pytest.fixture(scope="module")
def issue(tmp_path_factory) -> Path:
    """lead and side placed on page 1; brief only a file in stories/."""
    return write_issue(tmp_path_factory.mktemp("stories") / "issue", ITEMS, STORIES, PHOTOS)


@pytest.fixture(scope="module")
def table(issue, box_project):
    return story_table(issue, box_project)


def test_every_story_with_its_characters_photos_and_boxes(table, issue, box_project) -> None:
    rows = {r.id: r for r in table.rows}
    assert set(rows) == {"lead", "side", "brief"}
    assert (table.template, table.columns, table.page_rows) == ("mini", 3, 39)
    for sid in rows:
        loaded = load_story(sid, issue / "stories" / f"{sid}.md", issue)
        assert rows[sid].chars == body_chars(loaded) > 0
        assert len(rows[sid].rows) == 3
    assert (rows["lead"].photos, rows["side"].photos, rows["brief"].photos) == (1, 0, 0)
    built = build_issue(issue, box_project)
    lead = next(a for a in built.layout.pages[0].areas if a.id == "lead")
    assert rows["lead"].placed == (f"1: 1,5 2×{lead.box.rows} auto",)
    assert rows["side"].placed == ("1: 3,5 1×30",)
    assert rows["brief"].placed == ()
    # the auto box is as tall as the table says the story needs at its width
    assert rows["lead"].rows[1] == lead.box.rows
    # without a photo (whose height grows with the box's width) a wider box needs fewer rows
    for r in table.rows:
        if not r.photos:
            needs = [n for n in r.rows if n is not None]
            assert needs == sorted(needs, reverse=True)


def test_the_rows_given_hold_the_story_and_one_fewer_does_not(table, tmp_path,
                                                             box_project) -> None:
    items, expect = [], {}
    for r in table.rows:
        for cols, need in enumerate(r.rows, start=1):
            if need is None or need > 39 - 5 + 1:
                continue
            for rows, fits in ((need, True), (need - 1, False)):
                if rows < 1:
                    continue
                sid = f"{r.id}-{cols}-{rows}"
                items.append((sid, cols, rows, r.id))
                expect[sid] = fits
    stories = {sid: STORIES[src] for sid, _c, _r, src in items}
    page_items = [f"      - story: {sid}\n        box: {{col: 1, row: 5, cols: {c}, rows: {n}}}\n"
                  for sid, c, n, _src in items]
    pages = "".join(f"  - number: {k}\n    section: 綜合\n    items:\n"
                    + page_items[k - 1].replace("row: 5", "row: 3")
                    for k in range(2, len(items) + 1))
    built = build_issue(write_issue(tmp_path / "i", page_items[0], stories, PHOTOS, pages),
                        box_project)
    bad = {f.item for f in built.report.findings
           if f.check in ("overset", "photo-fit", "underset")}
    for sid, fits in expect.items():
        assert (sid not in bad) is fits, (sid, [f.describe() for f in built.report.findings
                                               if f.item == sid])


def test_the_table_as_printed(table) -> None:
    lines = table_lines(table, None)
    assert lines[0].startswith("rows each story needs in a box of 1 to 3 columns (mini")
    header = lines[1].split()
    assert header[:4] == ["story", "kind", "chars", "photos"] and header[-3:] == ["1", "2", "3"]
    by_id = {line.split()[0]: line for line in lines[2:]}
    assert "not placed" in by_id["brief"]
    for r in table.rows:
        cells = by_id[r.id].split()
        assert cells[-3:] == [MORE if n is None else str(n) for n in r.rows]


def test_the_command(tmp_path) -> None:
    from xhprint.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["stories", "issues/2023-40"]) == 0
    text = out.getvalue()
    assert "ai-cluster" in text and "1: 1,34 5×12 → 2: 1,4 3×17" in text
    assert main(["stories", str(tmp_path / "missing")]) == 2
