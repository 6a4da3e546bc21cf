import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw

from xhprint.images.coverage import total_area_coverage
from xhprint.images.prepare import (
    TAC_MARGIN,
    PreparedImage,
    limit_ink,
    prepare_digital_image,
    prepare_print_image,
    tac_units,
)

from .imgs import ICC_DIR, OUTPUT_ICC, jpeg_bytes, pattern, rgb16_png, stored_for_orientation


def decoded(prep: PreparedImage) -> Image.Image:
    im = Image.open(io.BytesIO(prep.data))
    im.load()
    assert im.size == (prep.width, prep.height) and im.mode == prep.mode
    return im


def prep_print(path: Path, max_tac: float = 240, size=None, **kw) -> PreparedImage:
    with Image.open(path) as im:
        w, h = size or im.size
    return prepare_print_image(path, (0, 0, w, h), w * 72 / 200, h * 72 / 200, OUTPUT_ICC,
                               max_tac, **kw)


def cms(colour, src_profile, mode_in="RGB"):
    """What LittleCMS makes of one colour (perceptual), the reference for our output."""
    px = Image.new(mode_in, (1, 1), colour)
    tr = ImageCms.buildTransform(src_profile, ImageCms.getOpenProfile(str(OUTPUT_ICC)),
                                 mode_in, "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                 flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    return ImageCms.applyTransform(px, tr).getpixel((0, 0))


def close(a, b, tol=6):
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def centre(im: Image.Image):
    return im.getpixel((im.width // 2, im.height // 2))


# ------------------------------------------------------------- colour sources


def test_rgb_without_profile_is_srgb(tmp_path):
    p = tmp_path / "red.jpg"
    p.write_bytes(jpeg_bytes(Image.new("RGB", (32, 32), (200, 30, 40))))
    out = centre(decoded(prep_print(p)))
    assert close(out, cms((200, 30, 40), ImageCms.createProfile("sRGB")))


def test_rgb_embedded_profile_is_honoured(tmp_path):
    a98 = (ICC_DIR / "a98.icc").read_bytes()
    p = tmp_path / "a98.jpg"
    p.write_bytes(jpeg_bytes(Image.new("RGB", (32, 32), (40, 160, 60)), icc_profile=a98))
    out = centre(decoded(prep_print(p)))
    expected = cms((40, 160, 60), ImageCms.ImageCmsProfile(io.BytesIO(a98)))
    as_srgb = cms((40, 160, 60), ImageCms.createProfile("sRGB"))
    assert not close(expected, as_srgb, 8)  # the test can tell the two apart
    assert close(out, expected)


def test_cmyk_without_profile_passes_through(tmp_path):
    p = tmp_path / "cmyk.jpg"
    p.write_bytes(jpeg_bytes(Image.new("CMYK", (32, 32), (20, 120, 200, 10))))
    prep = prep_print(p)
    assert prep.mode == "CMYK" and prep.adobe_inverted and prep.decode == (1, 0) * 4
    assert close(centre(decoded(prep)), (20, 120, 200, 10), 3)


def test_cmyk_with_other_profile_is_converted(tmp_path):
    ps = (ICC_DIR / "ps_cmyk.icc").read_bytes()
    p = tmp_path / "cmyk-icc.jpg"
    p.write_bytes(jpeg_bytes(Image.new("CMYK", (32, 32), (20, 120, 200, 10)), icc_profile=ps))
    out = centre(decoded(prep_print(p)))
    expected = cms((20, 120, 200, 10), ImageCms.ImageCmsProfile(io.BytesIO(ps)), "CMYK")
    assert not close(expected, (20, 120, 200, 10), 3)
    assert close(out, expected)


def test_cmyk_with_output_profile_unchanged(tmp_path):
    p = tmp_path / "same.jpg"
    p.write_bytes(jpeg_bytes(Image.new("CMYK", (32, 32), (20, 120, 200, 10)),
                             icc_profile=OUTPUT_ICC.read_bytes()))
    assert close(centre(decoded(prep_print(p))), (20, 120, 200, 10), 3)


def test_16bit_grey_png_scaled_not_clipped(tmp_path):
    p = tmp_path / "g16.png"
    Image.new("I;16", (16, 16), 0x8000).save(p)
    with Image.open(p) as im:
        assert im.mode.startswith("I;16")
    prep = prep_print(p)
    assert prep.mode == "L"
    assert abs(centre(decoded(prep)) - 128) <= 2


def test_16bit_rgb_png(tmp_path):
    p = rgb16_png(tmp_path / "rgb16.png", 16, 16, (65535, 0, 0))
    out = centre(decoded(prep_print(p)))
    assert close(out, cms((255, 0, 0), ImageCms.createProfile("sRGB")))


def test_palette_png_transparency_on_white(tmp_path):
    p = tmp_path / "pal.png"
    im = Image.new("P", (32, 32), 0)
    im.putpalette([255, 255, 0, 200, 0, 0] + [0] * 762)
    ImageDraw.Draw(im).rectangle((16, 0, 31, 31), fill=1)
    im.save(p, transparency=0)  # index 0 (yellow) is transparent
    out = decoded(prep_print(p))
    assert close(out.getpixel((4, 16)), (0, 0, 0, 0), 3)  # paper, not yellow
    assert close(out.getpixel((26, 16)), cms((200, 0, 0), ImageCms.createProfile("sRGB")))


@pytest.mark.parametrize("mode", ["LA", "RGBA"])
def test_alpha_flattened_on_white(tmp_path, mode):
    p = tmp_path / f"{mode}.png"
    im = Image.new(mode, (32, 32), (0,) * len(mode))  # fully transparent black
    ImageDraw.Draw(im).rectangle((16, 0, 31, 31), fill=(0,) * (len(mode) - 1) + (255,))
    im.save(p)
    out = decoded(prep_print(p))
    assert out.mode == ("L" if mode == "LA" else "CMYK")
    blank = 255 if mode == "LA" else (0, 0, 0, 0)
    left, right = out.getpixel((4, 16)), out.getpixel((26, 16))
    assert left == blank or close(left, blank, 3)
    if mode == "LA":
        assert right < 10  # opaque black stays black
    else:
        assert total_area_coverage(out.crop((20, 0, 32, 32))) > 200


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_upright(tmp_path, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    p = tmp_path / f"o{orientation}.jpg"
    p.write_bytes(jpeg_bytes(stored_for_orientation(pattern(48, 32), orientation),
                             exif=exif.tobytes()))
    prep = prepare_digital_image(p, (0, 0, 48, 32), 48 * 72 / 100, 32 * 72 / 100, 100)
    out = decoded(prep)
    assert out.size == (48, 32)
    assert close(out.getpixel((3, 3)), (255, 0, 0), 40)  # red corner top-left
    assert close(out.getpixel((44, 28)), (0, 0, 255), 40)  # blue bottom-right
    assert close(out.getpixel((44, 3)), (255, 255, 255), 20)
    cmyk = decoded(prepare_print_image(p, (0, 0, 48, 32), 48 * 72 / 100, 32 * 72 / 100,
                                       OUTPUT_ICC, 240))
    assert cmyk.size == (48, 32) and cmyk.getpixel((3, 3))[1] > 200  # magenta for red


# ------------------------------------------------------------- crop and resolution


def test_crop_and_downsample(tmp_path):
    p = tmp_path / "big.jpg"
    p.write_bytes(jpeg_bytes(pattern(1200, 900)))
    # the 600×600 px crop printed 1 inch wide would be 600 ppi: down to 300
    prep = prepare_print_image(p, (300, 150, 900, 750), 72, 72, OUTPUT_ICC, 240)
    assert (prep.width, prep.height) == (300, 300)
    # 150 ppi at placed size is not upsampled
    prep = prepare_print_image(p, (300, 150, 900, 750), 288, 288, OUTPUT_ICC, 240)
    assert (prep.width, prep.height) == (600, 600)
    top_left = decoded(prepare_digital_image(p, (0, 0, 600, 600), 72, 72, 150))
    assert top_left.size == (150, 150) and top_left.getpixel((1, 1))[0] > 200


# ------------------------------------------------------------- ink limit


def dark_photo(path: Path) -> Path:
    im = Image.linear_gradient("L").resize((300, 200)).convert("RGB")
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, 150, 200), fill=(0, 0, 0))
    draw.rectangle((150, 0, 300, 100), fill=(40, 40, 40))
    draw.rectangle((150, 100, 300, 140), fill=(40, 10, 60))
    im.save(path, quality=95)
    return path


def test_tac_limit_on_dark_photo(tmp_path):
    p = dark_photo(tmp_path / "dark.jpg")
    raw = ImageCms.applyTransform(Image.open(p), ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(OUTPUT_ICC)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION))
    assert total_area_coverage(raw) > 280  # rich black straight from the profile
    out = decoded(prep_print(p, 240))
    assert total_area_coverage(out) <= 240 - TAC_MARGIN
    # K carries the grey: in the dark areas K went up, C, M, Y went down
    for xy in [(60, 100), (220, 50)]:
        before, after = raw.getpixel(xy), out.getpixel(xy)
        assert after[3] > before[3] + 5
        assert all(a < b - 20 for a, b in zip(after[:3], before[:3], strict=True))


def cmyk_row(pixels):
    im = Image.new("CMYK", (len(pixels), 1))
    im.putdata([tuple(round(v * 2.55) for v in px) for px in pixels])
    return im


def test_limit_ink_gcr_then_scale():
    im = limit_ink(cmyk_row([(80, 80, 80, 20), (100, 100, 100, 100), (30, 20, 10, 5)]), 240)
    gcr, full, low = (tuple(v / 2.55 for v in im.getpixel((i, 0))) for i in range(3))
    # 260 %: 10 % of grey moved into K, nothing scaled
    assert close(gcr, (70, 70, 70, 30), 0.5)
    # 400 %: K full, so C, M, Y share the 140 % left
    assert full[3] == 100 and abs(sum(full[:3]) - 140) <= 1.2
    assert close(low, (30, 20, 10, 5), 0.3)  # within the limit: untouched


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 255)] * 4), min_size=1, max_size=50),
       st.sampled_from([200, 240, 260, 300]))
