"""`xhprint suggest`: the engine's boxes as YAML, and `--write` putting them into a
commented issue.yaml without disturbing a single line the editor wrote."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from layout.placement_maker import write_issue
from xhprint.build import BuildSettings, lay_out_build
from xhprint.commands import suggest
from xhprint.model import StoryItem

COMMENTED = """\
# 徐匯報 第48期 — the editor's notes stay where they are
layout: broadsheet            # 對開
lang: zh-Hant
issue: {number: 48, total: 1806, date: 2023-11-28}   # flow style kept
pages:
  - number: 1
    section: "要聞"   # quoted on purpose
    editor: 陳文卿
    items:
      # 頭條: the lead goes first
      - story: elevators
        priority: 1            # 頭條
      - story: greenway
      - story: canteen
      # 下面兩條可以換位置
      - story: market
      - story: library
      - story: brief-vaccine   # 短訊
      - ad: ads/notice.pdf
        box: {col: 6, row: 74, cols: 3, rows: 20}    # booked by the ad desk
"""


def test_suggest_write_keeps_every_line_the_editor_wrote(
        tmp_path: Path, placement_settings: BuildSettings) -> None:
    folder = write_issue(tmp_path / "i", "broadsheet", [""])
    (folder / "issue.yaml").write_text(COMMENTED, encoding="utf-8")

    text, notes, status = suggest(folder, settings=placement_settings)
    assert (notes, status) == ([], 0)
    printed = yaml.safe_load(text)["pages"][0]
    assert printed["number"] == 1
    suggested = {it["story"]: it for it in printed["items"]}
    assert list(suggested) == ["elevators", "greenway", "canteen", "market", "library",
                               "brief-vaccine"]
    assert (folder / "issue.yaml").read_text("utf-8") == COMMENTED  # printing writes nothing

    suggest(folder, write=True, settings=placement_settings)
    written = (folder / "issue.yaml").read_text("utf-8")
    diff = list(difflib.ndiff(COMMENTED.splitlines(), written.splitlines()))
    assert not [d for d in diff if d.startswith("- ")]  # nothing removed or changed
    added = [d[2:] for d in diff if d.startswith("+ ")]
    assert added and all(a.startswith(("        box: {col: ", "        photos:",
                                       "          - {", "        headline_space: "))
                         for a in added), added
    # box right after `story:`; the editor's keys follow in their order
    lines = written.splitlines()
    at = lines.index("      - story: elevators")
    assert lines[at + 1].startswith("        box: {col: 1, row: 13")
    assert "        priority: 1            # 頭條" in lines
    assert yaml.safe_load(written)["pages"][0]["items"][0]["box"] == suggested["elevators"]["box"]

    # Built again, the boxes are the editor's now: the same page, nothing automatic.
    staged = lay_out_build(folder, placement_settings)
    items = [it for it in staged.layout.arranged.pages[0].items if isinstance(it, StoryItem)]
    for it in items:
        box = suggested[it.story]["box"]
        assert (it.box.col, it.box.row, it.box.cols, it.box.rows) == (
            box["col"], box["row"], box["cols"], box["rows"])
        assert not it.automatic
    assert not [f for f in staged.findings
                if f.check in ("overset", "underset", "placement", "photo-fit")]
    assert not [a for a in staged.layout.pages[0].areas if a.automatic]

    # Nothing is left to place: suggest says so and leaves the file alone.
    again, _notes, _status = suggest(folder, write=True, settings=placement_settings)
    assert again == "" and (folder / "issue.yaml").read_text("utf-8") == written
