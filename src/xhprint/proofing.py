"""Proof outputs: page PNGs, the sign-off proof.pdf and the grid overlay (outputs.md)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.i18n import Translations
from xhprint.layout.grid import Grid
from xhprint.model import Finding
from xhprint.model.frame import GridGeometry
from xhprint.render.proof import grid_proof_pdf, proof_pngs, signoff_pdf
from xhprint.render.resources import Resources

if TYPE_CHECKING:
    from xhprint.layout.issue import IssueLayout
    from xhprint.model import Issue

PROOF_DPI = 60
#: the --grid overlay labels rows in 5 pt type: legible from about 100 dpi
GRID_PROOF_DPI = 100


def grid_geometry(grid: Grid) -> GridGeometry:
    """The layout grid in the form the proof overlay draws."""
    return GridGeometry(tuple(grid.col_x(c) for c in range(1, grid.columns + 1)),
                        grid.col_width, grid.top, grid.leading, grid.rows)


def proof_files(digital_pdf: bytes, layout: IssueLayout, issue: Issue,
                findings: Sequence[Finding], resources: Resources, *,
                grid: bool = False, translations: Translations = None) -> dict[str, bytes]:
    """proof/page-NN.png (trimmed pages; with the grid overlay when asked) and proof/proof.pdf."""
    files: dict[str, bytes] = {}
    if grid:
        grids = {p.number: grid_geometry(g) for p, g in zip(layout.pages, layout.grids, strict=True)}
        source = grid_proof_pdf(layout.pages, issue.template, resources, grids, date=issue.date,
                                translations=translations)
    else:
        source = digital_pdf
    dpi = GRID_PROOF_DPI if grid else PROOF_DPI
    for n, png in enumerate(proof_pngs(source, dpi), start=1):
        files[f"proof/page-{n:02d}.png"] = png
    files["proof/proof.pdf"] = signoff_pdf(layout.pages, issue.template, resources, findings,
                                           date=issue.date, translations=translations)
    return files


def proof_paths(out: Path, files: dict[str, bytes]) -> list[Path]:
    return [out / name for name in sorted(files) if name.startswith("proof/")]
