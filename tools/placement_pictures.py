"""Draw docs/placement.md's pictures: pages before and after automatic placement.

    .venv/bin/python tools/placement_pictures.py [OUT_DIR]   # default docs/img

For a broadsheet front page and a tabloid page: *before* is the page as the editor
booked it — masthead or header and the advert, the rest of the grid empty, the stories
only listed in issue.yaml; *after* is the page the engine laid out (print rendering) and
(for the broadsheet) its grid proof, where the boxes the engine chose are green. The stories are the
district news of tests/data/placement; photos and adverts are the generated ones of
issues/2023-40 and issues/2024-12 (CC0). Real fonts; small palette PNGs.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

from xhprint.build import BuildSettings, build_issue

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO / "tests" / "data" / "placement" / "stories"
PHOTOS = {  # the stories' photo names → generated photos of the sample issues
    "elevator.jpg": "2023-40/photos/hall.jpg", "riverside.jpg": "2024-12/photos/riverside.jpg",
    "canteen.jpg": "2024-12/photos/canteen.jpg", "market.jpg": "2024-12/photos/service-centre.jpg",
    "volunteers.jpg": "2024-12/photos/blossoms.jpg", "lab.jpg": "2024-12/photos/lab.jpg",
    "track.jpg": "2024-12/photos/track.jpg",
}
PAGES = {
    "broadsheet": (["elevators", "greenway", "canteen", "market", "library", "brief-vaccine"],
                   "2024-12/ads/exhibition.pdf", "{col: 6, row: 74, cols: 3, rows: 20}"),
    "tabloid": (["ai-park", "garbage", "brief-vaccine", "opera"],
                "2024-12/ads/public-service.pdf", "{col: 1, row: 51, cols: 5, rows: 14}"),
}
WIDTH = 480  # px: a page picture beside another in the docs


def issue_folder(root: Path, layout: str, with_stories: bool) -> Path:
    folder = root / f"{layout}-{'after' if with_stories else 'before'}"
    (folder / "stories").mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "ads").mkdir()
    for path in STORIES.glob("*.md"):
        text = path.read_text("utf-8").replace("byline: 記者", "byline: □ 記者")
        (folder / "stories" / path.name).write_text(text, "utf-8")
    for name, src in PHOTOS.items():
        shutil.copyfile(REPO / "issues" / src, folder / "photos" / name)
    stories, ad, box = PAGES[layout]
    shutil.copyfile(REPO / "issues" / ad, folder / "ads" / Path(ad).name)
    items = "".join(f"      - story: {s}\n" for s in stories) if with_stories else ""
    items += f"      - ad: ads/{Path(ad).name}\n        box: {box}\n"
    (folder / "issue.yaml").write_text(
        f"layout: {layout}\nlang: zh-Hant\nissue: {{number: 48, total: 1806, date: 2023-11-28}}\n"
        "pages:\n  - number: 1\n    section: 要聞\n    items:\n" + items, "utf-8")
    return folder


def small(png: bytes) -> bytes:
    """The page WIDTH px wide, in a 48-colour palette (a few dozen kB)."""
    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGB")
        im = im.resize((WIDTH, round(im.height * WIDTH / im.width)), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        im.quantize(48, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
        return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else REPO / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    settings = BuildSettings()
    with tempfile.TemporaryDirectory() as tmp:
        for layout in PAGES:
            before = build_issue(issue_folder(Path(tmp), layout, False), settings,
                                 proof=True, grid=True)
            (out / f"placement-{layout}-before.png").write_bytes(
                small(before.files["proof/page-01.png"]))
            folder = issue_folder(Path(tmp), layout, True)
            if layout == "broadsheet":  # one grid proof: the engine's boxes in green
                grid = build_issue(folder, settings, proof=True, grid=True)
                (out / f"placement-{layout}-grid.png").write_bytes(
                    small(grid.files["proof/page-01.png"]))
            page = build_issue(folder, settings, proof=True)
            (out / f"placement-{layout}-after.png").write_bytes(small(page.files["proof/page-01.png"]))
            for f in page.report.findings:
                if f.check in ("overset", "underset", "placement"):
                    print(f.describe(), file=sys.stderr)
            print(f"{layout}: {page.report.table().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