def test_limit_ink_properties(pixels, max_tac):
    im = Image.new("CMYK", (len(pixels), 1))
    im.putdata(pixels)
    out = list(limit_ink(im, max_tac).get_flattened_data())
    for before, after in zip(pixels, out, strict=True):
        assert sum(after) <= tac_units(max_tac)
        assert after[3] >= before[3]
        assert all(a <= b for a, b in zip(after[:3], before[:3], strict=True))
        if sum(before) <= tac_units(max_tac):
            assert after == before


def test_tac_ignores_isolated_pixels_but_not_an_area():
    """The one TAC definition (images/coverage.py): 99.9th percentile of C+M+Y+K."""
    im = Image.new("CMYK", (100, 100), (50, 50, 50, 50))  # 10,000 px: 10 may be over
    for i in range(10):
        im.putpixel((i, 0), (255, 255, 255, 255))
    assert abs(total_area_coverage(im) - 200 * 100 / 255) < 0.01
    im.putpixel((50, 50), (255, 255, 255, 255))  # the 11th: 0.11 % of the image
    assert total_area_coverage(im) == 400
    assert total_area_coverage(Image.new("L", (5, 5), 0)) == 100  # black ink alone
    assert total_area_coverage(Image.new("RGB", (5, 5))) == 0


# ------------------------------------------------------------- determinism, speed


