"""The fast content-stream tokenizer gives exactly pypdf's operations, or defers to pypdf."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from crafted_pdfs import build_pdf, good_content
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.units import mm

from xhprint.preflight.pdf_tokens import fast_operations, operations, pypdf_operations


def norm(value: Any) -> Any:
    """A comparable form: pypdf's objects and the fast path's plain values side by side."""
    if isinstance(value, NameObject):
        return ("name", str(value))
    if isinstance(value, TextStringObject):
        return ("string", value.original_bytes)
    if isinstance(value, bytes):
        return ("string", bytes(value))
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, bool):
        return ("other", repr(value))
    if isinstance(value, int | float):
        return ("number", float(value))
    return ("other", repr(value))


def normalised(ops: list[tuple[list[Any], bytes]]) -> list[tuple[list[Any], bytes]]:
    return [([norm(o) for o in operands], op) for operands, op in ops]


def streams_of(pdf: bytes) -> list[bytes]:
    """Every page's decoded content and every form XObject's, as the walker reads them."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        contents = page.get_contents()
        if contents is not None:
            out.append(contents.get_data())
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                out.append(xobj.get_data())
    return out


def assert_same(data: bytes) -> None:
    fast = fast_operations(data)
    assert fast is not None, "our own PDFs must take the fast path"
    assert normalised(fast) == normalised(pypdf_operations(data, None))


def test_sample_issue_editions_parse_the_same(sample_build) -> None:
    for name in ("print/issue.pdf", "digital/issue.pdf"):
        streams = streams_of(sample_build.files[name])
        assert len(streams) >= 2
        for data in streams:
            assert_same(data)


def rules_and_text(c) -> None:
    """ReportLab's own text objects (Tj, T*, TL, literal strings with escapes) and paths."""
    good_content(c)
    c.setDash(3, 2)
    c.bezier(10, 10, 20, 40, 40, 20, 50 * mm, 50 * mm)
    text = c.beginText(20 * mm, 60 * mm)
    text.setFont("Helvetica", 10)
    text.textLines("a (paren) and \\ backslash\nsecond line")
    c.drawText(text)


@pytest.mark.parametrize("draw", [good_content, rules_and_text])
def test_crafted_pdfs_parse_the_same(tmp_path: Path, draw) -> None:
    pdf = build_pdf(tmp_path / "c.pdf", draw).read_bytes()
    for data in streams_of(pdf):
        assert_same(data)


EXAMPLES = [
    b"1 0 0 1 10 20 cm /F1 9 Tf [<48 65 6c6>-120.5 <6c6f> 3 (x\\)y)] TJ",
    b"q .5 -3. +2 0 0 1 cm % a comment\n(a\\nb\\101\\0\\\r\nc) Tj T* Q",
    b"BT (it's) ' 1 2 (q) \" ET",
    b"[[1 2] [/A /B]] 0 d <> Tj () Tj",
    b"/P <</MCID 0>> BDC EMC",  # dictionary: pypdf
    b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",  # inline image: pypdf
    b"(a (nested) string) Tj",  # nested parentheses: pypdf
    b"/A#20B gs",  # name escape: pypdf
    b"1 0 R Do",  # indirect reference: pypdf
    b"12abc 3 w",  # not a token boundary: pypdf
    b"(\\q) Tj",  # unknown escape (pypdf warns): pypdf
]


def outcome(parse, data: bytes) -> Any:
    """The normalised operations, or the type of exception the parse raised."""
    try:
        return normalised(parse(data, None))
    except Exception as exc:  # noqa: BLE001 — pypdf's own failures are part of its behaviour
        return ("raised", type(exc).__name__)


@pytest.mark.parametrize("data", EXAMPLES)
def test_syntax_examples(data: bytes) -> None:
    """Each example is either read the same by both, or left to pypdf (never misread)."""
    fast = fast_operations(data)
    if fast is not None:
        assert normalised(fast) == normalised(pypdf_operations(data, None))
    assert outcome(operations, data) == outcome(pypdf_operations, data)


def test_fast_path_covers_the_common_syntax() -> None:
    assert fast_operations(EXAMPLES[0]) is not None
    assert fast_operations(EXAMPLES[1]) is not None
    assert fast_operations(EXAMPLES[2]) is not None
    assert fast_operations(EXAMPLES[3]) is not None
    assert fast_operations(b"/P <</MCID 0>> BDC EMC") is None
    assert fast_operations(b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q") is None


TOKENS = st.sampled_from([
    b"0", b"1", b"-2.5", b".5", b"+3", b"7.", b"/F1", b"/", b"<4F>", b"<4 f 0>", b"<>", b"(ab)",
    b"(a\\)b)", b"(\\101\\n)", b"(", b")", b"[", b"]", b"<<", b">>", b"{", b"%c\n", b"Tj", b"TJ",
    b"re", b"'", b'"', b"T*", b"BI", b"ID", b"EI", b"R", b"true", b"#", b"\\", b"\x00", b"\x0b",
    b"Tj\x00", b"/F\x00", b"1.2.3", b"--1", b"(\\777)", b"(a\\\n\rb)", b"(\\q)", b"<4G>", b"\x80",
])  # fmt: skip
SPACES = st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"", b"\x0c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TOKENS, SPACES), max_size=30))
def test_fast_path_never_differs_from_pypdf(parts: list[tuple[bytes, bytes]]) -> None:
    data = b"".join(t + s for t, s in parts)
    fast = fast_operations(data)
    if fast is None:
        return  # pypdf decides, as before
    assert outcome(pypdf_operations, data) == normalised(fast)
