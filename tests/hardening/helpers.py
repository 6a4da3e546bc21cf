"""Helpers for the hardening tests: tiny issue folders and the CLI in a subprocess.

Hypothesis profiles: `hardening` (the normal suite, a few hundred examples per fuzz
target) and `fuzz` (2,000 examples, `make fuzz`); both derandomized and without
deadlines so that a slow CI machine gives the same verdict.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[2]
FUZZ_EXAMPLES = int(os.environ.get("XHPRINT_FUZZ_EXAMPLES", "300"))

settings.register_profile(
    "hardening", max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)

ISSUE_YAML = """\
layout: tabloid
lang: zh-Hant
issue: {number: 7, total: 1700, date: 2024-01-02}
pages:
  - number: 1
    section: 要聞
    items:
      - story: s
        box: {col: 1, row: 10, cols: 2, rows: 20}
"""

STORY = """\
---
headline: 徐匯區舉行會議
byline: 本報記者
---
徐匯區今天舉行會議，研究部署下一階段的工作。這是一段測試文字，用來檢查排版。

會議要求，各部門要認真落實，確保各項任務按時完成。
"""


def write_issue(folder: Path, issue_yaml: str = ISSUE_YAML,
                files: dict[str, str | bytes] | None = None) -> Path:
    """An issue folder with issue.yaml, stories/s.md and any extra files (str → UTF-8)."""
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    (folder / "issue.yaml").write_text(textwrap.dedent(issue_yaml), encoding="utf-8")
    for rel, content in {"stories/s.md": STORY, **(files or {})}.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return folder


def cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 120, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """`xhprint ARGS` in a fresh interpreter, as a user would run it."""
    full_env = {**os.environ, **(env or {})}
    cmd = [*prefix, sys.executable, "-m", "xhprint", *map(str, args)]
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def assert_clean_failure(proc: subprocess.CompletedProcess[str], status: int = 2) -> None:
    """Exit status as given, no Python traceback, something said on stderr."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode == status, (proc.returncode, proc.stderr)
