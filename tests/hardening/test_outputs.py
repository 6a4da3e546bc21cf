"""Atomic and repeatable outputs (issue 6, "Atomic outputs" and "Repeatable").

report.json carries `timings_s`, which differ from run to run: the byte comparison
takes report.json with that one key removed; every other output is compared as bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening.helpers import ISSUE_YAML, assert_clean_failure, cli, write_issue

TWO_PAGES = ISSUE_YAML + """\
  - number: 2
    section: 綜合
    items:
      - story: t
        box: {col: 1, row: 4, cols: 2, rows: 10}
"""
T_STORY = "---\nheadline: 第二版\n---\n第二版的文字。\n"


def outputs(out: Path) -> dict[str, bytes]:
    """Every file under OUT, report.json without its timings."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report = json.loads(files["report.json"])
    report.pop("timings_s", None)
    files["report.json"] = json.dumps(report, sort_keys=True).encode()
    return files


def _faketime() -> tuple[str, ...]:
    """`faketime` (Debian package faketime) when installed; else a shifted clock in Python."""
    exe = shutil.which("faketime")
    return (exe, "2031-05-06 07:08:09") if exe else ()


SHIFTED_CLOCK = """\
import datetime as dt, runpy, sys, time
shift = 8 * 365 * 86400.0
real_time = time.time
time.time = lambda: real_time() + shift
class _DT(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return dt.datetime.fromtimestamp(time.time(), tz)
dt.datetime = _DT
sys.argv = ["xhprint", *sys.argv[1:]]
runpy.run_module("xhprint", run_name="__main__")
"""


def test_same_input_same_bytes_across_processes_directories_and_days(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "iss", TWO_PAGES, {"stories/t.md": T_STORY}).resolve()
    other = tmp_path / "elsewhere"
    other.mkdir()
    env = dict(os.environ)
    runs = {
        "a": ((), tmp_path, {"PYTHONHASHSEED": "0"}),
        "b": ((), other, {"PYTHONHASHSEED": "12345"}),  # another seed, another cwd
        "c": (_faketime(), other, {"PYTHONHASHSEED": "random"}),  # another day
    }
    procs = {}
    for name, (prefix, cwd, extra) in runs.items():
        cmd = [*prefix, sys.executable, "-m", "xhprint", "build", str(folder), "-o",
               str(tmp_path / f"out-{name}")]
        if name == "c" and not prefix:
            cmd = [sys.executable, "-c", SHIFTED_CLOCK, "build", str(folder), "-o",
                   str(tmp_path / f"out-{name}")]
        procs[name] = subprocess.Popen(cmd, cwd=cwd, env={**env, **extra}, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for name, proc in procs.items():
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode in (0, 1), (name, err)
    a, b, c = (outputs(tmp_path / f"out-{n}") for n in "abc")
    assert {"print/issue.pdf", "print/page-01.pdf", "print/page-02.pdf", "digital/issue.pdf",
            "digital/articles.json", "report.json"} <= set(a)
    assert a == b
    assert a == c


def test_a_failed_build_leaves_the_previous_outputs_untouched(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "iss")
    out = tmp_path / "out"
    assert cli("build", folder, "-o", out).returncode in (0, 1)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    stats = {p: p.stat().st_mtime_ns for p in before}
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("cols: 2", "cols: two"), "utf-8")
    assert_clean_failure(cli("build", folder, "-o", out))
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert {p: p.stat().st_mtime_ns for p in after} == stats


def test_fewer_pages_leave_no_stale_page_files(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "iss", TWO_PAGES, {"stories/t.md": T_STORY})
    out = tmp_path / "out"
    assert cli("build", folder, "-o", out).returncode in (0, 1)
    assert (out / "print/page-02.pdf").is_file()
    (folder / "issue.yaml").write_text(ISSUE_YAML, "utf-8")
    assert cli("build", folder, "-o", out).returncode in (0, 1)
    assert sorted(p.name for p in (out / "print").iterdir()) == ["issue.pdf", "page-01.pdf"]


def _complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


@pytest.mark.parametrize("when", ["render", "write"])
def test_a_killed_build_never_leaves_a_half_written_pdf(tmp_path: Path, when: str) -> None:
    folder = write_issue(tmp_path / "iss")
    out = tmp_path / "out"
    assert cli("build", folder, "-o", out).returncode in (0, 1)
    previous = outputs(out)
    # Change the issue so that the killed build would have written different bytes.
    (folder / "stories/s.md").write_text(
        (folder / "stories/s.md").read_text("utf-8") + "\n新增一段。\n", "utf-8")
    # An empty font cache: the build prepares its fonts while it renders, so the first
    # prepared font appearing in the cache says the pages are being rendered — an event
    # to wait for, not a guess at how long a build takes on this machine.
    cache = tmp_path / "fresh-cache"
    env = dict(os.environ, XHPRINT_CACHE_DIR=str(cache))
    proc = subprocess.Popen([sys.executable, "-m", "xhprint", "build", str(folder), "-o",
                             str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env)
    deadline = time.monotonic() + 120
    if when == "render":
        while not list(cache.glob("faces/v*/*/*")) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.0005)
    else:  # the moment the new folder beside OUT appears, files are being written into it
        while not list(tmp_path.glob(".out.new-*")) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.0005)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if out.exists():
        now = outputs(out)
        assert now == previous or all(_complete_pdf(d) for n, d in now.items()
                                      if n.endswith(".pdf"))
        assert now == previous or set(now) == set(previous)
    else:  # killed between the two renames: the previous OUT is intact beside it
        olds = list(tmp_path.glob(".out.old-*"))
        assert len(olds) == 1 and outputs(olds[0]) == previous
    for pdf in out.rglob("*.pdf") if out.exists() else ():
        assert _complete_pdf(pdf.read_bytes()), pdf
