"""Regenerate the golden PNGs of tests/layout/test_golden_pages.py after an intended change.

Look at the new PNGs before committing them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from layout.test_golden_pages import (  # noqa: E402
    DATA,
    SAMPLE_SCALE,
    SCALE,
    build_fixture,
    sample_pages,
)
from support.golden import render_page  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_fixture(Path(tmp))
        sample = sample_pages(Path(tmp))
    out = DATA / "golden" / "layout-basic-p1.png"
    render_page(pdf, 0, SCALE).save(out, optimize=True)
    print(f"wrote {out}")
    for index in (0, 1):
        out = DATA / "golden" / f"sample-2023-40-p{index + 1}.png"
        render_page(sample, index, SAMPLE_SCALE).save(out, optimize=True)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
