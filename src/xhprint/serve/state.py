"""A build of the issue → the JSON the desk page reads (`GET /api/issue`, and each push).

    {"seq", "checked", "ready_for_press", "verdict", "errors": [finding…],
     "findings": [finding…], "issue": {…},
     "pages": [{"number", "section", "image", "width", "height", "status", "grid",
                "items": [{"id", "kind", "box", "rect", "automatic", …}], "findings",
                "loose": [{"item", "rect"}]}]}

`loose` lists the page's loose body lines (the `loose-line` finding): a clicked
`loose-line` finding marks those lines, not the whole story box.

A finding is report.json's finding object, its message and hint in the reader's
language. Pixel values are in the page PNG's pixels; grid columns and rows are counted
as issue.yaml counts them (manifest.md §2: row 1 is the first row of the type area, so on
page 1 the masthead takes the first rows).
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from typing import Any

from xhprint.i18n import tr
from xhprint.layout.grid import Grid
from xhprint.model import Box, Finding
from xhprint.model.frame import ItemArea, LaidOutPage, TextLine
from xhprint.serve.screen import ScreenPage
from xhprint.serve.words import cannot_lay_out, verdict

Translations = gettext.NullTranslations | None
#: what a page is marked with in the flat plan, worst first
STATUSES = ("error", "warning", "ready")
IMAGE_PATH = "/pages/"


def finding_json(f: Finding, translations: Translations) -> dict[str, object]:
    """report.json's finding object, its words in the reader's language."""
    out = f.to_json()
    out["message"] = tr(f.message, translations)
    if f.hint is not None:
        out["hint"] = tr(f.hint, translations)
    return out


def report_order(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then by page: the order report.json lists them in."""
    order = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.page if f.page is not None else 0))


def page_status(findings: Sequence[Finding]) -> str:
    """error if any finding on the page is an error, else warning if any, else ready."""
    severities = {f.severity for f in findings}
    return "error" if "error" in severities else "warning" if severities else "ready"


def _px(v: float) -> float:
    return round(v, 1)


def grid_json(grid: Grid, sx: float, sy: float) -> dict[str, Any]:
    """Columns ([x, width] each, column 1 first), row 1's top, the leading, the row count."""
    return {"columns": [[_px(grid.col_x(c) * sx), _px(grid.col_width * sx)]
                        for c in range(1, grid.columns + 1)],
            "top": _px(grid.top * sy), "leading": round(grid.leading * sy, 3),
            "rows": grid.rows}


def area_box(area: ItemArea, grid: Grid) -> Box:
    """The item's grid box; for the masthead and page header (no box of their own), the
    columns and rows they cover."""
    if area.box is not None:
        return area.box
    eps = 0.5
    cols = [c for c in range(1, grid.columns + 1)
            if grid.col_x(c) >= area.x - eps and grid.col_x(c) + grid.col_width <= area.x + area.w + eps]
    first = cols[0] if cols else 1
    row = round((area.y - grid.top) / grid.leading) + 1
    return Box(first, max(1, row), max(1, len(cols)), max(1, round(area.h / grid.leading)))


def item_json(area: ItemArea, grid: Grid, sx: float, sy: float) -> dict[str, Any]:
    box = area_box(area, grid)
    return {"id": area.id, "kind": area.kind,
            "box": {"col": box.col, "row": box.row, "cols": box.cols, "rows": box.rows},
            "rect": [_px(area.x * sx), _px(area.y * sy), _px(area.w * sx), _px(area.h * sy)],
            "automatic": area.automatic, "title": area.title, "part": area.part,
            "overset_lines": area.overset_lines}


def page_json(page: LaidOutPage, grid: Grid, screen: ScreenPage, findings: Sequence[Finding],
              translations: Translations) -> dict[str, Any]:
    """One page: its picture, grid, items and the findings about it."""
    mine = [f for f in report_order(findings) if f.page == page.number]
    sx, sy = screen.scale_x, screen.scale_y
    return {"number": page.number, "section": page.section,
            "image": IMAGE_PATH + screen.name, "width": screen.width, "height": screen.height,
            "status": page_status(mine), "grid": grid_json(grid, sx, sy),
            "items": [item_json(a, grid, sx, sy) for a in page.areas],
            "findings": [finding_json(f, translations) for f in mine],
            "loose": loose_json(page, sx, sy)}


def loose_json(page: LaidOutPage, sx: float, sy: float) -> list[dict[str, Any]]:
    """The page's loose body lines: their item and the pixels their glyphs cover."""
    out: list[dict[str, Any]] = []
    for el in page.elements:
        if isinstance(el, TextLine) and el.loose and (box := el.inked()) is not None:
            x, y, w, h = box
            out.append({"item": el.item, "rect": [_px(x * sx), _px(y * sy), _px(w * sx),
                                                  _px(h * sy)]})
    return out


def issue_json(seq: int, *, checked: bool, errors: Sequence[Finding],
               findings: Sequence[Finding], pages: Sequence[dict[str, Any]],
               issue: dict[str, Any], translations: Translations,
               timings: dict[str, float] | None = None,
               problem: str | None = None) -> dict[str, Any]:
    """The whole state. `errors` stopped the last rebuild (the pages are the last good
    ones); `findings` are those of the pages shown, errors first as in report.json;
    `problem` is xhprint's own failure, when the last rebuild hit one."""
    shown = report_order(findings)
    n_err = sum(1 for f in shown if f.severity == "error")
    n_warn = sum(1 for f in shown if f.severity == "warning")
    stopped = len(errors) + (problem is not None)
    said = cannot_lay_out(stopped) if stopped else verdict(n_err, n_warn)
    return {"seq": seq, "checked": checked, "ready_for_press": n_err == 0 and not stopped,
            "verdict": tr(said, translations),
            "problem": tr(problem, translations),
            "errors": [finding_json(f, translations) for f in errors],
            "findings": [finding_json(f, translations) for f in shown],
            "issue": issue, "pages": list(pages), "timings_s": timings or {}}
