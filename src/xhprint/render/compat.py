"""Every use of a ReportLab or pypdf private name or internal layout, in one place.

ReportLab draws our pages and pypdf finishes and reads the files. A few things we need
have no public API in either, and each is here, named for what it does, with a test in
tests/render/test_compat.py that reads its effect back from a real file: when an
upgrade moves one of them, that test fails by name instead of a build failing, or
silently writing something else, somewhere far away.

ReportLab (5.x): the canvas's document and operator list (`Canvas._doc`, `._code`);
its page preamble (`_make_preamble`: no initial Helvetica) and page streams (Flate
without ASCII85); embedding a JPEG as it is (`PDFImageXObject._dotrans`, `._filters`,
`Canvas._setXObjects`, `._currentPageHasImages`, `._formsinuse`); the document-wide font
resources (`idToObject["BasicFonts"]`); the QR encoder's module file.
pypdf (5–7): adding an object to a writer (`PdfWriter._add_object`), the document
information dictionary itself (`._info`: `metadata` is a copy and stores strings only),
a chosen trailer /ID (`._ID`), and a stream's encoded bytes (`StreamObject._data`).
One value is mirrored rather than read: preflight/pdf_tokens.OPERATOR_LENGTH_LIMIT is
pypdf's `ContentStream._OPERATOR_LENGTH_LIMIT` (the test checks they agree).
"""

from __future__ import annotations

import importlib.util
import io
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfutils
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

# ---------------------------------------------------------------- ReportLab


class GlyphCanvas(Canvas):
    """A ReportLab canvas whose pages declare no initial base-14 font.

    Canvas puts `BT /F1 12 Tf 14.4 TL ET` (Helvetica, never embedded) in every page's
    preamble; all our text is written by our own operators (render/glyphs.py), so the
    print PDF would list an unembedded font it never uses (outputs.md: all fonts
    embedded and subset).

    Compressed page streams are Flate only: ReportLab's default wraps them in
    ASCII85 too (its pure-Python encoder; every reader, our preflight included, then
    decodes it in Python), which PDF does not need (binary streams, §7.3.8).
    """

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        """ReportLab's showPage, then the page's stream set up without ASCII85."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if getattr(page, "compression", 0) and not page.Contents and page.stream:
            contents = pdfdoc.PDFStream(content=page.stream, filters=[pdfdoc.PDFZCompress])
            contents.__Comment__ = "page stream"
            page.Contents = contents

    def _make_preamble(self) -> None:
        """ReportLab's Canvas._make_preamble without the initial font."""
        parts = [
            "1 0 0 1 0 0 cm" if self.bottomup else f"1 0 0 -1 0 {fp_str(self._pagesize[1])} cm"
        ]
        code = self._code
        n = len(code)
        if self._fillColorObj != (0, 0, 0):
            self.setFillColor(self._fillColorObj)
        if self._strokeColorObj != (0, 0, 0):
            self.setStrokeColor(self._strokeColorObj)
        parts.append(" ".join(code[n:]))
        del code[n:]
        self._preamble = " ".join(parts)


def canvas_document(canvas: Any) -> Any:
    """The canvas's `pdfdoc.PDFDocument`, where fonts and images are added as objects."""
    return canvas._doc


def append_operators(canvas: Any, operators: str) -> None:
    """Content-stream operators of our own, written at this point of the current page."""
    canvas._code.append(operators)


def add_font_to_every_page(doc: Any, resource: str, font: Any) -> None:
    """List `font` (a `PDFObjectReference`) as /`resource` in every page's /Font resources.

    ReportLab keeps the document's fonts in one dictionary, "BasicFonts", that each page's
    resources point to; its own fonts get there through its font registry, ours here.
    """
    doc.idToObject["BasicFonts"].dict[resource] = font


def embed_jpeg(canvas: Any, jpeg: bytes, name: str, x: float, y: float, w: float,
               h: float) -> None:  # fmt: skip
    """Draw JPEG bytes, stored once per `name` as a DCTDecode image XObject, at x, y, w×h.

    What `Canvas.drawImage` does, without decoding the JPEG or ASCII85-encoding it:
    the XObject is registered as drawImage registers one, and the page notes that it
    uses it. Pillow writes CMYK JPEGs inverted behind an Adobe APP14 marker;
    `_dotrans` adds /Decode [1 0 1 0 1 0 1 0] (§8.9.5.2), as drawImage would.
    """
    doc = canvas._doc
    reg = doc.getXObjectName(name)
    if doc.idToObject.get(reg) is None:
        width, height, components, _dpi = pdfutils.readJPEGInfo(io.BytesIO(jpeg))
        obj = pdfdoc.PDFImageXObject(name)
        obj.width, obj.height, obj.bitsPerComponent = width, height, 8
        obj.colorSpace = {1: "DeviceGray", 3: "DeviceRGB"}.get(components, "DeviceCMYK")
        obj._dotrans = int(components == 4)
        obj.streamContent = jpeg
        obj._filters = ("DCTDecode",)
        obj.mask = None
        canvas._setXObjects(obj)
        doc.Reference(obj, reg)
        doc.addForm(name, obj)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.transform(w, 0, 0, h, x, y)
    canvas._code.append(f"/{reg} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)


def qr_encoder() -> ModuleType:
    """ReportLab's QR encoder module, without the `reportlab.graphics.barcode` package.

    Importing anything under that package runs its `__init__`, which imports every
    barcode widget and with them ReportLab's drawing and Platypus machinery (~60 ms of a
    ~1.5 s build). `qrencoder.py` itself needs only `re` and `itertools`, so it is loaded
    from its file under a module name of ours (once per process, as any import).
    """
    name = "xhprint._reportlab_qrencoder"
    module = sys.modules.get(name)
    if module is not None:
        return module
    graphics = importlib.util.find_spec("reportlab.graphics")
    spec = None
    if graphics is not None and graphics.submodule_search_locations:
        path = f"{graphics.submodule_search_locations[0]}/barcode/qrencoder.py"
        spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        from reportlab.graphics.barcode import qrencoder

        return qrencoder
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- pypdf


def add_object(writer: PdfWriter, obj: Any) -> IndirectObject:
    """Add `obj` to the writer as an indirect object (pypdf has no public call for it)."""
    return writer._add_object(obj)


def info_dictionary(writer: PdfWriter) -> DictionaryObject:
    """The writer's own document information dictionary, to store values other than
    text in it (a name: /Trapped /False); `PdfWriter.metadata` returns a copy."""
    info = writer._info
    if info is None:
        writer.add_metadata({})
        info = writer._info
    if info is None:
        raise RuntimeError("pypdf made no document information dictionary")
    return info


def set_trailer_id(writer: PdfWriter, first: bytes, second: bytes) -> None:
    """Write /ID [<first> <second>] in the trailer (pypdf writes none, or its own)."""
    from pypdf.generic import ArrayObject, ByteStringObject

    writer._ID = ArrayObject([ByteStringObject(first), ByteStringObject(second)])


def encoded_bytes(stream: Any) -> bytes | None:
    """A stream object's bytes as stored in the file (still encoded); None if it has none."""
    raw = getattr(stream, "_data", None)
    return raw if isinstance(raw, bytes) else None
