"""Issues whose stories the engine places (docs/placement.md), written on the fly.

The stories are district news written for these tests (tests/data/placement/stories);
the photos are drawn here at the aspect ratio each story's photo has, large enough to
print at the template's resolution limits. Built with the box test font on the shipped
broadsheet and tabloid templates (`placement_settings`).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from layout.jump_readback import DATA

STORIES = DATA / "placement" / "stories"
REPO = DATA.parents[1]
#: photo file → (width, height) in pixels
PHOTOS = {
    "elevator.jpg": (1800, 1200), "riverside.jpg": (1920, 1200), "canteen.jpg": (1800, 1200),
    "market.jpg": (1600, 1200), "volunteers.jpg": (1200, 1500), "lab.jpg": (1884, 1200),
    "track.jpg": (1968, 1200),
}
AD = REPO / "issues" / "2024-12" / "ads" / "public-service.pdf"


def photo_bytes(size: tuple[int, int], seed: int) -> bytes:
    """A JPEG with a few shapes (not flat: the image checks see real content)."""
    w, h = size
    img = Image.new("RGB", (w, h), (90 + seed * 13 % 80, 140, 170 - seed * 7 % 60))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h * 2 // 3, w, h), fill=(70, 110 + seed * 5 % 60, 60))
    for k in range(6):
        x = (k * 311 + seed * 97) % w
        draw.ellipse((x, h // 3, x + w // 8, h // 3 + h // 4), fill=(200, 60 + k * 25, 50))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def write_photos(folder: Path) -> None:
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    for k, (name, size) in enumerate(sorted(PHOTOS.items())):
        (folder / "photos" / name).write_bytes(photo_bytes(size, k))


def write_issue(folder: Path, layout: str, pages: Sequence[str], *,
                stories: dict[str, str] | None = None, header: str = "") -> Path:
    """An issue folder: `pages` are the `items:` YAML of each page (6-space indent).

    Every story of tests/data/placement is copied; `stories` adds or replaces some.
    """
    (folder / "stories").mkdir(parents=True)
    (folder / "ads").mkdir()
    for path in sorted(STORIES.glob("*.md")):
        shutil.copyfile(path, folder / "stories" / path.name)
    for sid, text in (stories or {}).items():
        (folder / "stories" / f"{sid}.md").write_text(text, encoding="utf-8")
    write_photos(folder)
    shutil.copyfile(AD, folder / "ads" / "notice.pdf")
    body = "".join(f"  - number: {n}\n    section: {'要聞' if n == 1 else '綜合'}\n    items:\n"
                   + items for n, items in enumerate(pages, 1))
    (folder / "issue.yaml").write_text(
        header + f"layout: {layout}\nlang: zh-Hant\n"
        "issue: {number: 48, total: 1806, date: 2023-11-28}\npages:\n" + body,
        encoding="utf-8")
    return folder


def items(*stories: str, ad: str = "") -> str:
    """`items:` YAML: stories without boxes, then an advert booked at `ad` (a box)."""
    out = "".join(f"      - story: {s}\n" for s in stories)
    if ad:
        out += f"      - ad: ads/notice.pdf\n        box: {ad}\n"
    return out
