"""A warm build of an unchanged issue: the same outputs as the cold build, and pypdf never
imported (issue 16: importing it alone costs ~56 ms; every PDF it would read is kept)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "issues" / "2023-40"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")

BUILD = ("import sys; from xhprint.cli import main; status = main(sys.argv[1:]); "
         "print('pypdf loaded:', 'pypdf' in sys.modules); sys.exit(status)")


def build(out: Path, cache: Path) -> bool:
    """Build the sample issue into `out` in a new process; was pypdf imported?"""
    env = {**os.environ, "XHPRINT_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", BUILD, "build", str(SAMPLE), "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return "pypdf loaded: True" in done.stdout


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_warm_build_imports_no_pypdf_and_writes_the_cold_outputs(tmp_path: Path) -> None:
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    assert build(tmp_path / "cold", tmp_path / "cache")  # a cold build reads its PDFs
    assert not build(tmp_path / "warm", tmp_path / "cache")
    cold, warm = files(tmp_path / "cold"), files(tmp_path / "warm")
    assert sorted(cold) == sorted(warm) and len(cold) > 10
    reports = [json.loads(d.pop("report.json")) for d in (cold, warm)]
    for report in reports:
        del report["timings_s"]
    assert reports[0] == reports[1] and reports[0]["findings"]
    assert cold == warm
