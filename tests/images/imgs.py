"""Tiny image and PDF fixtures written on the fly (no binary files in the repo)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

ICC_DIR = Path("/usr/share/color/icc/ghostscript")
OUTPUT_ICC = ICC_DIR / "default_cmyk.icc"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bytes(width: int, height: int, bit_depth: int, colour_type: int, raw: bytes) -> bytes:
    """A PNG written by hand, so any header (huge sizes, 16-bit RGB) can be crafted."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))


def rgb16_png(path: Path, width: int, height: int, rgb16: tuple[int, int, int]) -> Path:
    row = b"\x00" + struct.pack(">HHH", *rgb16) * width  # filter byte 0, then samples
    path.write_bytes(png_bytes(width, height, 16, 2, row * height))
    return path


def jpeg_bytes(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, **kw)
    return buf.getvalue()


# EXIF 2.32 §4.6.4 A, Orientation: which side of the picture the stored 0th row and
# 0th column show. Written out independently of Pillow's exif_transpose table.
ROW0_COL0 = {
    1: ("top", "left"), 2: ("top", "right"), 3: ("bottom", "right"), 4: ("bottom", "left"),
    5: ("left", "top"), 6: ("right", "top"), 7: ("right", "bottom"), 8: ("left", "bottom"),
}


def stored_for_orientation(upright: Image.Image, orientation: int) -> Image.Image:
    """The pixels a camera would store for `upright` shown with `orientation`."""
    w, h = upright.size
    row0, col0 = ROW0_COL0[orientation]
    swap = row0 in ("left", "right")
    sw, sh = (h, w) if swap else (w, h)
    stored = Image.new(upright.mode, (sw, sh))
    src = upright.load()
    dst = stored.load()
    for sy in range(sh):
        for sx in range(sw):
            if not swap:
                ux = sx if col0 == "left" else w - 1 - sx
                uy = sy if row0 == "top" else h - 1 - sy
            else:
                ux = sy if row0 == "left" else w - 1 - sy
                uy = sx if col0 == "top" else h - 1 - sx
            dst[sx, sy] = src[ux, uy]
    return stored


def pattern(width: int = 48, height: int = 32) -> Image.Image:
    """White, with a red block at the top-left corner and a blue one at the bottom-right."""
    im = Image.new("RGB", (width, height), (255, 255, 255))
    im.paste((255, 0, 0), (0, 0, 16, 16))
    im.paste((0, 0, 255), (width - 16, height - 16, width, height))
    return im
