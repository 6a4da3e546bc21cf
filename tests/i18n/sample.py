"""The issue the language tests build: layout-basic with an overset story, and on request
a typo key and a missing photo (issue 13's "Done when")."""

from __future__ import annotations

import shutil
from pathlib import Path

BASIC = Path(__file__).resolve().parents[1] / "data" / "layout-basic"


def make_issue(folder: Path, *, broken: bool) -> Path:
    """layout-basic with an overset story; `broken` adds a typo key and a missing photo."""
    shutil.copytree(BASIC, folder)
    yaml = (folder / "issue.yaml").read_text("utf-8")
    yaml = yaml.replace("{col: 5, row: 13, cols: 4, rows: 30}", "{col: 5, row: 13, cols: 4, rows: 5}")
    # the broadsheet's QR labels keep a simplified 发 of the real page: not this test's subject
    yaml = yaml.replace("pages:", "layout_overrides:\n  masthead: {qr: []}\npages:")
    if broken:
        yaml = yaml.replace("    section: 要聞", "    sectoin: 要聞")
        lead = folder / "stories" / "lead.md"
        lead.write_text(lead.read_text("utf-8").replace("photos/wide.jpg", "photos/wid.jpg"),
                        "utf-8")
    (folder / "issue.yaml").write_text(yaml, "utf-8")
    side = "這是另一篇稿件的正文，放在右邊的四欄裡面。" * 40
    (folder / "stories" / "side.md").write_text(f"---\nheadline: 短標題\n---\n{side}\n", "utf-8")
    return folder
