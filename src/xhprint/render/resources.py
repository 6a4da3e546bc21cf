"""What render needs from other stages, as small protocols, plus the render options.

The glyph emitter (render/glyphs.py, fonts), the image preparers (images/) and
the advert merger (render/adverts.py) are written elsewhere; render depends only
on these call shapes so that each side can be tested alone.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from xhprint.model.frame import TextLine

DEFAULT_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
#: a TrueType face with Han and Latin for the slug line, watermark and proof labels:
#: marks are not layout text, so they do not go through the font roles.
DEFAULT_MARKS_FONT = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")


class TextEmitter(Protocol):
    """Draws one composed line on a ReportLab canvas, embedding subset fonts.

    `x_pdf`, `y_pdf` are the line origin (its x, its baseline) in PDF space.
    """

    def draw_text_line(self, canvas: Any, line: TextLine, x_pdf: float, y_pdf: float) -> None: ...


class PreparedImage(Protocol):
    """A placed photo ready to embed: JPEG bytes (CMYK or grey for print, sRGB for digital)."""

    @property
    def data(self) -> bytes: ...


PrintImagePreparer = Callable[..., PreparedImage]
"""prepare_print_image(path, crop, placed_w_pt, placed_h_pt, output_icc, max_tac)"""

DigitalImagePreparer = Callable[..., PreparedImage]
"""prepare_digital_image(path, crop, placed_w_pt, placed_h_pt, ppi)"""

AdvertMerger = Callable[..., None]
"""merge_advert(page, ad_pdf, x, y, w, h): x, y, w, h the box in PDF space (bottom-left origin)."""


@dataclass(frozen=True)
class Resources:
    """The collaborators a render run uses; tests pass stubs, the build the real ones."""

    text: TextEmitter | None = None
    prepare_print_image: PrintImagePreparer | None = None
    prepare_digital_image: DigitalImagePreparer | None = None
    merge_advert: AdvertMerger | None = None
    marks_font: Path = DEFAULT_MARKS_FONT
    marks_font_index: int = 0


@dataclass(frozen=True)
class SlugInfo:
    """What the print slug line says and what dates the files carry."""

    paper: str
    issue_number: int
    issue_total: int | None
    date: _dt.date
    errors: int = 0


@dataclass(frozen=True)
class DigitalMeta:
    """Document metadata of the digital edition (PDF 32000-1 §14.3.3, Lang §14.9.2)."""

    title: str
    author: str
    subject: str
    lang: str  # BCP 47, e.g. zh-Hant
    date: _dt.date
    keywords: tuple[str, ...] = field(default_factory=tuple)


def default_resources(text: TextEmitter | None = None) -> Resources:
    """The real collaborators, for whichever of them exist in this checkout."""
    kwargs: dict[str, Any] = {"text": text}
    try:
        from xhprint.images import prepare_digital_image, prepare_print_image
    except ImportError:
        pass
    else:
        kwargs["prepare_print_image"] = prepare_print_image
        kwargs["prepare_digital_image"] = prepare_digital_image
    try:
        from xhprint.render.adverts import merge_advert
    except ImportError:
        pass
    else:
        kwargs["merge_advert"] = merge_advert
    return Resources(**kwargs)
