"""Small issues written on the fly for layout tests: the `mini` template (3 columns, 39
rows), stories and real JPEGs, built with the box test font (layout/conftest.py)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from layout.jump_readback import JUMPS

#: a realistic district news paragraph (numbers, a phone number, quotes)
PARA = ("徐匯區今年新建口袋公園12座，居民步行15分鐘即可到達一處綠地。區綠化市容局介紹，"
        "新公園均設有無障礙通道和“共享書屋”，開放時間為早上6點至晚上10點，"
        "諮詢電話64872222。")


def write_issue(folder: Path, items: str, stories: dict[str, str],
                photos: dict[str, tuple[int, int]] | None = None, pages: str = "") -> Path:
    """An issue folder: page 1 holds `items` (YAML, 6-space indent); `pages` adds pages."""
    (folder / "stories").mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "layouts").mkdir()
    (folder / "layouts" / "mini.yaml").write_bytes((JUMPS / "layouts" / "mini.yaml").read_bytes())
    for name, (w, h) in (photos or {}).items():
        img = Image.new("RGB", (w, h), (40, 120, 60))
        img.paste((200, 180, 40), (w // 4, h // 4, w * 3 // 4, h * 3 // 4))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        (folder / "photos" / name).write_bytes(buf.getvalue())
    for sid, text in stories.items():
        (folder / "stories" / f"{sid}.md").write_text(text, encoding="utf-8")
    (folder / "issue.yaml").write_text(
        "layout: layouts/mini.yaml\nlang: zh-Hant\nissue: {number: 1, total: 1, date: 2024-01-05}\n"
        "pages:\n  - number: 1\n    section: 要聞\n    items:\n" + items + pages, encoding="utf-8")
    return folder


def story(headline: str, paragraphs: int, *, photo: str = "", subhead: bool = False,
          photo_keys: str = "") -> str:
    """A story file: headline, optional photo, `paragraphs` paragraphs (a subhead between)."""
    front = f"---\nheadline: {headline}\n"
    if photo:
        front += f"photos:\n  - file: photos/{photo}\n    caption: 新開放的口袋公園。\n{photo_keys}"
    body = []
    for k in range(paragraphs):
        if subhead and k == paragraphs // 2:
            body.append("## 共享書屋")
        body.append(PARA[k % 7:] + PARA[: k % 7])
    return front + "---\n" + "\n\n".join(body) + "\n"
