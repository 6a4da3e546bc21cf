"""An internal bug is said plainly (exit 3, one line); the traceback only with --debug."""

from __future__ import annotations

import pytest

from xhprint import cli, commands


def _boom(*_args, **_kwargs):
    raise RuntimeError("layout exploded")


def test_internal_error_is_one_line_without_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setattr(commands, "build", _boom)
    assert cli.main(["build", "issues/2023-40"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: layout exploded" in err
    assert "Traceback" not in err and "--debug" in err


@pytest.mark.parametrize("argv", [["--debug", "build", "issues/2023-40"],
                                  ["build", "issues/2023-40", "--debug"]])
def test_debug_shows_the_traceback(monkeypatch, capsys, argv) -> None:
    monkeypatch.setattr(commands, "build", _boom)
    assert cli.main(argv) == 3
    assert "Traceback" in capsys.readouterr().err
