"""Shared fixtures: the sample issue built once per test session with the real fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "issues" / "2023-40"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    """The suite reads xhprint's messages in English whatever the developer's locale (tests
    that want Chinese say so with --lang or their own LANG)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory):
    """The test session's xhprint cache: fonts are prepared once for every issue built."""
    return tmp_path_factory.mktemp("xhprint-cache")


@pytest.fixture(scope="session")
def sample_build(session_cache):
    """BuildResult of issues/2023-40 (in memory; nothing written to build/)."""
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    from xhprint.build import build_issue
    from xhprint.session import BuildSettings

    return build_issue(SAMPLE, BuildSettings(cache_dir=session_cache), proof=False)
