import io
from dataclasses import replace

import pytest
from PIL import Image
from pypdf import PdfReader

from xhprint.model.findings import Finding
from xhprint.model.frame import GridGeometry
from xhprint.model.template import MM
from xhprint.render.digital_pdf import render_digital
from xhprint.render.proof import grid_proof_pdf, proof_pngs, row_label_positions, signoff_pdf


@pytest.fixture
def grid(template):
    col_w = 38 * MM
    gutter = (template.trim_width - 24 * MM - 4 * col_w) / 3
    return GridGeometry(
        column_x=tuple(12 * MM + i * (col_w + gutter) for i in range(4)),
        column_width=col_w,
        top=15 * MM,
        leading=14.0,
        rows=int((template.trim_height - 30 * MM) // 14),
    )


def test_proof_pngs_are_deterministic_and_sized(pages, template, resources, meta):
    pdf = render_digital(pages, template, resources, meta)
    first = proof_pngs(pdf, 36)
    assert proof_pngs(pdf, 36) == first
    assert len(first) == 2
    im = Image.open(io.BytesIO(first[0]))
    w, h = im.size
    assert abs(w - template.trim_width / 2) <= 1 and abs(h - template.trim_height / 2) <= 1
    assert not any(k.lower().startswith(("time", "date")) for k in im.info)


def test_row_labels_count_from_the_type_area_top(grid):
    labels = row_label_positions(grid)
    assert [r for r, _ in labels] == list(range(1, grid.rows + 1))
    for r, y in labels:
        # each label sits inside its own row: [top + (r-1)·leading, top + r·leading)
        assert grid.top + (r - 1) * 14 < y < grid.top + r * 14


def test_grid_proof_draws_row_numbers_ids_and_overset(pages, template, resources, grid, tmp_path):
    p1 = pages[0]
    overset = replace(p1.areas[1], overset_lines=12)
    pages = (replace(p1, areas=(p1.areas[0], overset)), pages[1])
    pdf = grid_proof_pdf(pages, template, resources, {1: grid, 2: grid})
    assert grid_proof_pdf(pages, template, resources, {1: grid, 2: grid}) == pdf
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for token in ("s1", "s2", "OVERSET 12 lines", str(grid.rows)):
        assert token in text
    png = proof_pngs(pdf, 72)[0]
    (tmp_path / "grid.png").write_bytes(png)
    im = Image.open(io.BytesIO(png)).convert("RGB")
    # the overset box's outline is red
    x, y = round(110 * MM), round(95 * MM)
    near = [im.getpixel((x + dx, y)) for dx in range(-2, 3)]
    assert any(r > 180 and g < 80 and b < 80 for r, g, b in near), near
    # the normal box (s1) outline is not red
    near = [im.getpixel((round(20 * MM) + dx, round(140 * MM))) for dx in range(-2, 3)]
    assert not any(r > 180 and g < 80 and b < 80 for r, g, b in near), near


def test_signoff_pdf_has_watermark_and_marks_findings(pages, template, resources):
    findings = [
        Finding("overset", "error", "12 lines do not fit", page=1, item="s2"),
        Finding("page-count", "warning", "3 pages", page=2),
    ]
    pdf = signoff_pdf(pages, template, resources, findings)
    reader = PdfReader(io.BytesIO(pdf))
    first, second = (p.extract_text() for p in reader.pages)
    assert "校樣" in first and "校樣" in second
    assert "error[overset] 12 lines do not fit" in first
    assert "warning[page-count] 3 pages" in second and "overset" not in second
