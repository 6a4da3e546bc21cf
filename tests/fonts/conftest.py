from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SEED = Path("/work/shared/seed/000_73a1dee357f1bfe3.txt")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.fixture(scope="session")
def real_fonts_cache(tmp_path_factory) -> Path:
    if not NOTO.exists():
        pytest.skip("Debian fonts-noto-cjk not installed (make setup)")
    return tmp_path_factory.mktemp("xhprint-cache")
