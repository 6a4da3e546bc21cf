"""Our own output passes our own preflight: a matrix of photo kinds converted and placed in a
built issue, each measured by the one TAC definition (images/coverage.py)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from issue_fixtures import box_settings, han, issue_yaml, of, page, story, write_issue
from PIL import Image, ImageCms, ImageDraw
from pypdf import PdfReader

from images.imgs import OUTPUT_ICC, jpeg_bytes, stored_for_orientation
from xhprint.build import BuildResult, build_issue
from xhprint.images.coverage import total_area_coverage
from xhprint.images.prepare import TAC_MARGIN, _jpeg, _srgb, limit_ink
from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_images import image_tac

MAX_TAC = 240  # the broadsheet template's preflight.max_tac


def scene(w: int = 600, h: int = 400) -> Image.Image:
    """An ordinary photo: sky gradient, dark ground, a red and a blue object."""
    im = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    d = ImageDraw.Draw(im)
    d.rectangle((0, h * 2 // 3, w, h), fill=(30, 35, 25))
    d.ellipse((w // 6, h // 5, w // 2, h // 2), fill=(200, 30, 30))
    d.rectangle((w * 3 // 5, h // 4, w * 4 // 5, h * 3 // 4), fill=(20, 40, 160))
    return im


def dark_saturated(w: int = 600, h: int = 400) -> Image.Image:
    """The worst case: pixel noise of black, dark saturated colours and white. Straight
    from the profile it reaches ~296 % ink, and JPEG ringing lifts an ink-limited
    version ~9 % over the limit it was given."""
    rnd = random.Random(7)
    palette = [(0, 0, 0), (40, 0, 60), (70, 0, 10), (0, 10, 60), (10, 40, 0), (90, 0, 90),
               (0, 50, 50), (255, 255, 255)]
    im = Image.new("RGB", (w, h))
    im.putdata([rnd.choice(palette) for _ in range(w * h)])
    return im


def png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def photo_kinds() -> dict[str, bytes]:
    """name → file bytes: every kind of photo a newsroom sends."""
    rgba = scene().convert("RGBA")
    rgba.putalpha(Image.linear_gradient("L").resize(rgba.size))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned a quarter: shown upright after rotating
    rich = Image.new("CMYK", (600, 400), (255, 255, 255, 255))  # 400 % rich black…
    ImageDraw.Draw(rich).rectangle((300, 0, 600, 400), fill=(0, 180, 200, 20))
    return {
        "rgb.jpg": jpeg_bytes(scene()),
        "cmyk.jpg": jpeg_bytes(rich),  # …CMYK without a profile: already "in" the output
        "cmyk-icc.jpg": jpeg_bytes(scene().convert("CMYK"),
                                   icc_profile=OUTPUT_ICC.read_bytes()),
        "grey.png": png(scene().convert("L")),
        "alpha.png": png(rgba),
        "rotated.jpg": jpeg_bytes(stored_for_orientation(scene(400, 600), 6),
                                  exif=exif.tobytes()),
        "lowres.jpg": jpeg_bytes(scene(80, 54)),
        "dark-saturated.png": png(dark_saturated()),
    }


def matrix_issue(root: Path) -> Path:
    kinds = photo_kinds()
    files: dict[str, str | bytes] = {f"photos/{name}": data for name, data in kinds.items()}
    items = []
    for i, name in enumerate(kinds):
        sid = f"s{i}"
        files[f"stories/{sid}.md"] = story(headline=f"標題{i}", body=han(40) + "。",
                                           front=f"photos:\n  - file: photos/{name}")
        col, row = 1 + (i % 4) * 2, 13 + (i // 4) * 30
        items.append(f"- story: {sid}\n  box: {{col: {col}, row: {row}, cols: 2, rows: 28}}\n")
    return write_issue(root / "photos", issue_yaml(page(1, "".join(items))), files)


@pytest.fixture(scope="module")
def matrix_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("matrix")
    return build_issue(matrix_issue(root), box_settings(root / "cache"))


def placed_images(pdf: bytes) -> list:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"]["/XObject"]
    return [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]


def test_every_photo_kind_passes_tac_in_a_built_issue(matrix_build: BuildResult) -> None:
    assert of(matrix_build, "tac") == [], [f.describe() for f in of(matrix_build, "tac")]
    # the low-res photo is reported (at its story), the build itself went through
    assert [f.item for f in of(matrix_build, "low-res-image", "error")] == ["s6"]
    images = placed_images(matrix_build.files["print/issue.pdf"])
    assert len(images) == len(photo_kinds())
    spaces = sorted(str(x["/ColorSpace"]) for x in images)
    assert spaces == ["/DeviceCMYK"] * 7 + ["/DeviceGray"]
    measured = []
    for x in images:
        if x["/ColorSpace"] != "/DeviceCMYK":
            continue
        result = image_tac(x, PdfBounds())
        assert result.tac is not None and result.tac <= MAX_TAC - TAC_MARGIN
        # One definition: what the converter measured on its JPEG is what preflight reads
        # back from the PDF (pypdf's decoder and the raw DCT stream agree).
        with Image.open(io.BytesIO(x._data)) as raw:
            assert total_area_coverage(raw) == result.tac
        measured.append(result.tac)
    # The worst cases really were limited: right up to the converter's target.
    assert max(measured) > MAX_TAC - TAC_MARGIN - 3


def test_worst_case_needs_the_measured_limit(tmp_path: Path) -> None:
    """Why the converter measures its JPEG: limiting the pixels 8 % under the limit and
    encoding once (what it did before) leaves this photo over 240 %."""
    cmyk = ImageCms.applyTransform(dark_saturated(), ImageCms.buildTransform(
        _srgb(), ImageCms.getOpenProfile(str(OUTPUT_ICC)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION))
    assert total_area_coverage(cmyk) > 290
    once = Image.open(io.BytesIO(_jpeg(limit_ink(cmyk, MAX_TAC - 8), 90, 0)))
    assert total_area_coverage(once) > MAX_TAC + 0.5  # the `tac` check would fire
