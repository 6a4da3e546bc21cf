from __future__ import annotations

from pathlib import Path

import pytest

from support.paths import SEED as SHARED_SEED

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SEED = SHARED_SEED
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(scope="session")
def real_fonts_cache(tmp_path_factory) -> Path:
    if not NOTO.exists():
        pytest.skip("Debian fonts-noto-cjk not installed (make setup)")
    return tmp_path_factory.mktemp("xhprint-cache")
