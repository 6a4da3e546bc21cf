"""Prepare a photo for embedding: upright, cropped, resampled, colour-converted JPEG bytes.

Takes a photo file, the visible crop (pixels of the upright photo) and its placed size
in pt; returns a `PreparedImage`. The functions are pure — same file and parameters,
same bytes — so the caller may cache results by (file sha256, parameters).

Print (manifest.md §4 "Print colour"): converted to the output CMYK profile, then
ink-limited by moving the grey component of C, M, Y into K (GCR) and scaling C, M, Y
down, until the encoded JPEG measures at most `max_tac − TAC_MARGIN` by the one TAC
definition preflight's `tac` check uses (images/coverage.py), so our own pages pass it.
Greyscale photos stay single-channel ('L' → DeviceGray, i.e. black ink only).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps

from xhprint.images.coverage import total_area_coverage
from xhprint.images.probe import PIXEL_LIMIT, open_image

PT_PER_INCH = 72.0
PRINT_JPEG_QUALITY = 90
DIGITAL_JPEG_QUALITY = 80
# For CMYK photos without a profile in the digital edition (Debian ghostscript, SWOP).
DEFAULT_CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")

# Perceptual intent: newsprint's gamut is far smaller than sRGB's. Perceptual
# compresses the whole gamut smoothly, keeping gradations in saturated areas and
# shadow detail; relative colorimetric would clip every out-of-gamut colour to the
# gamut edge, which posterises skies and foliage on newsprint (ICC.1:2010 §6.2.2).
PRINT_INTENT = ImageCms.Intent.PERCEPTUAL
DIGITAL_INTENT = ImageCms.Intent.PERCEPTUAL
# Black point compensation maps the source's black onto the press's darkest printable
# ink instead of clipping everything darker to it, so shadow detail survives on
# newsprint (its black is a dark grey); it also lowers the ink of deep shadows.
_CMS_FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION

Crop = tuple[int, int, int, int]


class ImagePrepareError(ValueError):
    """The photo cannot be prepared (should have been caught by `probe_image`)."""


@dataclass(frozen=True)
class PreparedImage:
    """A JPEG ready to embed as a DCTDecode image XObject.

    `adobe_inverted`: Pillow writes CMYK JPEGs the way Photoshop does — an Adobe
    APP14 marker (transform 0) and *inverted* samples. A PDF DCTDecode filter returns
    the samples as stored, so the image dictionary needs
    /Decode [1 0 1 0 1 0 1 0] (PDF 32000-1 §8.9.5.2) — see `decode`. ReportLab adds
    exactly this array to every 4-component JPEG it embeds (pdfdoc.PDFImageXObject),
    so `canvas.drawImage(ImageReader(BytesIO(data)), …)` renders correctly.
    """

    data: bytes
    width: int  # pixels
    height: int
    mode: str  # 'CMYK' | 'L' (print), 'RGB' | 'L' (digital)
    adobe_inverted: bool = False

    @property
    def decode(self) -> tuple[int, ...] | None:
        """The /Decode array the PDF image needs, or None for the default."""
        return (1, 0) * 4 if self.adobe_inverted else None


# ---------------------------------------------------------------- loading


def _load_upright(path: Path) -> Image.Image:
    """Open within the pixel limit, decode, and apply the EXIF orientation."""
    try:
        im = open_image(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError) as exc:
        raise ImagePrepareError(f"{path.name}: {exc}") from exc
    with im:
        if im.width * im.height > PIXEL_LIMIT:
            raise ImagePrepareError(f"{path.name}: {im.width}×{im.height} is over the pixel limit")
        try:
            im.load()
        except OSError as exc:
            raise ImagePrepareError(f"{path.name}: {exc}") from exc
        upright = ImageOps.exif_transpose(im)
        # exif_transpose keeps info (icc_profile) on the copy it returns.
        upright.info.setdefault("icc_profile", im.info.get("icc_profile"))
        return upright


def _to_8bit(im: Image.Image) -> Image.Image:
    """16/32-bit greyscale → 8-bit L, scaling (Pillow's own convert clips at 255)."""
    if im.mode.startswith("I;16"):
        im = im.convert("I")
        top = 65535
    else:  # 32-bit "I" (TIFF): treat as 16-bit unless it already fits in 8 bits
        extrema = im.getextrema()
        hi = extrema[1] if isinstance(extrema[1], (int, float)) else 65535
        top = 65535 if hi > 255 else 255
    return im.point(lambda v: v * (255 / top) + 0.5).convert("L")


def _flatten(im: Image.Image) -> Image.Image:
    """Bring any supported mode to L, RGB or CMYK; transparency is composited on white.

    White because paper is white: a transparent area prints as no ink.
    """
    icc = im.info.get("icc_profile")
    step = _to_8bit if im.mode.startswith("I") else _FLATTEN.get(im.mode)
    out = step(im) if step is not None else im  # L, RGB and CMYK stay as they are
    if icc and out is not im:
        out.info["icc_profile"] = icc
    return out


def _from_palette(im: Image.Image) -> Image.Image:
    """P / PA → RGB, or RGBA (then on white) when the palette has transparency."""
    has_alpha = im.mode == "PA" or "transparency" in im.info
    return _flatten(im.convert("RGBA" if has_alpha else "RGB"))


def _on_white(im: Image.Image) -> Image.Image:
    """LA / La / RGBA / RGBa → L or RGB, composited on white by the alpha channel (a
    premultiplied La or RGBa is unpremultiplied first, by converting it)."""
    rgba = im.convert("RGBA") if im.mode == "RGBa" else im
    if im.mode == "La":
        rgba = im.convert("LA")
    base = "L" if rgba.mode == "LA" else "RGB"
    out = Image.new(base, im.size, 255 if base == "L" else (255, 255, 255))
    out.paste(rgba.convert(base), mask=rgba.getchannel("A"))
    return out


#: how each mode that is not L, RGB or CMYK (nor 16/32-bit "I…": `_to_8bit`) gets there
_FLATTEN: dict[str, Callable[[Image.Image], Image.Image]] = {
    "1": lambda im: im.convert("L"),
    "P": _from_palette,
    "PA": _from_palette,
    "LA": _on_white,
    "La": _on_white,
    "RGBA": _on_white,
    "RGBa": _on_white,
    "RGBX": lambda im: im.convert("RGB"),
}


def _crop_and_resample(im: Image.Image, crop: Crop, placed_w: float, placed_h: float,
                       max_ppi: float) -> Image.Image:
    """Crop to the visible part, then downsample (LANCZOS) if above max_ppi."""
    left, top, right, bottom = crop
    left, top = max(0, left), max(0, top)
    right, bottom = min(im.width, right), min(im.height, bottom)
    if right <= left or bottom <= top:
        raise ImagePrepareError(f"empty crop {crop} of a {im.width}×{im.height} photo")
    icc = im.info.get("icc_profile")
    if (left, top, right, bottom) != (0, 0, im.width, im.height):
        im = im.crop((left, top, right, bottom))
    if placed_w <= 0 or placed_h <= 0:
        raise ImagePrepareError("placed size must be positive")
    ppi = max(im.width * PT_PER_INCH / placed_w, im.height * PT_PER_INCH / placed_h)
    if ppi > max_ppi:
        scale = max_ppi / ppi
        size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
        im = im.resize(size, Image.Resampling.LANCZOS)
    if icc:
        im.info["icc_profile"] = icc
    return im


def _embedded_profile(im: Image.Image, colour_space: str) -> ImageCms.ImageCmsProfile | None:
    """The photo's own ICC profile, if present, readable and matching its mode."""
    data = im.info.get("icc_profile")
    if not data:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None  # a broken profile: fall back to the assumption for the mode
    return profile if profile.profile.xcolor_space.strip() == colour_space else None


def _convert(im: Image.Image, source: ImageCms.ImageCmsProfile,
             dest: ImageCms.ImageCmsProfile, mode: str, intent: ImageCms.Intent) -> Image.Image:
    """`im` converted from `source` to `dest` (a new image in `mode`)."""
    out = ImageCms.applyTransform(im, ImageCms.buildTransform(
        source, dest, im.mode, mode, renderingIntent=intent, flags=_CMS_FLAGS))
    assert out is not None  # not in place: applyTransform returns the new image
    return out


def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# ---------------------------------------------------------------- ink limit


def tac_units(max_tac: float) -> int:
    """max_tac in % → 8-bit ink units summed over four channels (255 = 100 %)."""
    return int(max_tac * 255 / 100)


def limit_ink(cmyk: Image.Image, max_tac: float) -> Image.Image:
    """Ink-limit a CMYK image to max_tac % (manifest.md §4 "Print colour").

    Per pixel, in 8-bit units, with T = C+M+Y+K over the limit L:
    1. GCR: move a = min(grey, 255−K, ⌈(T−L)/2⌉) of the grey component
       grey = min(C, M, Y) from C, M, Y into K; each unit moved saves two units of
       ink (three removed, one added). Only as much as the limit needs, so pixels
       already within it keep the profile's separation exactly, and the result is
       continuous across the threshold (no contouring).
    2. If still over (K is full), scale C, M, Y by (L−K)/(C+M+Y), rounding down,
       so the total never exceeds L.
    Integer Pillow band math (ImageMath in 32-bit "I"); no numpy needed.
    """
    if cmyk.mode != "CMYK":
        raise ValueError(f"limit_ink needs a CMYK image, not {cmyk.mode}")
    limit = tac_units(max_tac)
    if limit >= 4 * 255:
        return cmyk
    if cmyk.height <= INK_STRIP_ROWS:
        return _limit_ink(cmyk, limit)
    # Per-pixel arithmetic, so strips give the same pixels; the ~20 32-bit temporaries
    # then stay a few MB instead of ~250 MB for a 300 ppi broadsheet photo.
    out = Image.new("CMYK", cmyk.size)
    for top in range(0, cmyk.height, INK_STRIP_ROWS):
        box = (0, top, cmyk.width, min(cmyk.height, top + INK_STRIP_ROWS))
        out.paste(_limit_ink(cmyk.crop(box), limit), box[:2])
    return out


INK_STRIP_ROWS = 256


def _limit_ink(cmyk: Image.Image, limit: int) -> Image.Image:
    c, m, y, k = (band.convert("I") for band in cmyk.split())

    def step(a: dict) -> tuple:
        mn, mx = a["min"], a["max"]
        c, m, y, k = a["c"], a["m"], a["y"], a["k"]
        grey = mn(mn(c, m), y)
        excess = mx(c + m + y + k - limit, 0)
        moved = mn(mn(grey, 255 - k), (excess + 1) / 2)
        c1, m1, y1 = c - moved, m - moved, y - moved
        k1 = mn(k + moved, limit)
        room = mx(limit - k1, 0)
        total = mx(c1 + m1 + y1, 1)
        return tuple(mn(v, v * room / total) for v in (c1, m1, y1)) + (k1,)

    bands = ImageMath.lambda_eval(step, c=c, m=m, y=y, k=k)
    # lambda_eval unwraps a single result only; a tuple holds the raw operands.
    return Image.merge("CMYK", [b.im.convert("L") for b in bands])


# ---------------------------------------------------------------- encoding


def _jpeg(im: Image.Image, quality: int, subsampling: int) -> bytes:
    """Deterministic baseline JPEG: no metadata, no ICC, fixed settings."""
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, subsampling=subsampling,
            optimize=False, progressive=False)
    return buf.getvalue()


