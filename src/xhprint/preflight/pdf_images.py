"""Measure placed images: effective resolution and total area coverage (TAC).

Resolution is pixels over placed size (the CTM at the Do operator maps the
unit square to the page, PDF 32000-1:2008 §8.9.4). TAC is the sum C+M+Y+K in %
of a CMYK image's pixels. To be robust to a few stray pixels (JPEG ringing,
an isolated dot) the reported TAC is the 99.9th percentile of the per-pixel
sum, computed exactly from a 1021-bin histogram: a 400 % dot in a 200 % photo
does not fire, an area of 0.1 % of the image or more does. Images larger than
`PdfBounds.analysis_pixels` are box-averaged down to that size first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageMath

from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_content import ImagePlaced


def placed_ppi(placed: ImagePlaced) -> float | None:
    """Effective ppi at the placed size: the lower of the two axes; None if unknown."""
    img = placed.image
    try:
        w = int(img.get("/Width", img.get("/W", 0)))
        h = int(img.get("/Height", img.get("/H", 0)))
    except (TypeError, ValueError, AttributeError):
        return None
    if w <= 0 or h <= 0 or placed.width_pt <= 0 or placed.height_pt <= 0:
        return None
    if img.get("/ImageMask", img.get("/IM", False)) is True:
        return None  # a stencil mask is line art, not a photo; ppi rules do not apply
    return min(w / (placed.width_pt / 72.0), h / (placed.height_pt / 72.0))


@dataclass(frozen=True)
class TacResult:
    """TAC of one image in %, or why it was not measured."""

    tac: float | None
    skipped: str | None = None
    over_bounds: bool = False


def image_tac(xobj: Any, bounds: PdfBounds) -> TacResult:
    """TAC of a CMYK image XObject, decoding at most `bounds.max_image_pixels`."""
    try:
        w, h = int(xobj["/Width"]), int(xobj["/Height"])
    except (KeyError, TypeError, ValueError):
        return TacResult(None, "no valid /Width and /Height")
    if w * h > bounds.max_image_pixels:
        return TacResult(
            None,
            f"{w}×{h} px is over the {bounds.max_image_pixels / 1e6:g} Mpx decode bound",
            over_bounds=True,
        )
    try:
        img = xobj.decode_as_image()
    except Exception as exc:  # noqa: BLE001 — any decoder failure is a finding, not a crash
        return TacResult(None, f"cannot be decoded ({type(exc).__name__})")
    if img is None or img.mode != "CMYK":
        return TacResult(None, f"decodes as {getattr(img, 'mode', 'nothing')}, not CMYK")
    return TacResult(cmyk_tac(img, bounds.analysis_pixels))


TAC_PERCENTILE = 99.9


def cmyk_tac(img: Image.Image, analysis_pixels: int) -> float:
    """99.9th percentile of C+M+Y+K in % (see module docstring)."""
    factor = math.ceil(math.sqrt(img.width * img.height / max(analysis_pixels, 1)))
    small = img.reduce(factor) if factor > 1 else img
    c, m, y, k = small.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    hist = _exact_histogram(total, 4 * 255)
    allowed = int(sum(hist) * (100.0 - TAC_PERCENTILE) / 100.0)
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
