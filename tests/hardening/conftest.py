"""Fixtures of the hardening tests (helpers live in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardening.helpers import write_issue


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    return write_issue(tmp_path / "iss")
