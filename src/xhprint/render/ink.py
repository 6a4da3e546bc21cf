"""Setting colours on the canvas: CMYK with overprint for print, RGB for the screen edition.

Print: black (100 % K, nothing else) overprints so that a mis-registered plate
leaves no white halo round text and rules (manifest.md §4 "Print colour"); the
ExtGState carries /OP, /op true and /OPM 1 (PDF 32000-1 §8.6.7, Table 58) so
that the zero C, M, Y components of the black do not knock out what lies below.
Other colours knock out as usual.

Digital: colours become DeviceRGB. Screen viewers convert DeviceCMYK each their
own way (Acrobat shows 100 % K through a SWOP profile as a dark grey); RGB black
is black everywhere and the edition has no OutputIntent to convert against.
"""

from __future__ import annotations

from typing import Any

from xhprint.model.template import CMYK


def is_pure_black(c: CMYK) -> bool:
    """100 % K and no other ink."""
    return c[0] == 0 and c[1] == 0 and c[2] == 0 and c[3] >= 1


def cmyk_to_rgb(c: CMYK) -> tuple[float, float, float]:
    """A device-naive conversion, enough for text and tints on screen."""
    k = 1 - c[3]
    return ((1 - c[0]) * k, (1 - c[1]) * k, (1 - c[2]) * k)


def set_fill(canvas: Any, colour: CMYK, digital: bool) -> None:
    if digital:
        canvas.setFillColorRGB(*cmyk_to_rgb(colour))
        return
    canvas.setFillColorCMYK(*colour)
    _overprint(canvas, is_pure_black(colour))


def set_stroke(canvas: Any, colour: CMYK, digital: bool) -> None:
    if digital:
        canvas.setStrokeColorRGB(*cmyk_to_rgb(colour))
        return
    canvas.setStrokeColorCMYK(*colour)
    _overprint(canvas, is_pure_black(colour))


def _overprint(canvas: Any, on: bool) -> None:
    canvas.setFillOverprint(on)
    canvas.setStrokeOverprint(on)
    canvas.setOverprintMask(1 if on else 0)
