"""`rows: auto` boxes fit their stories, and every "set rows: N" the findings suggest fits.

Built with the box test font on the `mini` template (39 rows, 3 columns).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout.issue_maker import story, write_issue
from xhprint.build import BuildResult, build_issue
from xhprint.model import InputError
from xhprint.session import BuildSettings

STORIES = {
    "lead": story("口袋公園開放", 2, photo="p.jpg"),
    "side": story("共享書屋", 3, subhead=True),
    "brief": story("短訊", 1),
}


def _build(folder: Path, settings: BuildSettings) -> BuildResult:
    return build_issue(folder, settings)


def _checks(result: BuildResult, *checks: str) -> list:
    return [f for f in result.report.findings if f.check in checks]


def _area(result: BuildResult, sid: str, page: int = 1):
    assert result.layout is not None
    return next(a for a in result.layout.pages[page - 1].areas if a.id == sid)


def test_auto_boxes_are_as_tall_as_their_stories(tmp_path, box_settings) -> None:
    items = ("      - story: lead\n        box: {col: 1, row: 5, cols: 2, rows: auto}\n"
             "      - story: side\n        box: {col: 3, row: 5, cols: 1, rows: auto}\n"
             "      - story: brief\n        box: {col: 1, row: 30, cols: 2, rows: auto}\n")
    result = _build(write_issue(tmp_path / "i", items, STORIES, {"p.jpg": (1600, 1000)}),
                    box_settings)
    assert not _checks(result, "overset", "underset", "photo-fit", "box-overflow", "box-overlap")
    lead, side, brief = (_area(result, s) for s in ("lead", "side", "brief"))
    assert lead.box is not None and side.box is not None and brief.box is not None
    assert lead.box.row + lead.box.rows <= 30  # never into the box below
    assert side.box.rows <= 39 - 5 + 1  # never past the type area's foot
    for area in (lead, side, brief):
        assert area.h == pytest.approx(area.box.rows * 14)
    # The fewest rows: one row less would overset (the planner's own answer, read back).
    shorter = items.replace("{col: 1, row: 5, cols: 2, rows: auto}",
                            f"{{col: 1, row: 5, cols: 2, rows: {lead.box.rows - 1}}}")
    again = _build(write_issue(tmp_path / "j", shorter, STORIES, {"p.jpg": (1600, 1000)}),
                   box_settings)
    assert _checks(again, "overset", "photo-fit")


def test_auto_on_a_part_that_continues_is_an_error(tmp_path, box_settings) -> None:
    items = ("      - story: lead\n        box: {col: 1, row: 5, cols: 2, rows: auto}\n"
             "        continue: 2\n")
    pages = ("  - number: 2\n    section: 綜合\n    items:\n"
             "      - story: lead\n        box: {col: 1, row: 4, cols: 3, rows: 20}\n")
    folder = write_issue(tmp_path / "i", items, STORIES, {"p.jpg": (1600, 1000)}, pages)
    with pytest.raises(InputError) as err:
        _build(folder, box_settings)
    (f,) = err.value.findings
    assert "cannot have rows: auto" in f.message and str(f.where).endswith("issue.yaml:9:14")


def test_a_continued_last_part_may_be_auto(tmp_path, box_settings) -> None:
    long = {"lead": story("口袋公園開放", 14)}
    items = "      - story: lead\n        box: {col: 1, row: 5, cols: 2, rows: 12}\n        continue: 2\n"
    pages = ("  - number: 2\n    section: 綜合\n    items:\n"
             "      - story: lead\n        box: {col: 1, row: 4, cols: 3, rows: auto}\n")
    result = _build(write_issue(tmp_path / "i", items, long, None, pages), box_settings)
    assert not _checks(result, "overset", "underset")
    part = _area(result, "lead", 2)
    assert part.box is not None and 4 < part.box.rows < 36 and part.continued_from == 1


@pytest.mark.parametrize("rows", [6, 9, 30])
def test_every_suggested_rows_value_fits(tmp_path, box_settings, rows: int) -> None:
    """Too few rows (overset) or too many (underset): set the value the finding names,
    build again: neither finding remains."""
    items = (f"      - story: lead\n        box: {{col: 1, row: 5, cols: 2, rows: {rows}}}\n"
             f"      - story: side\n        box: {{col: 3, row: 5, cols: 1, rows: {rows}}}\n")
    folder = write_issue(tmp_path / "i", items, STORIES, {"p.jpg": (1600, 1000)})
    first = _build(folder, box_settings)
    fit = _checks(first, "overset", "underset")
    assert fit, "the case must start wrong"
    manifest = (folder / "issue.yaml").read_text("utf-8")
    for f in fit:
        m = re.search(r"set rows: (\d+)", f.message)
        assert m, f.message
        line = f.where.line
        lines = manifest.splitlines()
        lines[line] = re.sub(r"rows: \d+", f"rows: {m.group(1)}", lines[line])
        manifest = "\n".join(lines) + "\n"
    (folder / "issue.yaml").write_text(manifest, "utf-8")
    second = _build(folder, box_settings)
    assert not _checks(second, "overset", "underset", "photo-fit")


def test_overset_beyond_the_page_says_continue(tmp_path, box_settings) -> None:
    items = "      - story: lead\n        box: {col: 1, row: 30, cols: 1, rows: 5}\n"
    result = _build(write_issue(tmp_path / "i", items, {"lead": story("長文", 30)}),
                    box_settings)
    (f,) = _checks(result, "overset")
    assert "more than the page holds below row 30" in f.message
    assert "continue the story on a later page" in (f.hint or "")
