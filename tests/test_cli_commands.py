"""The command table: every command the parser knows has a handler, and the handlers of
`publish` and `suggest` say what happened and give the exit status outputs.md names.

Built with the real fonts, through `xhprint.cli.main` as a user runs it.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from layout.placement_maker import items, write_issue
from xhprint import cli
from xhprint.commands import COMMANDS
from xhprint.desk.cli import DESK_COMMANDS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "issues" / "2023-40"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def test_every_command_of_the_parser_has_one_handler() -> None:
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMANDS) | set(DESK_COMMANDS)
    assert not set(COMMANDS) & set(DESK_COMMANDS)


@pytest.fixture
def real_fonts(monkeypatch, session_cache) -> None:
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    monkeypatch.setenv("XHPRINT_CACHE_DIR", str(session_cache))


def test_publish_refuses_an_issue_with_errors_with_status_1(tmp_path, capsys, real_fonts):
    issue = tmp_path / "overset"
    shutil.copytree(SAMPLE, issue)
    yaml_path = issue / "issue.yaml"
    text = yaml_path.read_text("utf-8")
    short = text.replace("box: {col: 6, row: 13, cols: 3, rows: 33}",
                         "box: {col: 6, row: 13, cols: 3, rows: 12}")
    assert short != text
    yaml_path.write_text(short, "utf-8")
    site = tmp_path / "www"
    assert cli.main(["publish", str(issue), str(site)]) == 1
    out, err = capsys.readouterr()
    assert "error[overset]" in out and out.splitlines()[-1].startswith("NOT READY: 1 error")
    assert f"not published: 1 error — fix it (xhprint preflight {issue})" in err
    assert not site.exists()


def test_suggest_prints_the_boxes_and_writes_them_only_when_asked(tmp_path, capsys, real_fonts):
    issue = write_issue(tmp_path / "issue", "tabloid",
                        [items("ai-park", "garbage", ad="{col: 3, row: 45, cols: 3, rows: 20}")])
    before = (issue / "issue.yaml").read_text("utf-8")
    status = cli.main(["suggest", str(issue)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "story: ai-park" in out and "story: garbage" in out and "box:" in out
    assert "wrote the boxes" not in err
    assert (issue / "issue.yaml").read_text("utf-8") == before

    assert cli.main(["suggest", str(issue), "--write"]) == 0
    out_written, err = capsys.readouterr()
    assert out_written == out
    assert f"wrote the boxes into {issue / 'issue.yaml'}" in err
    assert (issue / "issue.yaml").read_text("utf-8") != before

    assert cli.main(["suggest", str(issue)]) == 0  # every story has its box now
    out, err = capsys.readouterr()
    assert out == "" and "every story has a box: nothing to place" in err
