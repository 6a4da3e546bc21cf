"""Page images, page PDFs and web photos; the same input gives the same bytes."""

from __future__ import annotations

import io

import pypdf
from PIL import Image

from xhprint.site.issue_site import site_files
from xhprint.site.model import PAGE_IMAGE_WIDTH, PHOTO_MAX_SIDE
from xhprint.store import Store


def test_page_pdfs_are_the_digital_pages_one_by_one(issue_builds, issue_name):
    files = issue_builds[issue_name].files
    assert files["site/pdf/issue.pdf"] == files["digital/issue.pdf"]
    digital = pypdf.PdfReader(io.BytesIO(files["digital/issue.pdf"]))
    for n, page in enumerate(digital.pages, start=1):
        single = pypdf.PdfReader(io.BytesIO(files[f"site/pdf/page-{n:02d}.pdf"]))
        assert len(single.pages) == 1
        assert single.pages[0].mediabox == page.mediabox
        assert single.pages[0].extract_text() == page.extract_text()
        assert single.metadata.title.endswith(page_label(issue_builds[issue_name], n))
        assert str(single.trailer["/Root"]["/Lang"]) == issue_builds[issue_name].issue.lang


def page_label(result, n):
    section = next(p.section for p in result.issue.pages if p.number == n)
    return f"第{n}版 {section}"


def test_page_images_and_photos_are_web_sized_srgb_jpegs(issue_builds, issue_name):
    files = issue_builds[issue_name].files
    images = [n for n in files if n.startswith("site/img/")]
    assert len(images) == len(issue_builds[issue_name].issue.pages)
    for name in images:
        with Image.open(io.BytesIO(files[name])) as im:
            assert (im.format, im.mode, im.width) == ("JPEG", "RGB", PAGE_IMAGE_WIDTH)
            assert "icc_profile" not in im.info and "exif" not in im.info  # untagged = sRGB
    photos = [n for n in files if n.startswith("site/photos/")]
    assert len(photos) == sum(len(s.photos) for s in issue_builds[issue_name].issue.stories.values())
    for name in photos:
        with Image.open(io.BytesIO(files[name])) as im:
            assert im.format == "JPEG" and im.mode in ("RGB", "L")
            assert max(im.size) <= PHOTO_MAX_SIDE


def test_same_input_same_site_bytes_cold_and_warm(sample_build, tmp_path):
    """Made from nothing (an empty cache: every image rendered, every PDF split) and then
    read back from that cache: the bytes the build wrote, both times."""
    site = {n.removeprefix("site/"): d for n, d in sample_build.files.items()
            if n.startswith("site/")}
    args = (sample_build.issue, sample_build.layout.pages, sample_build.files["digital/issue.pdf"])
    assert site_files(*args, None, Store(tmp_path / "cache")) == site
    assert any((tmp_path / "cache" / "site").rglob("*"))
    assert site_files(*args, None, Store(tmp_path / "cache")) == site
