"""Golden PNG comparison with a stated tolerance; on failure, actual/expected/diff PNGs
are left in tests/output/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

OUTPUT = Path(__file__).resolve().parents[1] / "output"
# A pixel differs when any channel is off by more than LEVEL; a page matches when at most
# FRACTION of its pixels differ (anti-aliasing noise across pdfium builds stays far below).
LEVEL = 48
FRACTION = 0.002


def render_page(pdf: bytes, index: int, scale: float) -> Image.Image:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[index].render(scale=scale).to_pil().convert("L")
    finally:
        doc.close()


def differing_fraction(a: Image.Image, b: Image.Image) -> float:
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > LEVEL else 0)
    hist = diff.histogram()
    return hist[255] / (a.width * a.height)


def assert_matches_golden(actual: Image.Image, golden: Path) -> None:
    expected = Image.open(golden).convert("L")
    frac = differing_fraction(actual, expected)
    if frac > FRACTION:
        OUTPUT.mkdir(exist_ok=True)
        stem = golden.stem
        actual.save(OUTPUT / f"{stem}-actual.png")
        expected.save(OUTPUT / f"{stem}-expected.png")
        if actual.size == expected.size:
            ImageChops.difference(actual, expected).save(OUTPUT / f"{stem}-diff.png")
        raise AssertionError(
            f"{golden.name}: {frac:.2%} of pixels differ (tolerance {FRACTION:.2%}); "
            f"see {OUTPUT}/{stem}-*.png; if the change is intended, run "
            "`python tools/update_goldens.py`")
