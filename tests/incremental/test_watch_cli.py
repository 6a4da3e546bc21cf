"""`xhprint build --watch` as an editor runs it: errors printed after each rebuild, a load
error shown with its file:line while the last good outputs stay, and SIGTERM stops it at
once, leaving OUT whole."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from incremental.test_watcher import GOOD, edit

REPO = Path(__file__).resolve().parents[2]


class Lines:
    """A process's stdout read on a thread, so a test can wait for a line with a timeout."""

    def __init__(self, proc: subprocess.Popen[str]):
        self.q: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.thread = threading.Thread(target=self._pump, args=(proc,), daemon=True)
        self.thread.start()

    def _pump(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.q.put(line.rstrip("\n"))

    def until(self, predicate, timeout: float = 60.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.q.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if predicate(line):
                return line
        raise AssertionError("no such line; got:\n" + "\n".join(self.seen))


@pytest.fixture
def watching(tmp_path: Path):
    import shutil

    issue = tmp_path / "issue"
    shutil.copytree(GOOD, issue)
    out = tmp_path / "out"
    env = dict(os.environ, XHPRINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "xhprint", "build", "--watch", str(issue),
                             "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env, cwd=REPO)
    lines = Lines(proc)
    try:
        yield issue, out, proc, lines
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        lines.thread.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def test_watch_prints_errors_and_load_problems_then_stops_on_sigterm(watching) -> None:
    issue, out, proc, lines = watching
    lines.until(lambda s: s.startswith("built in"))
    # The lead's photo no longer fits: the report line alone would only count the error;
    # the error itself is printed.
    edit(issue / "issue.yaml", "box: {col: 1, row: 13, cols: 5, rows: 40}",
         "box: {col: 1, row: 13, cols: 5, rows: 8}")
    lines.until(lambda s: "NOT READY" in s)
    error = lines.until(lambda s: "error[photo-fit]" in s)
    assert "lead" in error and "lead.md:" in error
    # A YAML syntax error: shown with file:line, the last good outputs stay.
    before = (out / "print" / "issue.pdf").read_bytes()
    edit(issue / "stories" / "lead.md", "headline: ", "headline: 上海: ")
    lines.until(lambda s: s.startswith("could not lay out"))
    bad = lines.until(lambda s: "error[manifest]" in s)
    assert "lead.md:" in bad and "in quotes" in bad
    assert (out / "print" / "issue.pdf").read_bytes() == before
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 130  # stopped by the signal, not killed by the timeout
    leftovers = [p.name for p in out.parent.iterdir() if p.name not in ("issue", "out", "cache",
                                                                        "out.live")]
    assert leftovers == []
