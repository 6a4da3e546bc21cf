"""Screenshots of a built site at desktop (1280 px) and phone (390 px) widths.

    .venv/bin/python tools/site_screenshots.py build/2023-40/site OUT_DIR [PAGE.html ...]

Uses the system Chromium (Debian package `chromium`) through Playwright; writes
OUT_DIR/<page>-desktop.png and -phone.png (full page) for index.html, every page-NN.html
and the first article, or for the pages named.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(argv: list[str]) -> int:
    site, out = Path(argv[1]).resolve(), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    names = argv[3:] or (["index.html"] + sorted(p.name for p in site.glob("page-*.html"))
                         + sorted(f"articles/{p.name}" for p in (site / "articles").glob("*.html"))[:2])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h},
                                    device_scale_factor=1)
            for name in names:
                page.goto((site / name).as_uri())
                shot = out / f"{name.replace('/', '_').removesuffix('.html')}-{label}.png"
                page.screenshot(path=str(shot), full_page=True)
                print(shot)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
