"""Proofs of a built fixture: the --grid overlay counts rows as the manifest does.

The label of row r must sit in the layout grid's row r (row_top(r) .. row_top(r+1)),
and an item booked at `row: r` must start at that labelled row. Also the CLI command
`xhprint proof ISSUE_DIR --grid` end to end.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from xhprint.proofing import GRID_PROOF_DPI, grid_geometry, proof_files
from xhprint.render.proof import LABEL_SIZE, grid_proof_pdf
from xhprint.render.resources import DEFAULT_MARKS_FONT, default_resources, font_text

pytestmark = pytest.mark.skipif(not DEFAULT_MARKS_FONT.exists(),
                                reason="proof labels need the Debian UKai font (make setup)")


@pytest.fixture(scope="module")
def three_hop_grid_pdf(built, box_book, tmp_path_factory) -> tuple[object, bytes]:
    r = built("three-hop")
    resources = default_resources(font_text(box_book, tmp_path_factory.mktemp("subsets")))
    grids = {p.number: grid_geometry(g) for p, g in zip(r.layout.pages, r.layout.grids,
                                                         strict=True)}
    return r, grid_proof_pdf(r.layout.pages, r.issue.template, resources, grids, r.issue.date)


def _row_labels(pdf: bytes, page: int, left: float) -> dict[int, float]:
    """Row number → vertical centre of its label (numbers right of nothing, left of the type)."""
    out: dict[int, float] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[page - 1].extract_words(extra_attrs=["size"])
    for w in words:
        if abs(w["size"] - LABEL_SIZE) < 0.01 and w["x1"] <= left and w["text"].isdigit():
            out[int(w["text"])] = (w["top"] + w["bottom"]) / 2
    return out


def test_row_labels_sit_in_the_layout_grid_rows(three_hop_grid_pdf):
    r, pdf = three_hop_grid_pdf
    for k, (page, grid) in enumerate(zip(r.layout.pages, r.layout.grids, strict=True)):
        labels = _row_labels(pdf, k + 1, grid.col_x(1))
        assert sorted(labels) == list(range(1, grid.rows + 1)), page.number
        for row, y in labels.items():
            assert grid.row_top(row) < y < grid.row_top(row + 1)
            # centred in its row (to within a point)
            assert y == pytest.approx(grid.row_top(row) + grid.leading / 2, abs=1.0)


def test_items_start_at_the_row_the_manifest_books(three_hop_grid_pdf):
    r, pdf = three_hop_grid_pdf
    for k, (page, grid) in enumerate(zip(r.issue.pages, r.layout.grids, strict=True)):
        labels = _row_labels(pdf, k + 1, grid.col_x(1))
        areas = {a.id: a for a in r.layout.pages[k].areas}
        for item in page.items:
            area = areas[item.id]
            assert area.y == pytest.approx(grid.row_top(item.box.row))
            # the label of the booked row is the first one below the box's top edge
            first_below = min((y, n) for n, y in labels.items() if y > area.y)
            assert first_below[1] == item.box.row


def test_grid_png_shows_row_lines_and_ids(built, box_book, tmp_path):
    r = built("three-hop")
    resources = default_resources(font_text(box_book, tmp_path))
    files = proof_files(r.files["digital/issue.pdf"], r.layout, r.issue, r.report.findings,
                        resources, grid=True)
    assert sorted(f for f in files if f.endswith(".png")) == [
        f"proof/page-{n:02d}.png" for n in range(1, 6)]
    im = Image.open(io.BytesIO(files["proof/page-01.png"])).convert("RGB")
    grid = r.layout.grids[0]
    scale = GRID_PROOF_DPI / 72
    assert im.size[0] == pytest.approx(r.issue.template.trim_width * scale, abs=1)
    assert im.size[1] == pytest.approx(r.issue.template.trim_height * scale, abs=1)
    # Row lines are drawn at row_top(r): blue-dominant pixels on the line, sampled in
    # the middle of column 1 near the page foot, where page 1 sets nothing.
    x = round((grid.col_x(1) + grid.col_width / 2) * scale)
    for row in (grid.rows - 2, grid.rows):
        y = round(grid.row_top(row) * scale)
        near = [im.getpixel((x, y + dy)) for dy in (-1, 0, 1)]
        assert any(b > 150 and rr < 150 for rr, _g, b in near), (row, near)


def test_overset_marker_on_the_grid_proof(built, box_book, tmp_path):
    r = built("overset")
    resources = default_resources(font_text(box_book, tmp_path))
    grids = {p.number: grid_geometry(g) for p, g in zip(r.layout.pages, r.layout.grids,
                                                         strict=True)}
    pdf = grid_proof_pdf(r.layout.pages, r.issue.template, resources, grids, r.issue.date)
    (area,) = [a for a in r.layout.pages[0].areas if a.id == "long"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        red = [c for c in doc.pages[0].chars if abs(c["size"] - (LABEL_SIZE + 3)) < 0.01
               and area.x < c["x0"] < area.x + area.w and area.y < c["top"] < area.y + area.h]
    marker = "".join(c["text"] for c in sorted(red, key=lambda c: c["x0"]))
    assert marker.replace(" ", "") == f"OVERSET{area.overset_lines}lines▼"
    # red, at the foot of the overset box
    assert all(c["non_stroking_color"] == pytest.approx((0.85, 0.0, 0.0)) for c in red)
    assert all(area.y + area.h - 12 < c["bottom"] <= area.y + area.h for c in red)


def test_proof_command_with_grid(tmp_path):
    """`xhprint proof issues/2023-40 --grid -o OUT` writes a PNG per page and proof.pdf."""
    from xhprint.cli import main

    sample = Path(__file__).resolve().parents[2] / "issues" / "2023-40"
    if not Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists():
        pytest.skip("Debian fonts-noto-cjk not installed")
    assert main(["proof", str(sample), "--grid", "-o", str(tmp_path)]) == 0
    pngs = sorted(p.name for p in (tmp_path / "proof").glob("*.png"))
    assert pngs == ["page-01.png", "page-02.png"]
    assert (tmp_path / "proof" / "proof.pdf").stat().st_size > 0
