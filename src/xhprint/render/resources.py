"""What render needs from other stages, as small protocols, plus the render options.

The glyph emitter (render/glyphs.py, fonts), the image preparers (images/) and
the advert merger (render/adverts.py) are written elsewhere; render depends only
on these call shapes so that each side can be tested alone.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from xhprint.i18n import Translations
from xhprint.model.frame import TextLine
from xhprint.store import Store, open_store

DEFAULT_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
#: a TrueType face with Han and Latin for the slug line, watermark and proof labels:
#: marks are not layout text, so they do not go through the font roles.
DEFAULT_MARKS_FONT = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")


class TextEmitter(Protocol):
    """Draws composed lines on the canvas it was made for, embedding subset fonts.

    (left, top) is the PDF position of the trim box's top-left corner
    (render/glyphs.py `GlyphEmitter.draw`).
    """

    def draw(self, lines: Iterable[TextLine], left: float, top: float) -> None: ...


TextEmitterFactory = Callable[[Any, dict[str, set[str]]], TextEmitter]
"""(canvas, characters per face key of the whole document) → the document's emitter."""


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

    text: TextEmitterFactory | None = None
    prepare_print_image: PrintImagePreparer | None = None
    prepare_digital_image: DigitalImagePreparer | None = None
    merge_advert: AdvertMerger | None = None
    marks_font: Path = DEFAULT_MARKS_FONT
    marks_font_index: int = 0
    # the store (or a folder opened as one) keeping prepared font subsets (fonts/prepare.py):
    # the slug line's face is prepared there as the text's faces are; None builds it for
    # each render
    font_cache: Store | Path | None = None
    # QR module runs by encoded text (render/qr.py): encoding evaluates all 8 masks, so
    # the editions of a build, and the builds of a watch session, encode each text once.
    qr_memo: MutableMapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # the disk store (store.py) for what renders reuse by content (the output profile
    # compressed); None keeps nothing
    store: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class SlugInfo:
    """What the print slug line says and what dates the files carry."""

    paper: str
    issue_number: int
    issue_total: int | None
    date: _dt.date
    errors: int = 0
    lang: str = "zh-Hant"  # 總 in zh-Hant, 总 in zh-Hans
    #: the language of the build's messages: the NOT FOR PRESS note is in it
    translations: Translations = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DigitalMeta:
    """Document metadata of the digital edition (PDF 32000-1 §14.3.3, Lang §14.9.2)."""

    title: str
    author: str
    subject: str
    lang: str  # BCP 47, e.g. zh-Hant
    date: _dt.date
    keywords: tuple[str, ...] = field(default_factory=tuple)


def default_resources(text: TextEmitterFactory | None = None, image_cache: Any = None,
                      qr_memo: MutableMapping[str, Any] | None = None,
                      font_cache: Store | Path | None = None) -> Resources:
    """The real collaborators: image preparation and advert merging.

    With an `images.cache.ImageCache`, prepared photos come from (and go to) it; a
    `qr_memo` (a watch session's, or a `render.qr.QrMemo` on disk) keeps encoded QR
    symbols across builds. `font_cache` defaults to the store of a `font_text`
    emitter's prepared subsets, so the slug line's face is kept with the text's.
    """
    if font_cache is None and isinstance(text, FontText):
        font_cache = text.store
    from xhprint.images.prepare import prepare_digital_image, prepare_print_image
    from xhprint.render.adverts import merge_advert

    if image_cache is not None:
        prepare_print_image = image_cache.wrap("print", prepare_print_image)
        prepare_digital_image = image_cache.wrap("digital", prepare_digital_image)
    return Resources(text=text, prepare_print_image=prepare_print_image,
                     prepare_digital_image=prepare_digital_image, merge_advert=merge_advert,
                     qr_memo={} if qr_memo is None else qr_memo, font_cache=font_cache,
                     store=getattr(image_cache, "store", None))


class FontText:
    """The real text emitter (render/glyphs.py) over a FontBook, as a factory for one canvas.

    Faces are prepared (fonts/prepare.py) into `store`. The editions of one build
    draw the same lines with the same subsets: faces are read, and text operators
    (apart from each segment's Tm) computed, once (the factory's `EmitterMemo`).
    """

    def __init__(self, book: Any, store: Store | Path | None):
        from xhprint.render.cidfont import FACTS_VERSION, StoredFlate
        from xhprint.render.glyphs import EmitterMemo

        self.book = book
        self.store = open_store(store)
        self._memo = EmitterMemo(flate=StoredFlate(self.store),
                                 facts=self.store.space("cidfacts", FACTS_VERSION))

    def __call__(self, canvas: Any, needs: dict[str, set[str]]) -> TextEmitter:
        from xhprint.render.glyphs import GlyphEmitter

        return GlyphEmitter(canvas, self.book, needs, self.store, memo=self._memo)


def font_text(book: Any, store: Store | Path | None) -> FontText:
    """The real text emitter factory over `book`, its prepared subsets and compressed font
    streams kept in `store` (a folder is opened as one; None: memory only)."""
    return FontText(book, store)


def needed_chars(lines: Iterable[TextLine]) -> dict[str, set[str]]:
    """Characters per face key the lines draw: which font subsets a document needs."""
    texts: dict[str, list[str]] = {}
    for line in lines:
        for g in line.glyphs:
            if g.face:
                if g.face in texts:
                    texts[g.face].append(g.text)
                else:
                    texts[g.face] = [g.text]
    # one set per face from the joined text: ~3× faster than a set update per glyph
    return {face: set("".join(parts)) for face, parts in texts.items()}
