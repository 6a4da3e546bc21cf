"""Shared fixtures: the sample issue built once per test session with the real fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "issues" / "2023-40"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """BuildResult of issues/2023-40 (in memory; nothing written to build/)."""
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    from xhprint.build import BuildSettings, build_issue

    cache = tmp_path_factory.mktemp("xhprint-cache")
    return build_issue(SAMPLE, BuildSettings(cache_dir=cache), proof=False)