# ---------------------------------------------------------------- public


#: the converter's promise: the TAC preflight measures (images/coverage.py) of every
#: photo it converts is at most `max_tac − TAC_MARGIN` %
TAC_MARGIN = 5.0
#: JPEG ringing lifts the TAC of dark, busy areas by a few %: the first ink limit is set
#: this far under the target, then lowered by what the encoded JPEG still overshoots
JPEG_FIRST_GUESS = 5.0
JPEG_LIMIT_TRIES = 6


def ink_limited_jpeg(cmyk: Image.Image, max_tac: float) -> bytes:
    """The CMYK JPEG of `cmyk`, ink-limited so that its measured TAC ≤ max_tac − TAC_MARGIN.

    Ink limiting works on pixels; the press (and preflight) sees the JPEG decoded, and
    JPEG compression rings over the limit in dark, busy areas. So the encoded JPEG is
    measured with the definition preflight uses (`total_area_coverage`) and, while it
    is over the target, limited again lower by the overshoot (+1 %). Deterministic: the
    same pixels take the same steps; most photos are encoded once.
    """
    target = max(0.0, max_tac - TAC_MARGIN)
    limit = max(0.0, target - JPEG_FIRST_GUESS)
    for _ in range(JPEG_LIMIT_TRIES):
        data = _jpeg(limit_ink(cmyk, limit), PRINT_JPEG_QUALITY, 0)
        over = _measured(data) - target
        if over <= 0 or limit <= 0:
            return data
        limit = max(0.0, limit - over - 1.0)
    return data  # not reached for photos; preflight's `tac` would report what is left


