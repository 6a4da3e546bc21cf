"""Time font preparation (CFF→TrueType subsets) for the seed page's characters.

    .venv/bin/python tools/font_timing.py CACHE_DIR    # run twice: cold, then warm
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from xhprint.fonts.book import FontBook
from xhprint.fonts.prepare import prepare_face
from xhprint.manifest.fonts_config import load_font_config
from xhprint.store import Store

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "000_73a1dee357f1bfe3.txt"


def main(folder: Path) -> None:
    cache = Store(folder)  # prepared subsets are its `faces` space
    chars = set(SEED.read_text(encoding="utf-8")) - set("\n ")
    t0 = time.perf_counter()
    book = FontBook.open(load_font_config(REPO / "fonts/fonts.yaml"), "zh-Hant", cache,
                         REPO / "fonts")
    opened = time.perf_counter() - t0
    faces: dict[str, set[str]] = {}
    for role in ("song", "hei-bold", "kai"):
        for ch in chars:
            g = book.glyph(ch, role)
            if g:
                faces.setdefault(g.face, set()).add(ch)
    for key, wanted in sorted(faces.items()):
        t = time.perf_counter()
        prepare_face(book.face(key), wanted, cache)
        print(f"  {key}: {len(wanted)} characters in {time.perf_counter() - t:.2f} s")
    print(f"font book {opened:.2f} s; total {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
