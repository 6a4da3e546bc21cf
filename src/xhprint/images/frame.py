"""Frame geometry for photos: which pixels show, where they land, at what resolution.

Pure arithmetic on sizes (pixels for the photo, pt for the frame); no image is opened.
`fill` crops the photo centred to the frame's aspect ratio; `fit` shows the whole
photo, scaled down to the frame and centred (letterboxed) — manifest.md §3.
"""

from __future__ import annotations

from typing import NamedTuple

PT_PER_INCH = 72.0


class PhotoFit(NamedTuple):
    """Result of fitting a photo to a frame (unpacks as a tuple)."""

    crop: tuple[int, int, int, int]  # visible source pixels: left, top, right, bottom
    placed: tuple[float, float, float, float]  # x, y, w, h in pt from the frame's top-left
    crop_fraction: float  # share of the photo's area cropped away (0 with fit)


def fit_photo(img_w: int, img_h: int, frame_w: float, frame_h: float, fit: str) -> PhotoFit:
    """Place a photo of img_w×img_h pixels in a frame of frame_w×frame_h pt."""
    if img_w <= 0 or img_h <= 0 or frame_w <= 0 or frame_h <= 0:
        raise ValueError(f"empty photo or frame: {img_w}×{img_h} px in {frame_w}×{frame_h} pt")
    if fit == "fill":
        frame_aspect = frame_w / frame_h
        if img_w / img_h > frame_aspect:  # too wide: crop left and right
            crop_w = max(1, min(img_w, round(img_h * frame_aspect)))
            crop_h = img_h
        else:  # too tall: crop top and bottom
            crop_w = img_w
            crop_h = max(1, min(img_h, round(img_w / frame_aspect)))
        left = (img_w - crop_w) // 2
        top = (img_h - crop_h) // 2
        fraction = 1.0 - (crop_w * crop_h) / (img_w * img_h)
        return PhotoFit((left, top, left + crop_w, top + crop_h), (0.0, 0.0, frame_w, frame_h),
                        fraction)
    if fit == "fit":
        scale = min(frame_w / img_w, frame_h / img_h)
        w, h = img_w * scale, img_h * scale
        return PhotoFit((0, 0, img_w, img_h), ((frame_w - w) / 2, (frame_h - h) / 2, w, h), 0.0)
    raise ValueError(f"fit must be 'fill' or 'fit', not {fit!r}")


def effective_ppi(crop_w_px: int, placed_w_pt: float) -> float:
    """Pixels per inch of a photo printed at placed_w_pt (what `low-res-image` checks)."""
    if placed_w_pt <= 0:
        raise ValueError("placed width must be positive")
    return crop_w_px * PT_PER_INCH / placed_w_pt