def _measured(jpeg: bytes) -> float:
    with Image.open(io.BytesIO(jpeg)) as im:
        im.load()
        return total_area_coverage(im)


def prepare_print_image(path: Path, crop: Crop, placed_w_pt: float, placed_h_pt: float,
                        output_icc: Path, max_tac: float, max_ppi: float = 300) -> PreparedImage:
    """Upright, crop, downsample to ≤ max_ppi, convert to the output CMYK, ink-limit.

    Colour assumptions: an embedded ICC profile is honoured; RGB without one is sRGB;
    CMYK without one is already in the output profile; greyscale stays 'L' (its
    embedded profile, if any, is not applied: DeviceGray prints with black ink only).
    """
    im = _crop_and_resample(_flatten(_load_upright(path)), crop, placed_w_pt, placed_h_pt,
                            max_ppi)
    if im.mode == "L":
        if max_tac < 100:  # black ink alone over the limit: lighten
            floor_l = 255 - tac_units(max_tac)
            im = im.point(lambda v: max(v, floor_l))
        return PreparedImage(_jpeg(im, PRINT_JPEG_QUALITY, 0), im.width, im.height, "L")
    output = ImageCms.getOpenProfile(str(output_icc))
    if im.mode == "RGB":
        im = _convert(im, _embedded_profile(im, "RGB") or _srgb(), output, "CMYK",
                      PRINT_INTENT)
    elif im.mode == "CMYK":
        cmyk = _embedded_profile(im, "CMYK")
        if cmyk is not None and cmyk.tobytes() != output.tobytes():
            im = _convert(im, cmyk, output, "CMYK", PRINT_INTENT)
    else:  # pragma: no cover - _flatten returns L, RGB or CMYK only
        raise ImagePrepareError(f"unexpected mode {im.mode}")
    # Pillow stores CMYK JPEG samples inverted behind an Adobe APP14 marker.
    return PreparedImage(ink_limited_jpeg(im, max_tac), im.width, im.height, "CMYK",
                         adobe_inverted=True)


