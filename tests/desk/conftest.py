"""A throwaway project root with the box test font and the `mini` template (as the layout
tests have it), so issues written by layout/issue_maker.py build fast."""

from __future__ import annotations

import pytest

from layout.jump_readback import DATA, JUMPS
from xhprint.build import BuildSettings


@pytest.fixture(scope="session")
def box_project(tmp_path_factory: pytest.TempPathFactory) -> BuildSettings:
    root = tmp_path_factory.mktemp("desk-project")
    (root / "fonts").mkdir()
    (root / "fonts" / "fonts.yaml").write_bytes((DATA / "fonts-box.yaml").read_bytes())
    (root / "fonts" / "boxfont.ttf").symlink_to(DATA / "boxfont.ttf")
    (root / "layouts").symlink_to(JUMPS / "layouts")
    return BuildSettings(project_root=root, cache_dir=tmp_path_factory.mktemp("desk-cache"))
