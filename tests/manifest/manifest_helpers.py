from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from xhprint.manifest import read_issue
from xhprint.model.findings import Finding

REPO = Path(__file__).resolve().parents[2]

BASE_ISSUE = """\
layout: broadsheet
lang: zh-Hant
issue:
  number: 40
  total: 1746
  date: 2023-10-02
pages:
  - number: 1
    section: 要聞
    items:
      - story: a
        box: {col: 1, row: 13, cols: 4, rows: 20}
"""

STORY = "---\nheadline: 標題\n---\n正文。\n"


def write_issue(root: Path, issue_yaml: str, files: dict[str, str | bytes] | None = None) -> Path:
    """An issue folder `root/iss` with issue.yaml, story a and any extra files."""
    folder = root / "iss"
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    (folder / "issue.yaml").write_text(textwrap.dedent(issue_yaml), encoding="utf-8")
    all_files: dict[str, str | bytes] = {"stories/a.md": STORY, **(files or {})}
    for rel, content in all_files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


LoadFn = Callable[..., list[Finding]]


@pytest.fixture
def load_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LoadFn:
    """Write an issue under tmp_path and load it as `iss` (relative, as a user would name it)."""
    monkeypatch.chdir(tmp_path)

    def run(issue_yaml: str, files: dict[str, str | bytes] | None = None) -> list[Finding]:
        write_issue(tmp_path, issue_yaml, files)
        issue, findings = read_issue(Path("iss"), REPO)
        errors = [f for f in findings if f.severity == "error"]
        assert (issue is None) == bool(errors)
        return errors

    return run


def only(findings: list[Finding], check: str | None = None) -> Finding:
    """The single finding (of a check), with a readable failure listing all of them."""
    picked = [f for f in findings if check is None or f.check == check]
    assert len(picked) == 1, "\n".join(f.describe() for f in findings)
    return picked[0]
