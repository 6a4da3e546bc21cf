"""A 200,000-character story in one box: overset reported in seconds (issue 6, "Scale").

Time and peak RSS are measured in a fresh process (resource.getrusage of its child)
and printed (pytest -s); the figures are quoted in the issue's closing note. The test
asserts only the overset finding and its line count.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from hardening.helpers import ISSUE_YAML, REPO, write_issue
from support.paths import SEED as SHARED_SEED

SEED = SHARED_SEED
CHARS = 200_000
MEASURE = """\
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": p.returncode, "s": time.perf_counter() - t,
                  "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "stdout": p.stdout, "stderr": p.stderr[-4000:]}))
"""


def _body() -> str:
    text = SEED.read_text("utf-8") if SEED.exists() else (REPO / "issues/2023-40/stories/garden.md").read_text("utf-8")
    paras = [p.strip() for p in text.splitlines() if len(p.strip()) > 20 and not p.startswith(("-", "#"))]
    out, n, i = [], 0, 0
    while n < CHARS:
        out.append(paras[i % len(paras)])
        n += len(out[-1])
        i += 1
    return "\n\n".join(out)[:CHARS]


def test_a_huge_story_is_overset_in_seconds(tmp_path: Path) -> None:
    body = _body()
    text_chars = len(body.replace("\n", ""))  # what the paragraphs hold
    folder = write_issue(tmp_path / "iss", ISSUE_YAML,
                         {"stories/s.md": f"---\nheadline: 長文測試\n---\n{body}\n"})
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "xhprint",
                           "build", str(folder), "-o", str(tmp_path / "out"), "--json"],
                          capture_output=True, text=True, timeout=300, check=True)
    m = json.loads(proc.stdout)
    print(f"\n200,000-character story: {m['s']:.2f} s, peak RSS {m['rss_mb']:.0f} MB")
    assert m["rc"] == 1, m["stderr"]  # laid out and written, not ready for press
    report = json.loads(m["stdout"])
    overset = [f for f in report["findings"] if f["check"] == "overset"]
    assert len(overset) == 1 and overset[0]["severity"] == "error"
    lines, chars = map(int, re.search(r"(\d+) lines \((\d+) characters\)",
                                      overset[0]["message"]).groups())
    # Tabloid columns hold 13 characters of 9 pt; the box (2 × 20 rows) sets a few dozen
    # lines, and every paragraph's last line is short.
    assert text_chars - 2 * 20 * 13 <= chars < text_chars
    assert chars / 13 <= lines <= chars / 13 * 1.25
