"""Total area coverage (TAC): the one definition, used by the photo converter and by preflight.

The converter (images/prepare.py) measures the JPEG it is about to embed with
`total_area_coverage` and preflight's `tac` check (preflight/pdf_images.py)
measures the same image, decoded from the PDF, with the same function: the
figure the converter aims at is the figure preflight reports.

TAC is the sum C+M+Y+K in % of each pixel (a greyscale image prints black ink
only: K = 100 % − its lightness). To be robust to a few stray pixels (JPEG
ringing, an isolated dot, smaller than a newsprint halftone cell) the TAC of an
image is the 99.9th percentile of that per-pixel sum, computed exactly from a
histogram: a 400 % dot in a 200 % photo does not count, an area of 0.1 % of the
image or more does. Images larger than `ANALYSIS_PIXELS` are box-averaged down
to that size first (so a photo and its measurement cost a bounded time).
"""

from __future__ import annotations

import math

from PIL import Image, ImageMath

TAC_PERCENTILE = 99.9
#: 1 pixel in this many may lie over the reported TAC (100 − TAC_PERCENTILE %, in integers)
_PIXELS_PER_OUTLIER = 1000
#: images are box-averaged down to about this many pixels before measuring
ANALYSIS_PIXELS = 4_000_000


def total_area_coverage(img: Image.Image, analysis_pixels: int = ANALYSIS_PIXELS) -> float:
    """TAC in % of a CMYK or L image (see the module docstring); other modes print no ink: 0."""
    if img.mode not in ("CMYK", "L"):
        return 0.0
    factor = math.ceil(math.sqrt(img.width * img.height / max(analysis_pixels, 1)))
    small = img.reduce(factor) if factor > 1 else img
    if small.mode == "L":
        total = ImageMath.lambda_eval(lambda a: 255 - a["l"], l=small.convert("I"))
    else:
        c, m, y, k = small.split()
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                      c=c, m=m, y=y, k=k)
    hist = _exact_histogram(total, 4 * 255)
    allowed = sum(hist) // _PIXELS_PER_OUTLIER
    above = 0
    for value in range(len(hist) - 1, -1, -1):
        above += hist[value]
        if above > allowed:
            return 100.0 * value / 255.0
    return 0.0


def _exact_histogram(total: Image.Image, top: int) -> list[int]:
    """Counts of each integer 0..top in an "I" image, without numpy.

    Pillow bins "I" histograms coarsely, so the range is read through windows of
    254 values: shift by the window base (+1), clamp to 0..255 by converting to
    "L"; bins 1..254 are then exact and 0/255 hold what lies outside.
    """
    hist = [0] * (top + 1)
    for base in range(0, top + 1, 254):
        window = ImageMath.lambda_eval(lambda a, b=base: a["t"] - b + 1, t=total)
        counts = window.convert("L").histogram()
        for k in range(1, 255):
            v = base + k - 1
            if v <= top:
                hist[v] += counts[k]
    return hist
