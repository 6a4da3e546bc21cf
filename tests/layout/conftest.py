"""Build the continuation fixtures (tests/data/jumps/) with the box test font.

A throwaway project root holds fonts/fonts.yaml (= tests/data/fonts-box.yaml), the box
font and layouts/ (the `mini` template), so `build_issue` runs unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from layout.jump_readback import DATA, JUMPS
from xhprint.build import BuildResult, build_issue
from xhprint.fonts.book import FontBook
from xhprint.session import BuildSettings, open_fonts


@pytest.fixture(scope="session")
def box_settings(tmp_path_factory: pytest.TempPathFactory) -> BuildSettings:
    root = tmp_path_factory.mktemp("project")
    (root / "fonts").mkdir()
    (root / "fonts" / "fonts.yaml").write_bytes((DATA / "fonts-box.yaml").read_bytes())
    (root / "fonts" / "boxfont.ttf").symlink_to(DATA / "boxfont.ttf")
    (root / "layouts").symlink_to(JUMPS / "layouts")
    return BuildSettings(project_root=root, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def box_book(box_settings: BuildSettings) -> FontBook:
    return open_fonts("zh-Hant", box_settings)


@pytest.fixture(scope="session")
def built(box_settings: BuildSettings) -> Callable[..., BuildResult]:
    """build(name, **options) → the BuildResult of tests/data/jumps/<name>, built once."""
    done: dict[tuple, BuildResult] = {}

    def build(name: str, **options: bool) -> BuildResult:
        key = (name, tuple(sorted(options.items())))
        if key not in done:
            done[key] = build_issue(JUMPS / name, box_settings, **options)
        return done[key]

    return build


@pytest.fixture(scope="session")
def placement_settings(tmp_path_factory: pytest.TempPathFactory,
                       box_settings: BuildSettings) -> BuildSettings:
    """The box test font with the project's own templates (broadsheet, tabloid)."""
    root = tmp_path_factory.mktemp("placement-project")
    (root / "fonts").symlink_to(box_settings.project_root / "fonts")
    (root / "layouts").symlink_to(DATA.parents[1] / "layouts")
    return BuildSettings(project_root=root, cache_dir=box_settings.cache_dir)
