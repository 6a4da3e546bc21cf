"""Golden PNGs of a box-font fixture page: a layout change shows up as pixels.

The box test font draws every ideograph as a filled square, so the picture is the
layout itself (columns, rows, headline lines, photo and caption), independent of the
Debian fonts. Tolerance: at most 0.2 % of pixels off by more than 48 grey levels
(tests/support/golden.py). Regenerate with `python tools/update_goldens.py`.
"""

from __future__ import annotations

from pathlib import Path

from support.golden import assert_matches_golden, render_page
from xhprint.build import build_issue
from xhprint.session import BuildSettings

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SCALE = 0.5  # 1 px per 2 pt


def build_fixture(cache: Path) -> bytes:
    settings = BuildSettings(cache_dir=cache, fonts_config=DATA / "fonts-box.yaml", fonts_dir=DATA)
    return build_issue(DATA / "layout-basic", settings).files["digital/issue.pdf"]


SAMPLE_SCALE = 30 / 72  # the reference front page at 30 dpi, real fonts


def sample_pages(cache: Path) -> bytes:
    return build_issue(REPO / "issues" / "2023-40",
                       BuildSettings(cache_dir=cache)).files["digital/issue.pdf"]


def test_sample_front_page_matches_golden(tmp_path) -> None:
    """issues/2023-40 page 1 as an editor sees it (needs the Debian fonts of make setup)."""
    pdf = sample_pages(tmp_path)
    for index in (0, 1):
        assert_matches_golden(render_page(pdf, index, SAMPLE_SCALE),
                              DATA / "golden" / f"sample-2023-40-p{index + 1}.png")


def test_layout_basic_page_matches_golden(tmp_path) -> None:
    pdf = build_fixture(tmp_path)
    assert_matches_golden(render_page(pdf, 0, SCALE), DATA / "golden" / "layout-basic-p1.png")
