"""docs/desk.png: the desk on issues/2023-40, grid on, the pointer on a cell, a finding picked.

    python tools/desk_screenshot.py [OUT.png]

Starts `xhprint serve` on a free port, takes the screenshot in the system Chromium
(Playwright), stops the server by its PID, and writes a 256-colour PNG (small enough
to commit).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "desk.png"
    env = dict(os.environ, LANG="C.UTF-8", PYTHONUNBUFFERED="1")
    env.pop("LC_ALL", None)
    proc = subprocess.Popen([sys.executable, "-m", "xhprint", "serve", "issues/2023-40",
                             "--port", "0"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line[line.index("http://"):].split()[0]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto(url)
            page.wait_for_function("document.body.dataset.checked === 'true'", timeout=120_000)
            page.locator("#grid-toggle").check()
            page.locator("#findings li", has_text="widow").first.click()
            page.wait_for_timeout(300)
            sheet = page.locator("#sheet").bounding_box()
            page.mouse.move(sheet["x"] + sheet["width"] * 0.42, sheet["y"] + 300)
            page.wait_for_timeout(3200)  # the highlight's pulse is over
            png = page.screenshot()
            browser.close()
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(256, dither=Image.Dither.NONE)
    image.save(out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
