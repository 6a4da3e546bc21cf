"""Measure placed images: effective resolution and total area coverage (TAC).

Resolution is pixels over placed size (the CTM at the Do operator maps the
unit square to the page, PDF 32000-1:2008 §8.9.4). TAC is measured by the one
definition in images/coverage.py (99.9th percentile of per-pixel C+M+Y+K, after
box-averaging to `PdfBounds.analysis_pixels`), the definition the photo converter
aims with, so our own photos measure here what they measured there.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image

from xhprint.i18n import Message, msg
from xhprint.images.coverage import total_area_coverage
from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_events import ImagePlaced


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
    skipped: Message | None = None
    over_bounds: bool = False


def image_tac(xobj: Any, bounds: PdfBounds) -> TacResult:
    """TAC of a CMYK image XObject, decoding at most `bounds.max_image_pixels`."""
    try:
        w, h = int(xobj["/Width"]), int(xobj["/Height"])
    except (KeyError, TypeError, ValueError):
        return TacResult(None, msg("no valid /Width and /Height"))
    if w * h > bounds.max_image_pixels:
        return TacResult(
            None,
            msg("{w}×{h} px is over the {max:g} Mpx decode bound", w=w, h=h,
                max=bounds.max_image_pixels / 1e6),
            over_bounds=True,
        )
    try:
        img = _decode_dct_cmyk(xobj, bounds.max_image_pixels)
        if img is None:
            img = xobj.decode_as_image()
    except Exception:  # noqa: BLE001 — any decoder failure is a finding, not a crash
        return TacResult(None, msg("the image data cannot be decoded"))
    if img is None:
        return TacResult(None, msg("it decodes as nothing, not CMYK"))
    if img.mode != "CMYK":
        return TacResult(None, msg("it decodes as {mode}, not CMYK", mode=img.mode))
    return TacResult(cmyk_tac(img, bounds.analysis_pixels))


def _decode_dct_cmyk(xobj: Any, max_pixels: int) -> Image.Image | None:
    """A CMYK JPEG (DCTDecode) image's samples as a PDF reader paints them; None otherwise.

    pypdf's decode_as_image re-encodes a JPEG before returning it, which moves samples
    by up to ~5 % ink; the stream is decoded here once, as the press's RIP does. The
    DCTDecode filter yields the samples as stored (PDF 32000-1 §7.4.8); Pillow returns
    an Adobe (APP14) CMYK JPEG un-inverted, so it is inverted back before /Decode
    (§8.9.5.2, default [0 1 …]) maps stored samples to ink.
    """
    if _filters(xobj) != ["/DCTDecode"]:
        return None
    jpeg = Image.open(io.BytesIO(xobj.get_data()), formats=("JPEG",))
    if jpeg.mode != "CMYK":
        return None
    if jpeg.width * jpeg.height > max_pixels:  # the JPEG's own size, not /Width × /Height
        raise ValueError(f"the JPEG is {jpeg.width}×{jpeg.height} px")
    jpeg.load()
    inverted = "adobe" in jpeg.info  # Pillow un-inverted what the file stores
    luts = _ink_luts(_decode_pairs(xobj), inverted)
    if all(lut == list(range(256)) for lut in luts):
        return jpeg  # e.g. ours: Adobe-inverted samples, /Decode [1 0 1 0 1 0 1 0]
    return Image.merge("CMYK", [band.point(lut) for band, lut in zip(jpeg.split(), luts,
                                                                      strict=True)])


def _filters(xobj: Any) -> list[str]:
    filters = xobj.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    return [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]


def _decode_pairs(xobj: Any) -> list[float]:
    """The image's /Decode array for four components; the default [0 1 0 1 0 1 0 1]."""
    decode = xobj.get("/Decode")
    try:
        pairs = [float(v) for v in decode.get_object()] if decode is not None else []
    except (TypeError, ValueError):
        pairs = []
    return pairs if len(pairs) == 8 else [0.0, 1.0] * 4


def _ink_luts(pairs: list[float], inverted: bool) -> list[list[int]]:
    """Per component, stored sample → ink (0…255), through /Decode (§8.9.5.2)."""
    luts = []
    for lo, hi in zip(pairs[0::2], pairs[1::2], strict=True):
        stored = [255 - p for p in range(256)] if inverted else list(range(256))
        luts.append([round(255 * (lo + (hi - lo) * s / 255)) for s in stored])
    return luts


def cmyk_tac(img: Image.Image, analysis_pixels: int) -> float:
    """TAC of a decoded image: the one definition the photo converter uses too."""
    return total_area_coverage(img, analysis_pixels)
