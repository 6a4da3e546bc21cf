"""A continuing part keeps a paragraph's last line company only when what then moves on
still fits the later parts; otherwise the widow stays and is reported (never an overset)."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.issue_fixtures import (
    box_settings,
    build,
    han,
    issue_yaml,
    of,
    page,
    story,
    write_issue,
)

# Page 1: two columns of 17 body lines under the headline, the last row kept for the jump
# line. Paragraph A has 18 lines, so its last line tops column 2; B carries on to page 2.
BODY = han(9 + 16 * 11 + 5) + "\n\n" + han(9 + 59 * 11, start=3)


def make(folder: Path, rows_p2: int) -> Path:
    p1 = "- story: a\n  box: {col: 1, row: 13, cols: 2, rows: 20}\n  continue: 2\n"
    p2 = f"- story: a\n  box: {{col: 1, row: 4, cols: 1, rows: {rows_p2}}}\n"
    return write_issue(folder, issue_yaml(page(1, p1), page(2, p2, "綜合")),
                       {"stories/a.md": story(body=BODY)})


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return box_settings(tmp_path_factory.mktemp("cache"))


def test_widow_moves_on_when_the_next_part_has_room(tmp_path, settings) -> None:
    result = build(make(tmp_path / "roomy", 80), settings)
    assert of(result, "overset") == []
    assert [f for f in of(result, "widow") if f.page == 1] == []


def test_widow_stays_when_the_next_part_is_full(tmp_path, settings) -> None:
    # The smallest page-2 box the text fits without moving a line: no room for one more.
    for rows in range(20, 90):
        result = build(make(tmp_path / f"r{rows}", rows), settings)
        if not of(result, "overset"):
            break
    else:
        raise AssertionError("no page-2 box size fits the story")
    assert [f.page for f in of(result, "widow")] == [1]
