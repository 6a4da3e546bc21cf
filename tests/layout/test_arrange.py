"""The placement engine is loaded only for an issue that needs it (layout/arrange.py), and
an issue that does not gets exactly what the engine would have given it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from xhprint.build import lay_out_build
from xhprint.layout import autoplace
from xhprint.layout.arrange import arrange_pages, needs_engine
from xhprint.layout.grid import Grid
from xhprint.layout.typeset import Typesetter
from xhprint.model import StoryItem
from xhprint.session import BuildSettings, open_fonts, probe_media

DATA = Path(__file__).resolve().parents[1] / "data"


def settings(tmp_path: Path) -> BuildSettings:
    return BuildSettings(cache_dir=tmp_path / "cache", fonts_config=DATA / "fonts-box.yaml",
                         fonts_dir=DATA)


def test_boxed_issue_is_arranged_as_the_engine_would(tmp_path):
    issue_dir = tmp_path / "issue"
    shutil.copytree(DATA / "manifest" / "good", issue_dir)
    issue = lay_out_build(issue_dir, settings(tmp_path)).issue
    assert not needs_engine(issue)
    tpl = issue.template
    ts = Typesetter(open_fonts(issue.lang, settings(tmp_path)), issue.lang, tpl.kinsoku,
                    tpl.punct_style)
    grids = tuple(Grid.for_page(tpl, p.number) for p in issue.pages)
    sizes, _ads = probe_media(issue)
    assert arrange_pages(issue, grids, ts, sizes) == autoplace.arrange_pages(
        issue, grids, ts, sizes)
    first = issue.pages[0]
    for change in ({"auto_rows": True}, {"box": None}):
        items = tuple(replace(it, **change) if isinstance(it, StoryItem) else it
                      for it in first.items)
        assert needs_engine(replace(issue, pages=(replace(first, items=items),
                                                  *issue.pages[1:])))


def test_a_boxed_issue_never_loads_the_engine(tmp_path):
    issue_dir = tmp_path / "issue"
    shutil.copytree(DATA / "manifest" / "good", issue_dir)
    code = ("import sys; from pathlib import Path; from xhprint.build import build_issue;"
            "from xhprint.session import BuildSettings; d = Path(sys.argv[2]);"
            "build_issue(Path(sys.argv[1]), BuildSettings(cache_dir=Path(sys.argv[3]),"
            " fonts_config=d / 'fonts-box.yaml', fonts_dir=d));"
            "print(' '.join(m for m in sys.modules if m.startswith('xhprint.layout')))")
    out = subprocess.run([sys.executable, "-c", code, str(issue_dir), str(DATA),
                          str(tmp_path / "c")], capture_output=True, text=True, check=True)
    loaded = out.stdout.split()
    assert "xhprint.layout.issue" in loaded
    assert "xhprint.layout.placement" not in loaded and "xhprint.layout.autoplace" not in loaded