def prepare_digital_image(path: Path, crop: Crop, placed_w_pt: float, placed_h_pt: float,
                          ppi: float) -> PreparedImage:
    """Upright, crop, downsample to ≤ ppi, convert to sRGB (greyscale stays 'L')."""
    im = _crop_and_resample(_flatten(_load_upright(path)), crop, placed_w_pt, placed_h_pt, ppi)
    if im.mode == "L":
        return PreparedImage(_jpeg(im, DIGITAL_JPEG_QUALITY, 0), im.width, im.height, "L")
    srgb = _srgb()
    if im.mode == "RGB":
        rgb = _embedded_profile(im, "RGB")
        if rgb is not None:
            im = _convert(im, rgb, srgb, "RGB", DIGITAL_INTENT)
    else:  # CMYK: its profile, else the common press assumption (Ghostscript's SWOP)
        cmyk = _embedded_profile(im, "CMYK") or ImageCms.getOpenProfile(str(DEFAULT_CMYK_ICC))
        im = _convert(im, cmyk, srgb, "RGB", DIGITAL_INTENT)
    # 4:2:0 chroma subsampling: screen viewing, where size matters more.
    return PreparedImage(_jpeg(im, DIGITAL_JPEG_QUALITY, 2), im.width, im.height, "RGB")

