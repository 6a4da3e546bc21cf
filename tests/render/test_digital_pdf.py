import io

import pdfplumber
import pytest
from pypdf import PdfReader

from xhprint.model.template import MM
from xhprint.render.digital_pdf import render_digital


@pytest.fixture
def digital(pages, template, resources, meta):
    return render_digital(pages, template, resources, meta)


def _outline(reader):
    out = []

    def walk(items, depth):
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                out.append(
                    (depth, it.title, reader.get_destination_page_number(it), it.get("/Top"))
                )

    walk(reader.outline, 0)
    return out


def test_trimmed_pages_without_marks(digital, template):
    reader = PdfReader(io.BytesIO(digital))
    for page in reader.pages:
        assert [float(v) for v in page.mediabox] == pytest.approx(
            [0, 0, template.trim_width, template.trim_height], abs=0.01
        )
        assert "/TrimBox" not in page or [float(v) for v in page.trimbox] == [
            float(v) for v in page.mediabox
        ]
    assert "/OutputIntents" not in reader.trailer["/Root"]
    with pdfplumber.open(io.BytesIO(digital)) as pdf:
        # no registration-colour crop marks and no slug text: the stub emitter draws no chars
        for page in pdf.pages:
            assert not page.chars
            assert all(len(ln.get("stroking_color") or ()) != 4 for ln in page.lines)


def test_outline_titles_and_destinations(digital, template):
    reader = PdfReader(io.BytesIO(digital))
    entries = _outline(reader)
    top_of = lambda y: pytest.approx(template.trim_height - y, abs=0.01)  # noqa: E731
    assert [(d, t, p) for d, t, p, _ in entries] == [
        (0, "第1版 要聞", 0),
        (1, "第一篇", 0),
        (1, "第二篇", 0),
        (0, "第2版 綜合", 1),
        (1, "第一篇", 1),
    ]
    assert entries[1][3] == top_of(45 * MM)
    assert entries[4][3] == top_of(50 * MM)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_link_annotation_points_to_target_page_and_height(digital, template):
    reader = PdfReader(io.BytesIO(digital))
    annots = [a.get_object() for a in reader.pages[0]["/Annots"]]
    (link,) = [a for a in annots if a["/Subtype"] == "/Link"]
    x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
    assert (x0, x1) == pytest.approx((120 * MM, 180 * MM), abs=0.01)
    assert (y0, y1) == pytest.approx(
        (template.trim_height - 160 * MM, template.trim_height - 150 * MM), abs=0.01
    )
    dest = link["/Dest"]
    target = dest[0].get_object()
    assert target == reader.pages[1].get_object()
    assert dest[1] == "/XYZ"
    assert float(dest[3]) == pytest.approx(template.trim_height - 50 * MM, abs=0.01)
    assert "/Annots" not in reader.pages[1]


def test_metadata_and_language(digital):
    reader = PdfReader(io.BytesIO(digital))
    meta = reader.metadata
    assert meta.title == "徐匯報 第40期 2023年10月2日"
    assert meta["/Author"] == "徐匯報社"
    assert meta["/Subject"] == "徐匯報數字報"
    assert meta["/CreationDate"] == "D:20231002000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant"


def test_digital_images_are_rgb_and_deterministic(digital, pages, template, resources, meta):
    with pdfplumber.open(io.BytesIO(digital)) as pdf:
        spaces = {str(im["colorspace"]) for im in pdf.pages[0].images}
    assert spaces and all("RGB" in s for s in spaces)
    assert render_digital(pages, template, resources, meta) == digital
    renamed = render_digital(pages, template, resources, meta, stories_toc=[("s2", "改名")])
    assert [t for _, t, _, _ in _outline(PdfReader(io.BytesIO(renamed)))][2] == "改名"
