"""The demo issue's photos and advert: recorded in LICENSES.md, usable, reproducible."""

import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from xhprint.images.adverts import probe_advert
from xhprint.images.probe import ImageInfo, probe_image

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "issues" / "2023-40"
MEDIA = sorted([*ISSUE.glob("photos/*"), *ISSUE.glob("ads/*")])


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_file_has_source_and_licence():
    licences = (ISSUE / "LICENSES.md").read_text(encoding="utf-8")
    assert MEDIA
    for path in MEDIA:
        assert f"`{path.relative_to(ISSUE).as_posix()}`" in licences, path


@pytest.mark.parametrize(("name", "size"), [("garden.jpg", (2400, 1600)),
                                            ("hall.jpg", (1600, 1100))])
def test_sample_photos(name, size):
    info = probe_image(ISSUE / "photos" / name, f"photos/{name}", None)
    assert isinstance(info, ImageInfo)
    assert (info.width, info.height) == size and info.mode == "RGB" and info.has_icc
    assert (ISSUE / "photos" / name).stat().st_size < 1_500_000


def test_sample_advert():
    ad = ISSUE / "ads" / "sample-ad.pdf"
    info = probe_advert(ad, "ads/sample-ad.pdf", None)
    assert (info.width, info.height) == pytest.approx((100 / 25.4 * 72, 60 / 25.4 * 72), abs=0.01)
    page = PdfReader(ad).pages[0]
    for font in page["/Resources"]["/Font"].values():
        descendant = font.get_object().get("/DescendantFonts", [font])[0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
    assert "SAMPLE" in page.extract_text() and "徐匯書展" in page.extract_text()


def test_generators_reproduce_committed_media(tmp_path):
    """Same script, same media: the PDF byte for byte (ReportLab invariant mode); the
    JPEGs byte for byte between two runs here, and pixel-close to the committed ones
    (another libjpeg build may round differently)."""
    for run in ("a", "b"):
        for tool in ("make_sample_photo", "make_sample_ad"):
            assert load_tool(tool).main([tool, str(tmp_path / run)]) == 0
    for path in MEDIA:
        rel = path.relative_to(ISSUE)
        fresh = (tmp_path / "a" / rel).read_bytes()
        assert fresh == (tmp_path / "b" / rel).read_bytes(), rel
        if path.suffix == ".pdf":
            assert fresh == path.read_bytes(), rel
        else:
            with Image.open(path) as old, Image.open(tmp_path / "a" / rel) as new:
                diff = ImageChops.difference(old.convert("RGB"), new.convert("RGB"))
                assert max(ImageStat.Stat(diff).mean) < 1.0, rel
