"""The page template (layouts/NAME.yaml) as plain frozen data, all lengths in pt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xhprint.model.source import SourceRef

CMYK = tuple[float, float, float, float]  # each 0..1
BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)
MM = 72.0 / 25.4


@dataclass(frozen=True)
class Style:
    """A text style: font role, size, leading (pt), alignment and colour."""

    font: str
    size: float
    leading: float
    align: str = "justify"  # justify | left | center | right
    indent_em: float = 0.0
    color: CMYK = BLACK


@dataclass(frozen=True)
class Margins:
    """Page margins in pt (inside = the binding side)."""

    top: float
    bottom: float
    inside: float
    outside: float


@dataclass(frozen=True)
class QRCode:
    """A QR code in the masthead: the label printed under it and the address it opens."""

    label: str
    url: str
    ref: SourceRef | None = field(default=None, compare=False)  # where the label is written


@dataclass(frozen=True)
class Masthead:
    """The page-1 masthead: reserved rows, title or logo, QR codes and small lines."""

    rows: int
    title: str | None = None
    logo: Path | None = None
    color: CMYK = BLACK
    qr: tuple[QRCode, ...] = ()
    lines: tuple[str, ...] = ()
    permit: str | None = None
    # Where each text of the masthead (title, lines, permit; QR labels keep their own) is
    # written, so a finding about it can name the template line (preflight.md "where").
    text_refs: tuple[tuple[str, SourceRef], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class PreflightLimits:
    """Every threshold of preflight.md, with the spec's defaults."""

    min_image_ppi: float = 100
    warn_image_ppi: float = 150
    max_tac: float = 240
    max_headline_lines: int = 2
    underset_rows: int = 3
    max_photo_crop: float = 0.4
    min_text_pt: float = 5
    hairline_mm: float = 0.1
    min_bleed_mm: float = 3
    max_digital_mb: float = 20
    loose_line_em: float = 0.12  # a body line letter-spaced past this (median) is loose


@dataclass(frozen=True)
class Template:
    """A layout template. Lengths in pt; paths already resolved against the template file."""

    name: str
    trim_width: float
    trim_height: float
    bleed: float = field(default=3 * MM, kw_only=True)  # manifest.md §4: 3mm
    margins: Margins
    columns: int
    gutter: float
    grid_size: float
    grid_leading: float
    styles: dict[str, Style]  # treat as read-only
    masthead: Masthead | None = None
    header_rows: int = 3
    print_marks: bool = True
    icc: Path | None = None  # None: Debian's ghostscript default_cmyk.icc
    preflight: PreflightLimits = field(default_factory=PreflightLimits)
    kinsoku: str = "basic"  # none | basic | gb | strict
    punct_style: str = "quanjiao"  # quanjiao | kaiming | banjiao
    region: str = ""  # mainland | tw | hk ("": not given)
    punct_position: str = "gb"  # gb (lower left) | centred: where ，。、：； sit in the em
    digital_image_ppi: float = 150.0
    paper_name: str = "徐匯報"
    source: SourceRef | None = None
