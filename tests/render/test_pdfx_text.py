"""The XMP packet's text escape: the same as xml.sax.saxutils.escape, without its imports."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from xhprint.render.pdfx import xml_text, xmp_packet


@given(st.text(alphabet=st.sampled_from("&<>\"'a徐 ;#x"), max_size=30) | st.text(max_size=30))
def test_xml_text_escapes_as_saxutils(text: str) -> None:
    assert xml_text(text) == escape(text)


def test_a_title_with_markup_characters_is_escaped_in_the_packet() -> None:
    packet = xmp_packet("A & B <徐匯報>", dt.date(2023, 10, 2), "issue-40").decode("utf-8")
    assert "<rdf:li xml:lang=\"x-default\">A &amp; B &lt;徐匯報&gt;</rdf:li>" in packet
