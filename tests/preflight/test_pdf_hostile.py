"""Hostile PDFs end in a clear finding, quickly, never a hang or a traceback."""

from __future__ import annotations

import zlib
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_checks import check_pdf


def _unreadable(findings) -> list[str]:
    return [f.message for f in findings if f.check == "pdf-unreadable" and f.severity == "error"]


def _stream(data: bytes, **entries) -> DecodedStreamObject:
    s = DecodedStreamObject()
    s.set_data(data)
    for k, v in entries.items():
        s[NameObject("/" + k)] = v
    return s


def _form(writer: PdfWriter, content: bytes) -> tuple[DecodedStreamObject, object]:
    form = _stream(content, Type=NameObject("/XObject"), Subtype=NameObject("/Form"),
                   BBox=ArrayObject([NumberObject(0)] * 2 + [NumberObject(100)] * 2))  # fmt: skip
    return form, writer._add_object(form)


def _page_drawing(writer: PdfWriter, xobjects: dict[str, object], content: bytes) -> None:
    page = writer.add_blank_page(200, 200)
    contents = writer._add_object(_stream(content))
    page[NameObject("/Contents")] = contents
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject(
                {NameObject("/" + k): v for k, v in xobjects.items()}
            )
        }  # fmt: skip
    )


def _check(path: Path, **kw):
    """check_pdf's findings; a hang would never return (the bounds say it returns)."""
    return check_pdf(path, "ad", **kw)


def test_xobject_reference_cycle(tmp_path: Path) -> None:
    w = PdfWriter()
    a, a_ref = _form(w, b"/B Do")
    b, b_ref = _form(w, b"/A Do")
    for form, name, ref in ((a, "/B", b_ref), (b, "/A", a_ref)):
        form[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject(name): ref})}
        )
    _page_drawing(w, {"A": a_ref}, b"/A Do")
    w.write(tmp_path / "cycle.pdf")
    found = _check(tmp_path / "cycle.pdf")
    msgs = _unreadable(found)
    assert msgs and "cycle" in msgs[0]


def test_deep_xobject_nesting_is_bounded(tmp_path: Path) -> None:
    w = PdfWriter()
    ref = None
    for _ in range(60):
        form, new_ref = _form(w, b"/X Do" if ref is not None else b"0 0 1 1 re f")
        if ref is not None:
            form[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/XObject"): DictionaryObject({NameObject("/X"): ref})}
            )
        ref = new_ref
    _page_drawing(w, {"X": ref}, b"/X Do")
    w.write(tmp_path / "deep.pdf")
    found = _check(tmp_path / "deep.pdf")
    assert any("nested deeper" in m for m in _unreadable(found))


def test_exponential_xobject_fan_out_is_bounded(tmp_path: Path) -> None:
    """Each form draws the one below twice: 2**40 operations if nothing stops it."""
    w = PdfWriter()
    ref = None
    for _ in range(40):
        form, new_ref = _form(w, b"/X Do /X Do" if ref is not None else b"0 0 1 1 re f")
        if ref is not None:
            form[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/XObject"): DictionaryObject({NameObject("/X"): ref})}
            )
        ref = new_ref
    _page_drawing(w, {"X": ref}, b"/X Do")
    w.write(tmp_path / "fan.pdf")
    bounds = PdfBounds(max_xobject_depth=64, max_operations=200_000)
    found = _check(tmp_path / "fan.pdf", bounds=bounds)
    assert any("200,000 drawing operations" in m for m in _unreadable(found)), found


def test_huge_content_stream_is_bounded(tmp_path: Path) -> None:
    w = PdfWriter()
    _page_drawing(w, {}, b"0 0 1 1 re f\n" * 400_000)  # 5.2 MB
    w.write(tmp_path / "huge.pdf")
    found = _check(tmp_path / "huge.pdf", bounds=PdfBounds(max_content_bytes=1_000_000))
    assert any("content streams exceed" in m for m in _unreadable(found))


def test_decompression_bomb_stream(tmp_path: Path) -> None:
    """300 MB of zeros deflated to ~300 kB: pypdf's or our byte limit stops it."""
    comp = zlib.compressobj(9)
    chunk = b"\0" * 1_000_000
    data = b"".join(comp.compress(chunk) for _ in range(300)) + comp.flush()
    w = PdfWriter()
    page = w.add_blank_page(200, 200)
    bomb = StreamObject()
    bomb._data = data
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = w._add_object(bomb)
    w.write(tmp_path / "bomb.pdf")
    found = _check(tmp_path / "bomb.pdf")
    assert _unreadable(found)


def test_ten_thousand_pages_fail_fast(tmp_path: Path) -> None:
    w = PdfWriter()
    for _ in range(10_000):
        w.add_blank_page(100, 100)
    w.write(tmp_path / "10k.pdf")
    found = _check(tmp_path / "10k.pdf")
    msgs = _unreadable(found)
    assert msgs and "10,000 pages" in msgs[0]


def test_huge_declared_image_is_not_decoded(tmp_path: Path) -> None:
    w = PdfWriter()
    img = _stream(b"\0" * 64, Type=NameObject("/XObject"), Subtype=NameObject("/Image"),
                  Width=NumberObject(30_000), Height=NumberObject(30_000),
                  ColorSpace=NameObject("/DeviceCMYK"), BitsPerComponent=NumberObject(8))  # fmt: skip
    _page_drawing(w, {"Im0": w._add_object(img)}, b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    w.write(tmp_path / "bigimg.pdf")
    found = _check(tmp_path / "bigimg.pdf")
    tac = [f for f in found if f.check == "tac"]
    assert tac and tac[0].severity == "error" and "decode bound" in tac[0].message


def test_time_bound(tmp_path: Path) -> None:
    w = PdfWriter()
    _page_drawing(w, {}, b"0 0 1 1 re f\n" * 50_000)
    w.write(tmp_path / "slow.pdf")
    found = _check(tmp_path / "slow.pdf", bounds=PdfBounds(max_seconds=0.0001))
    assert any("longer than" in m for m in _unreadable(found))


def test_corrupt_xref_and_objects_never_raise(tmp_path: Path, good_pdf: Path) -> None:
    data = bytearray(good_pdf.read_bytes())
    for i in range(200, len(data) - 200, 97):  # damage bytes all through the file
        data[i] = 0x28  # "("
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(bytes(data))
    found = check_pdf(bad)
    assert all(f.pdf == str(bad) for f in found)
