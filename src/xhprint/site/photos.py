"""Story photos for the web: the whole photo, upright, sRGB, at most PHOTO_MAX_SIDE px.

The digital edition's preparation (images/prepare.py) already does upright, sRGB and
deterministic JPEG; asked for PHOTO_MAX_SIDE pt "placed" at 72 ppi it downsamples the
longer side to PHOTO_MAX_SIDE pixels and keeps smaller photos as they are. Results go
through the build's ImageCache (kind "web"), keyed by the photo's content.
"""

from __future__ import annotations

from typing import Any

from xhprint.images.prepare import PreparedImage, prepare_digital_image
from xhprint.site.model import PHOTO_MAX_SIDE, SiteIssue

#: the whole photo: prepare clamps the crop to the image
_WHOLE = (0, 0, 1 << 30, 1 << 30)
_WEB_PPI = 72.0


def photo_files(site: SiteIssue, image_cache: Any | None) -> dict[str, PreparedImage]:
    """photos/<article>-N.jpg for every photo of every article (JPEG bytes and pixel size)."""
    prepare = image_cache.wrap("web", prepare_digital_image) if image_cache else prepare_digital_image
    files: dict[str, PreparedImage] = {}
    for article in site.articles:
        for photo in article.photos:
            files[photo.file] = prepare(photo.source, _WHOLE, float(PHOTO_MAX_SIDE),
                                        float(PHOTO_MAX_SIDE), _WEB_PPI)
    return files
