from pathlib import Path

import pytest
from PIL import Image

from xhprint.images.probe import ImageInfo, probe_image
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

from .imgs import jpeg_bytes, pattern, png_bytes, stored_for_orientation

REF = SourceRef("stories/garden.md", 5, 9, story="garden")


def probe(path: Path, **kw):
    return probe_image(path, f"photos/{path.name}", REF, **kw)


def assert_bad(result, *words: str) -> Finding:
    assert isinstance(result, Finding), result
    assert result.check == "bad-image" and result.severity == "error"
    assert "photos/" in result.message  # names the file
    assert result.where == REF and result.hint
    for word in words:
        assert word in result.message
    return result


def test_good_jpeg(tmp_path):
    p = tmp_path / "ok.jpg"
    p.write_bytes(jpeg_bytes(Image.new("RGB", (120, 80), (10, 200, 30))))
    info = probe(p)
    assert info == ImageInfo(120, 80, "RGB", False, "JPEG", 1)


def test_icc_detected(tmp_path):
    p = tmp_path / "icc.jpg"
    icc = Path("/usr/share/color/icc/ghostscript/a98.icc").read_bytes()
    p.write_bytes(jpeg_bytes(Image.new("RGB", (8, 8)), icc_profile=icc))
    assert probe(p).has_icc


def test_truncated_jpeg(tmp_path):
    data = jpeg_bytes(pattern(400, 300))
    p = tmp_path / "cut.jpg"
    p.write_bytes(data[: len(data) // 2])
    assert_bad(probe(p), "cut.jpg", "cannot be decoded")


def test_truncated_png(tmp_path):
    p = tmp_path / "cut.png"
    pattern(300, 200).save(p)
    p.write_bytes(p.read_bytes()[:-200])
    assert_bad(probe(p), "cut.png")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.jpg"
    p.write_bytes(b"")
    assert_bad(probe(p), "empty.jpg", "empty")


def test_text_named_jpg(tmp_path):
    p = tmp_path / "notes.jpg"
    p.write_text("這不是一張照片\n", encoding="utf-8")
    assert_bad(probe(p), "notes.jpg", "not a JPEG")


def test_decompression_bomb_header(tmp_path):
    # 50000×50000 claimed in IHDR, a few bytes of data: refused before decoding.
    p = tmp_path / "bomb.png"
    p.write_bytes(png_bytes(50000, 50000, 8, 2, b"\x00" * 64))
    assert p.stat().st_size < 200
    assert_bad(probe(p), "bomb.png", "decompression bomb")


def test_between_pillow_warning_and_our_limit(tmp_path):
    # 95 MP greyscale: over Pillow's warning threshold (≈ 89 MP), under our 100 MP.
    # No warning leaks (warnings are errors here); the missing data is the finding.
    p = tmp_path / "tall.png"
    p.write_bytes(png_bytes(9500, 10000, 8, 0, b"\x00" * 64))
    assert_bad(probe(p), "tall.png", "cannot be decoded")


def test_own_pixel_limit_applies_below_pillows(tmp_path):
    p = tmp_path / "big.png"
    Image.new("RGB", (200, 100)).save(p)
    assert_bad(probe(p, pixel_limit=10_000), "200×100", "limit")
    assert isinstance(probe(p, pixel_limit=20_000), ImageInfo)


def test_unsupported_mode(tmp_path):
    p = tmp_path / "float.tif"
    Image.new("F", (10, 10), 0.5).save(p)
    assert_bad(probe(p), "unsupported colour mode F")


def test_pixel_data_corrupt_but_header_fine(tmp_path):
    p = tmp_path / "crc.png"
    good = bytearray(png_bytes(10, 10, 8, 2, (b"\x00" + b"\x80" * 30) * 10))
    good[40] ^= 0xFF  # inside IDAT: CRC no longer matches
    p.write_bytes(bytes(good))
    assert_bad(probe(p))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_swaps_size(tmp_path, orientation):
    stored = stored_for_orientation(pattern(48, 32), orientation)
    exif = Image.Exif()
    exif[0x0112] = orientation
    p = tmp_path / f"o{orientation}.jpg"
    p.write_bytes(jpeg_bytes(stored, exif=exif.tobytes()))
    info = probe(p)
    assert (info.width, info.height) == (48, 32)
    assert info.orientation == orientation


def test_missing_file(tmp_path):
    result = probe_image(tmp_path / "nope.jpg", "photos/nope.jpg", REF)
    assert isinstance(result, Finding) and result.check == "missing-file"
