"""Fixtures for render tests: a small template, hand-built pages, stub collaborators."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from xhprint.model.frame import (
    FillRect,
    ImageBox,
    ItemArea,
    LaidOutPage,
    LinkArea,
    PlacedGlyph,
    QRSymbol,
    RuleLine,
    TextLine,
)
from xhprint.model.template import MM, Margins, Template
from xhprint.render.resources import DigitalMeta, Resources, SlugInfo

TRIM_W = 200 * MM
TRIM_H = 280 * MM


@dataclass(frozen=True)
class Prepared:
    data: bytes


def _jpeg(source: Path, crop, w: float, h: float, mode: str) -> bytes:
    with Image.open(source) as im:
        part = im.crop(crop).convert(mode)
    out = io.BytesIO()
    part.save(out, "JPEG", quality=90)
    return out.getvalue()


def stub_print_image(source, crop, w, h, icc, max_tac):
    return Prepared(_jpeg(source, crop, w, h, "CMYK"))


def stub_digital_image(source, crop, w, h, ppi):
    return Prepared(_jpeg(source, crop, w, h, "RGB"))


class BoxText:
    """Stub emitter: one filled square per glyph, in the line's colour."""

    def __init__(self, canvas, needs):
        self.canvas = canvas
        self.needs = needs

    def draw(self, lines, left, top):
        for line in lines:
            self.canvas.setFillColorCMYK(*line.color)
            for g in line.glyphs:
                self.canvas.rect(
                    left + line.x + g.x,
                    top - line.baseline - 0.12 * line.size,
                    g.advance * g.hscale * 0.9,
                    line.size * 0.8,
                    stroke=0,
                    fill=1,
                )


@pytest.fixture
def template() -> Template:
    return Template(
        name="test",
        trim_width=TRIM_W,
        trim_height=TRIM_H,
        bleed=3 * MM,
        margins=Margins(15 * MM, 15 * MM, 12 * MM, 12 * MM),
        columns=4,
        gutter=4 * MM,
        grid_size=9,
        grid_leading=14,
        styles={},
    )


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A 400×300 picture: left half red, right half blue, a green band along the top."""
    im = Image.new("RGB", (400, 300), (220, 20, 20))
    im.paste((20, 20, 220), (200, 0, 400, 300))
    im.paste((20, 200, 20), (0, 0, 400, 40))
    path = tmp_path / "photo.png"
    im.save(path)
    return path


@pytest.fixture
def resources(session_cache: Path) -> Resources:
    return Resources(
        text=BoxText,
        prepare_print_image=stub_print_image,
        prepare_digital_image=stub_digital_image,
        font_cache=session_cache,  # the slug line's prepared face, built once a session
    )


@pytest.fixture
def slug() -> SlugInfo:
    return SlugInfo("徐匯報", 40, 1746, dt.date(2023, 10, 2))


@pytest.fixture
def meta() -> DigitalMeta:
    return DigitalMeta(
        title="徐匯報 第40期 2023年10月2日",
        author="徐匯報社",
        subject="徐匯報數字報",
        lang="zh-Hant",
        date=dt.date(2023, 10, 2),
    )


QR_URL = "https://example.invalid/app"


@pytest.fixture
def pages(photo: Path) -> tuple[LaidOutPage, ...]:
    p1 = LaidOutPage(
        number=1,
        width=TRIM_W,
        height=TRIM_H,
        section="要聞",
        elements=(
            FillRect(0, 0, TRIM_W, 20 * MM, (0, 1, 1, 0.1)),
            RuleLine(12 * MM, 40 * MM, 188 * MM, 40 * MM, 0.5),
            TextLine(
                20 * MM,
                130 * MM,
                9,
                tuple(PlacedGlyph(ch, i * 9.0, "song", 9.0) for i, ch in enumerate("第一篇正文")),
            ),
            ImageBox(20 * MM, 50 * MM, 80 * MM, 60 * MM, photo, (0, 0, 400, 300), item="s1"),
            ImageBox(0, 200 * MM, 40 * MM, 30 * MM, photo, (100, 100, 300, 250), item="s2"),
            QRSymbol(150 * MM, 220 * MM, 30 * MM, QR_URL),
            LinkArea(120 * MM, 150 * MM, 60 * MM, 10 * MM, target_page=2, target_y=50 * MM),
        ),
        areas=(
            ItemArea(
                "s1",
                "story",
                20 * MM,
                45 * MM,
                80 * MM,
                100 * MM,
                title="第一篇",
                continues_to=2,
                text="一二三",
            ),
            ItemArea(
                "s2", "story", 110 * MM, 45 * MM, 80 * MM, 100 * MM, title="第二篇", text="四五"
            ),
        ),
    )
    p2 = LaidOutPage(
        number=2,
        width=TRIM_W,
        height=TRIM_H,
        section="綜合",
        elements=(RuleLine(12 * MM, 40 * MM, 188 * MM, 40 * MM, 0.2),),
        areas=(
            ItemArea(
                "s1",
                "story",
                12 * MM,
                50 * MM,
                60 * MM,
                100 * MM,
                title="第一篇",
                part=2,
                continued_from=1,
                text="四",
            ),
        ),
    )
    return (p1, p2)


@pytest.fixture
def qr_url() -> str:
    return QR_URL
