from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter
from reportlab.pdfgen import canvas

from xhprint.images.adverts import AdvertInfo, ad_size_finding, fit_advert, probe_advert
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

REF = SourceRef("issue.yaml", 30, 9)


def make_pdf(path: Path, size=(300, 200), trim=None) -> Path:
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    if trim:
        c.setTrimBox(trim)
    c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(0, 0, *size, stroke=0, fill=1)
    c.showPage()
    c.save()
    return path


def test_pdf_size_from_trimbox(tmp_path):
    p = make_pdf(tmp_path / "ad.pdf", (300, 200), trim=(10, 10, 290, 190))
    info = probe_advert(p, "ads/ad.pdf", REF)
    assert isinstance(info, AdvertInfo) and info.kind == "pdf"
    assert (info.width, info.height) == pytest.approx((280, 180))


def test_pdf_without_trimbox_uses_mediabox(tmp_path):
    info = probe_advert(make_pdf(tmp_path / "ad.pdf", (300, 200)), "ads/ad.pdf", REF)
    assert (info.width, info.height) == pytest.approx((300, 200))


def test_rotated_pdf_swaps(tmp_path):
    src = make_pdf(tmp_path / "ad.pdf", (300, 200))
    w = PdfWriter(clone_from=src)
    w.pages[0].rotate(90)
    w.write(tmp_path / "rot.pdf")
    info = probe_advert(tmp_path / "rot.pdf", "ads/rot.pdf", REF)
    assert (info.width, info.height, info.rotate) == pytest.approx((200, 300, 90))


def assert_unreadable(result, *words):
    assert isinstance(result, Finding), result
    assert result.check == "pdf-unreadable" and result.severity == "error"
    assert result.where == REF and "ads/" in result.message
    for word in words:
        assert word in result.message


def test_encrypted_pdf(tmp_path):
    w = PdfWriter(clone_from=make_pdf(tmp_path / "ad.pdf"))
    w.encrypt("secret", algorithm="AES-128")
    w.write(tmp_path / "enc.pdf")
    assert_unreadable(probe_advert(tmp_path / "enc.pdf", "ads/enc.pdf", REF), "encrypted")


def test_garbage_pdf(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert_unreadable(probe_advert(p, "ads/junk.pdf", REF), "cannot be read")


def test_truncated_pdf(tmp_path):
    p = make_pdf(tmp_path / "ad.pdf")
    p.write_bytes(p.read_bytes()[:300])
    assert_unreadable(probe_advert(p, "ads/ad.pdf", REF))


def test_image_advert(tmp_path):
    p = tmp_path / "ad.png"
    Image.new("RGB", (600, 300), "red").save(p)
    info = probe_advert(p, "ads/ad.png", REF)
    assert info.kind == "image" and info.width / info.height == pytest.approx(2)
    assert info.image.width == 600


def test_bad_image_advert(tmp_path):
    p = tmp_path / "ad.jpg"
    p.write_text("not an image")
    result = probe_advert(p, "ads/ad.jpg", REF)
    assert isinstance(result, Finding) and result.check == "bad-image"


def test_fit_centred_not_distorted():
    fit = fit_advert(200, 100, 300, 300)  # wide advert in a square box
    assert (fit.x, fit.y, fit.w, fit.h) == pytest.approx((0, 75, 300, 150))
    assert fit.aspect_diff == pytest.approx(1.0)


@given(st.floats(10, 2000), st.floats(10, 2000), st.floats(10, 2000), st.floats(10, 2000))
def test_fit_properties(aw, ah, bw, bh):
    x, y, w, h, diff = fit_advert(aw, ah, bw, bh)
    assert w / h == pytest.approx(aw / ah)  # never distorted
    assert w <= bw * (1 + 1e-9) and h <= bh * (1 + 1e-9)
    assert w == pytest.approx(bw) or h == pytest.approx(bh)  # as large as fits
    assert x == pytest.approx((bw - w) / 2) and y == pytest.approx((bh - h) / 2)
    assert x >= -1e-9 and y >= -1e-9


def test_ad_size_warning_threshold():
    quiet = fit_advert(101, 60, 100, 60)  # 1 % off
    loud = fit_advert(103, 60, 100, 60)  # 3 % off
    assert ad_size_finding(quiet, "ads/a.pdf", REF) is None
    f = ad_size_finding(loud, "ads/a.pdf", REF, page=1)
    assert f.check == "ad-size" and f.severity == "warning" and f.page == 1
    assert "ads/a.pdf" in f.message and "3.0 %" in f.message


def test_a_kept_advert_probe_is_the_probe_and_failures_are_probed_again(tmp_path):
    from xhprint.images.cache import ImageCache

    src = make_pdf(tmp_path / "ad.pdf", (300, 200), trim=(10, 10, 290, 190))
    w = PdfWriter(clone_from=src)
    w.pages[0].rotate(90)
    w.write(tmp_path / "rot.pdf")
    store = tmp_path / "store"
    for name in ("ad.pdf", "rot.pdf"):
        plain = probe_advert(tmp_path / name, f"ads/{name}", REF)
        assert ImageCache(store).probe_advert(tmp_path / name, f"ads/{name}", REF) == plain
        assert ImageCache(store).probe_advert(tmp_path / name, f"ads/{name}", REF) == plain
    assert len([p for p in (store / "adprobe").rglob("*") if p.is_file()]) == 2
    # the same bytes under another name are the same advert; other bytes are probed
    (tmp_path / "copy.pdf").write_bytes((tmp_path / "rot.pdf").read_bytes())
    assert ImageCache(store).probe_advert(tmp_path / "copy.pdf", "c", REF) == probe_advert(
        tmp_path / "rot.pdf", "c", REF)
    (tmp_path / "ad.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    assert_unreadable(ImageCache(store).probe_advert(tmp_path / "ad.pdf", "ads/ad.pdf", REF))
    assert len([p for p in (store / "adprobe").rglob("*") if p.is_file()]) == 2
