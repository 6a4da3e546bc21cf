"""Fixtures of the preflight tests; helpers live in crafted_pdfs.py and issue_fixtures.py
(own module names, so `pytest tests` does not confuse them with another folder's conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from crafted_pdfs import build_pdf


@pytest.fixture
def good_pdf(tmp_path: Path) -> Path:
    return build_pdf(tmp_path / "good.pdf")
