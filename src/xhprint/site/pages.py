"""Page images and one-page PDFs for the website, made from the digital PDF.

The digital edition is what a reader downloads, so the site shows exactly it: each
page rendered with pdfium (as the proofs are) to a PAGE_IMAGE_WIDTH-pixel sRGB JPEG,
and split into page-NN.pdf with pypdf. Both are kept in the store's `site` space by the
digital PDF's sha256, so a rebuild that changes nothing renders nothing; the
document is opened only when something is missing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import __version__ as pillow_version

from xhprint.libversion import pypdf_version
from xhprint.site.model import SiteIssue, SitePage
from xhprint.store import Space

if TYPE_CHECKING:
    from pypdf import PdfReader

#: bump when what this module makes from the same inputs changes
VERSION = 1
PAGE_JPEG_QUALITY = 80


class _Lazy:
    """Opens a document the first time it is needed (a warm build never needs it)."""

    def __init__(self, make: Callable[[], Any]):
        self._make = make
        self.value: Any = None

    def __call__(self) -> Any:
        if self.value is None:
            self.value = self._make()
        return self.value


@cache
def pdfium_build() -> str:
    """The pdfium build that renders, without loading the library (~20 ms): a rebuild
    that finds every page image in the store never needs it."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            info = json.loads((Path(folder) / "version.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        return json.dumps(info, sort_keys=True)
    import pypdfium2

    return str(pypdfium2.PDFIUM_INFO)


def _open_pdfium(data: bytes) -> Any:
    import pypdfium2

    return pypdfium2.PdfDocument(data)


def _open_pypdf(data: bytes) -> PdfReader:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def page_files(digital_pdf: bytes, site: SiteIssue, store: Space) -> dict[str, bytes]:
    """img/page-NN.jpg and pdf/page-NN.pdf for every page, and pdf/issue.pdf."""
    digest = hashlib.sha256(digital_pdf).hexdigest()
    pdfium_doc = _Lazy(lambda: _open_pdfium(digital_pdf))
    files: dict[str, bytes] = {site.issue_pdf: digital_pdf}
    try:
        for index, page in enumerate(site.pages):
            key = store.key("page-image", pdfium_build(), pillow_version, digest,
                         index, page.image_w, page.image_h, PAGE_JPEG_QUALITY)
            files[page.image] = store.get_or_make(
                key, partial(lambda i, p: render_page(pdfium_doc(), i, p), index, page))
        reader = _Lazy(lambda: _open_pypdf(digital_pdf))
        for index, page in enumerate(site.pages):
            title = page_pdf_title(site, page)
            key = store.key("page-pdf", pypdf_version(), digest, index, title, site.lang)
            files[page.pdf] = store.get_or_make(
                key, partial(lambda i, t: split_page(reader(), i, t, site.lang, site.paper),
                             index, title))
    finally:
        if pdfium_doc.value is not None:
            pdfium_doc.value.close()
    return files


def page_pdf_title(site: SiteIssue, page: SitePage) -> str:
    """e.g. 徐匯報 第40期 2023-10-02 第1版 要聞."""
    number = site.words.page.format(page.number)
    return f"{site.paper} {site.words.issue_number_short.format(site.number)} " \
           f"{site.date.isoformat()} {number} {page.section}".strip()


def render_page(doc: Any, index: int, page: SitePage) -> bytes:
    """One page at page.image_w × page.image_h pixels, as a progressive sRGB JPEG.

    pdfium rounds the bitmap size up; the last row or column it may add is cut so
    the image has exactly the size the hot zones were computed for.
    """
    pdf_page = doc[index]
    try:
        scale = page.image_w / pdf_page.get_width()
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf_page.close()
    if image.size != (page.image_w, page.image_h):
        image = image.crop((0, 0, page.image_w, page.image_h))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=PAGE_JPEG_QUALITY, optimize=True, progressive=True)
    return buf.getvalue()


def split_page(reader: PdfReader, index: int, title: str, lang: str, author: str) -> bytes:
    """Page `index` alone as a PDF. Its jump links go to pages this file does not hold,
    so they are dropped (the issue PDF keeps them)."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    page = reader.pages[index]
    if "/Annots" in page:
        del page[NameObject("/Annots")]
    writer = PdfWriter()
    writer.add_page(page)
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "xhprint",
                         "/Creator": "xhprint"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
