"""What a PDF check may know about who placed what: photos and adverts on our own pages.

A finding about an image or a font inside our print PDF is about a photo or an advert
the user placed, not about `FormXob.jpeg2e7f…`. When preflight checks our own output,
the build hands it a `Placed` per photo and advert (preflight/own_output.py), and a
PDF-level finding whose content lies in one names that file and its story or advert,
at the manifest line that placed it. `check_pdf` of any other PDF gets none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xhprint.i18n import Message, msg
from xhprint.model.source import SourceRef

BBox = tuple[float, float, float, float]

#: a share of the content's area that must lie in a placement for it to be named by it
MIN_SHARE = 0.5


@dataclass(frozen=True)
class Placed:
    """A photo or advert on page `page` (1-based, the PDF's page order), at `rect` in PDF space.

    `kind`: "photo" (a story's photo), "image-advert" (an advert supplied as an image) or
    "pdf-advert" (a supplied PDF, merged with its own images, fonts and drawing).
    `file` is the path as the user wrote it; `item` the story id or the advert's path.
    """

    page: int
    rect: BBox
    kind: str
    file: str
    item: str | None = None
    where: SourceRef | None = None

    def label(self, what: Message) -> Message:
        """How a finding names content found here; `what` is e.g. "image Im0", "text in X"."""
        image = getattr(what, "msgid", what) in ("image {name}", "an inline image")
        if self.kind == "photo":
            return (msg("photo {file}", file=self.file) if image
                    else msg("{what} on photo {file}", what=what, file=self.file))
        if self.kind == "image-advert":
            return (msg("advert {file}", file=self.file) if image
                    else msg("{what} on advert {file}", what=what, file=self.file))
        return (msg("an image in advert {file}", file=self.file) if image
                else msg("{what} in advert {file}", what=what, file=self.file))


def _area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _share(bbox: BBox, whole: float, rect: BBox) -> float | None:
    """How much of `bbox` (area `whole`) lies in `rect`: its area, 1 for a point or a
    line that touches it, None when they do not meet."""
    inter = (max(bbox[0], rect[0]), max(bbox[1], rect[1]),
             min(bbox[2], rect[2]), min(bbox[3], rect[3]))  # fmt: skip
    if inter[2] < inter[0] or inter[3] < inter[1]:
        return None
    return _area(inter) if whole > 0 else 1.0  # a point or a line: inside counts


def locate(placed: Sequence[Placed], page: int, bbox: BBox | None) -> Placed | None:
    """The placement that holds most of `bbox` on `page` (at least MIN_SHARE of it)."""
    if bbox is None or not placed:
        return None
    best, best_area = None, 0.0
    whole = _area(bbox)
    for p in placed:
        a = _share(bbox, whole, p.rect) if p.page == page else None
        if a is not None and a > best_area:
            best, best_area = p, a
    if best is None or (whole > 0 and best_area < MIN_SHARE * whole):
        return None
    return best
