"""The manifest keys of automatic placement (manifest.md §2): a story item without `box`,
`priority`, `cols`, `photos`, `headline_space`; a photo's `min_rows`/`max_rows` and
`place: above`. Good values load into the model; each mistake is one error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from manifest_helpers import BASE_ISSUE, REPO, only, write_issue

from xhprint.manifest import load_issue
from xhprint.model import Box, PhotoSize, StoryItem

HEAD = BASE_ISSUE.split("    items:\n")[0] + "    items:\n"
ONE_PHOTO = "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n---\n文。\n"
PHOTO_STORY = ("---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n    min_rows: 8\n"
               "    max_rows: 20\n  - file: photos/p.jpg\n    place: above\n---\n正文。\n")


def test_boxless_items_load_with_their_hints(tmp_path: Path) -> None:
    items = ("      - story: a\n        priority: 2\n        cols: 3\n"
             "        photos:\n          - {place: top-right, cols: 2, rows: 12}\n          - ~\n"
             "      - story: b\n        box: {col: 5, row: 13, cols: 4, rows: 20}\n"
             "        headline_space: 1\n")
    folder = write_issue(tmp_path, HEAD + items, {"stories/a.md": PHOTO_STORY,
                                                  "stories/b.md": "---\nheadline: 乙\n---\n文。\n",
                                                  "photos/p.jpg": b"\xff\xd8"})
    issue = load_issue(folder, REPO)
    a, b = issue.pages[0].items
    assert isinstance(a, StoryItem) and isinstance(b, StoryItem)
    assert (a.box, a.priority, a.cols) == (None, 2, 3)
    assert a.photos == (PhotoSize("top-right", 2, 12), None)
    assert not a.placed and not a.automatic
    assert (b.box, b.headline_space) == (Box(5, 13, 4, 20), 1)
    p1, p2 = issue.stories["a"].photos
    assert (p1.min_rows, p1.max_rows, p2.place) == (8, 20, "above")


@pytest.mark.parametrize(("items", "story", "message", "where"), [
    ("      - story: a\n        box: {col: 1, row: 13, cols: 4, rows: 20}\n        cols: 3\n", None,
     "has cols: 3 but its box is 4 columns wide", "iss/issue.yaml:13:15"),
    ("      - story: a\n        headline_cols: 2\n", None,
     "has headline_cols but no box", "iss/issue.yaml:12:24"),
    ("      - story: a\n        priority: 0\n", None, "priority", "iss/issue.yaml:12:19"),
    ("      - story: a\n        headline_space: 9\n", None, "headline_space",
     "iss/issue.yaml:12:25"),
    ("      - story: a\n        photos:\n          - {place: top, cols: 2}\n", ONE_PHOTO,
     "has cols but place: top always spans the box", "iss/issue.yaml:13:32"),
    ("      - story: a\n        photos:\n          - {place: middle}\n", ONE_PHOTO,
     "must be one of", "iss/issue.yaml:13:21"),
    ("      - story: a\n        photos:\n          - {rows: 5}\n          - {rows: 6}\n"
     "          - {rows: 7}\n", "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n---\n文。\n",
     "story 'a' has 1 photos but its item sizes 3", "iss/issue.yaml:11:9"),
    ("      - story: a\n", "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n"
     "    min_rows: 12\n    max_rows: 8\n---\n文。\n", "has min_rows: 12 above max_rows: 8",
     "iss/stories/a.md:6:15"),
    ("      - story: a\n", "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n"
     "    rows: 12\n    min_rows: 8\n---\n文。\n", "rows fixes the height", "iss/stories/a.md:5:11"),
])
def test_placement_key_errors(load_errors, items: str, story: str | None, message: str,
                              where: str) -> None:
    files: dict[str, str | bytes] = {"photos/p.jpg": b"\xff\xd8"}
    if story:
        files["stories/a.md"] = story
    f = only(load_errors(HEAD + items, files))
    assert message in f.message and f.hint
    assert str(f.where) == where


def test_photos_on_a_continued_part_is_an_error(load_errors) -> None:
    items = ("      - story: a\n        box: {col: 1, row: 13, cols: 4, rows: 20}\n"
             "        continue: 2\n")
    page2 = ("  - number: 2\n    section: 綜合\n    items:\n      - story: a\n"
             "        photos:\n          - {rows: 10}\n")
    f = only(load_errors(HEAD + items + page2, {
        "stories/a.md": "---\nheadline: 標題\nphotos:\n  - file: photos/p.jpg\n---\n文。\n",
        "photos/p.jpg": b"\xff\xd8"}))
    assert "photos: on a continued part" in f.message
    assert str(f.where) == "iss/issue.yaml:17:9"
