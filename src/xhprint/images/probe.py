"""Probe a photo: can it be decoded safely, and how big is it once upright?

Takes a path; returns an `ImageInfo` or a `bad-image` Finding (preflight.md). The
pixel limit is checked on the size the header claims *before* any decoding, so a
decompression bomb costs no memory; Pillow's own bomb check is turned into the same
finding without touching the global `Image.MAX_IMAGE_PIXELS`.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from xhprint.i18n import Message, msg
from xhprint.i18n.system import os_reason
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

# 100 MP: above any newspaper photo (a 100 MP medium-format frame is 11648×8736) yet
# a bound on memory (≤ 400 MB decoded, CMYK) and below Pillow's own hard limit
# (2 × MAX_IMAGE_PIXELS ≈ 179 MP), so our message is the one a user sees.
PIXEL_LIMIT = 100_000_000

# Photos are JPEG / PNG / TIFF (manifest.md §1); adverts may be the same.
FORMATS = ("JPEG", "PNG", "TIFF")

# Modes prepare.py knows how to turn into 8-bit L / RGB / CMYK.
SUPPORTED_MODES = frozenset(
    {"1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK",
     "I", "I;16", "I;16L", "I;16B", "I;16N"}
)

# EXIF orientations 5–8 are transposed: width and height swap (EXIF 2.32 §4.6.4 A).
_EXIF_ORIENTATION = 0x0112
_SWAPS_AXES = frozenset({5, 6, 7, 8})


@dataclass(frozen=True)
class ImageInfo:
    """What layout needs to know about a photo: its upright pixel size and colour."""

    width: int  # pixels, after EXIF orientation
    height: int
    mode: str  # Pillow mode as stored (e.g. RGB, CMYK, I;16, P)
    has_icc: bool
    format: str  # JPEG | PNG | TIFF
    orientation: int = 1  # EXIF orientation tag, 1 when absent or invalid


def _bad(rel: str, ref: SourceRef | None, problem: Message, hint: Message) -> Finding:
    return Finding(
        check="bad-image",
        severity="error",
        message=msg("{path}: {problem}", path=rel, problem=problem),
        where=ref,
        item=rel,
        hint=hint,
    )


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # a broken EXIF block must not make a good photo unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def open_image(path: Path) -> Image.Image:
    """Open lazily (header only) with only our formats.

    Pillow warns above MAX_IMAGE_PIXELS (≈ 89 MP) and raises DecompressionBombError
    above twice that. The warning is silenced here because the caller checks
    `im.size` against PIXEL_LIMIT before `load()`; the error still propagates.
    `catch_warnings` restores the filters on exit, so nothing global changes.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path, formats=FORMATS)


#: what to do about a photo that cannot be decoded
REEXPORT = msg("export the photo again as JPEG, PNG or TIFF")
#: what to do about a photo over the pixel limit
SCALE_DOWN = msg("scale the photo down before placing it")


@dataclass(frozen=True)
class _Problem:
    """Why a photo cannot be used, and what to do about it (a `bad-image` finding's words)."""

    problem: Message
    hint: Message


def probe_image(
    path: Path, rel: str, ref: SourceRef | None, pixel_limit: int = PIXEL_LIMIT
) -> ImageInfo | Finding:
    """Check that `path` is a decodable photo within the pixel limit; describe it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Finding("missing-file", "error",
                       msg("{path}: {problem}", path=rel, problem=os_reason(exc)), ref, item=rel)
    if size == 0:
        return _bad(rel, ref, msg("the file is empty (0 bytes)"), REEXPORT)
    try:
        found = _decode(path, pixel_limit)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        found = _Problem(msg("over Pillow's pixel limit (decompression bomb?)"), SCALE_DOWN)
    except UnidentifiedImageError:
        found = _Problem(msg("not a JPEG, PNG or TIFF image"), REEXPORT)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError,
            TypeError, ZeroDivisionError, RuntimeError, struct.error):
        # Truncated data ("image file is truncated"), broken chunks, bad headers.
        # (the decoder's own words are English and name its internals: left out)
        found = _Problem(msg("the image data is damaged and cannot be decoded"), REEXPORT)
    if isinstance(found, _Problem):
        return _bad(rel, ref, found.problem, found.hint)
    return found


def _decode(path: Path, pixel_limit: int) -> ImageInfo | _Problem:
    """Read the header, check the size against `pixel_limit` before decoding anything,
    verify the structure, then decode the pixels in full (a truncated file raises)."""
    with open_image(path) as im:
        w, h = im.size
        if w <= 0 or h <= 0:
            return _Problem(msg("invalid size {w}×{h} in the header", w=w, h=h), REEXPORT)
        if w * h > pixel_limit:
            return _Problem(
                msg("{w}×{h} pixels is over the limit of {limit} MP (decompression bomb?)",
                    w=w, h=h, limit=pixel_limit // 1_000_000),
                SCALE_DOWN)
        fmt = im.format or "?"
        mode = im.mode
        has_icc = bool(im.info.get("icc_profile"))
        im.verify()  # structure and CRCs, without decoding pixels
    if mode not in SUPPORTED_MODES:
        return _Problem(msg("unsupported colour mode {mode}", mode=mode),
                        msg("convert the photo to RGB, greyscale or CMYK"))
    # verify() leaves the image unusable: reopen and decode it fully. The pixel
    # limit above bounds the memory and time this can take.
    with open_image(path) as im:
        im.load()
        # after load(): a PNG's eXIf chunk may follow the image data
        orientation = _orientation(im)
    if orientation in _SWAPS_AXES:
        w, h = h, w
    return ImageInfo(w, h, mode, has_icc, fmt, orientation)