def test_byte_identical(tmp_path):
    p = dark_photo(tmp_path / "d.jpg")
    a = prep_print(p)
    b = prep_print(p)
    assert a == b
    c = prepare_digital_image(p, (10, 10, 290, 190), 100, 70, 150)
    d = prepare_digital_image(p, (10, 10, 290, 190), 100, 70, 150)
    assert c.data == d.data and c.mode == "RGB"


def test_digital_adobe_rgb_converted_to_srgb(tmp_path):
    a98 = (ICC_DIR / "a98.icc").read_bytes()
    p = tmp_path / "a98.jpg"
    p.write_bytes(jpeg_bytes(Image.new("RGB", (32, 32), (40, 160, 60)), icc_profile=a98))
    out = centre(decoded(prepare_digital_image(p, (0, 0, 32, 32), 20, 20, 150)))
    assert out[1] > 160 and out[0] < 40  # Adobe RGB green is more saturated in sRGB terms


def test_a_large_photo_keeps_its_pixels(tmp_path):
    # Its preparation time is a benchmark figure (tools/bench.py), not a test.
    p = tmp_path / "big.jpg"
    im = Image.linear_gradient("L").resize((2000, 1500))
    Image.merge("RGB", [im, im.rotate(90, expand=False), im.point(lambda v: v // 3)]).save(p)
    prep = prepare_print_image(p, (0, 0, 2000, 1500), 480, 360, OUTPUT_ICC, 240)
    assert prep.width == 2000


def test_cmyk_jpeg_renders_right_way_round(tmp_path):
    """ReportLab sets /Decode [1 0 1 0 1 0 1 0] for CMYK JPEGs: red must stay red."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    p = tmp_path / "red.png"
    Image.new("RGB", (40, 40), (220, 20, 20)).save(p)
    prep = prep_print(p)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(40, 40), invariant=1)
    c.drawImage(ImageReader(io.BytesIO(prep.data)), 0, 0, 40, 40)
    c.save()
    page = pypdfium2.PdfDocument(buf.getvalue())[0]
    r, g, b = page.render(scale=1).to_pil().convert("RGB").getpixel((20, 20))
    assert r > 180 and g < 90 and b < 90
