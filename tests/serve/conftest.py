"""`xhprint serve` run as an editor runs it: a process of its own on a free port, stopped
by its PID (SIGTERM) when the test is done."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from incremental.test_watch_cli import Lines
from incremental.test_watcher import GOOD

REPO = Path(__file__).resolve().parents[2]
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def english_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return env | {"LANG": "C.UTF-8", "XHPRINT_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"}


def xhprint(*args: str, cache: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "xhprint", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=english_env(cache), cwd=REPO)


@dataclass
class Served:
    """A running `xhprint serve`: its URL, process and stdout lines."""

    url: str
    proc: subprocess.Popen[str]
    lines: Lines
    issue: Path

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
        req = urllib.request.Request(self.url + path.lstrip("/"), headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers

    def api(self) -> dict[str, Any]:
        status, body, _ = self.get("/api/issue")
        assert status == 200
        return json.loads(body)

    def wait(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict:
        """The state once `predicate` holds (polled; raises with the last state)."""
        end = time.monotonic() + timeout
        state = self.api()
        while not predicate(state):
            if time.monotonic() > end:
                raise AssertionError(f"state never matched: {json.dumps(state)[:2000]}")
            assert self.proc.poll() is None, "the server died:\n" + "\n".join(self.lines.seen)
            time.sleep(0.05)
            state = self.api()
        return state

    def settled(self, after: int = 0) -> dict[str, Any]:
        """The state of a rebuild after seq `after`, checked."""
        return self.wait(lambda s: s["seq"] > after and s["checked"])


def start(issue: Path, cache: Path, *extra: str) -> Served:
    proc = subprocess.Popen([sys.executable, "-m", "xhprint", "serve", str(issue), "--port", "0",
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=english_env(cache), cwd=REPO)
    lines = Lines(proc)
    line = lines.until(lambda s: "http://" in s)
    url = line[line.index("http://"):].split()[0]
    return Served(url, proc, lines, issue)


def stop(served: Served) -> int:
    """SIGTERM to the server's own PID; its exit status."""
    if served.proc.poll() is None:
        os.kill(served.proc.pid, signal.SIGTERM)
    try:
        return served.proc.wait(timeout=30)
    finally:
        if served.proc.poll() is None:
            os.kill(served.proc.pid, signal.SIGKILL)
            served.proc.wait()
        served.lines.thread.join(timeout=10)
        while not served.lines.q.empty():
            served.lines.seen.append(served.lines.q.get())
        assert served.proc.stdout is not None
        served.proc.stdout.close()


@pytest.fixture(scope="package")
def served(tmp_path_factory, session_cache) -> Iterator[Served]:
    """The test issue (tests/data/manifest/good: 2 pages) on the desk, first build done."""
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    issue = tmp_path_factory.mktemp("desk") / "issue"
    shutil.copytree(GOOD, issue)
    s = start(issue, session_cache)
    try:
        s.settled()
        yield s
    finally:
        status = stop(s)
        assert status == 0, "\n".join(s.lines.seen)
        assert s.lines.seen[-1].endswith("stopped"), s.lines.seen
