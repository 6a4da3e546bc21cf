"""Edit-to-screen time of `xhprint serve` on the 8-page bench issue, in a real browser.

    python tools/bench_desk.py [--pages 8] [--edits 7] [--story side-3]

Generates the bench issue (tools/make_big_issue.py), starts `xhprint serve` on it (a warm
font cache in the work folder), opens the desk in the system Chromium (Playwright) on
the page that holds the story, then makes one-character edits to the story (one more 。
becomes ， each time, so that no page picture comes from the cache). For each edit it
prints:

  save → screen   from the file written to the new page picture decoded in the browser
                  (what the editor waits for; includes up to one poll interval, 0.1 s)
  noticed → sent  from the server noticing the change to the rebuilt page's state
                  published to the browser (`timings_s.pages_s` of /api/issue)

and the medians. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def api(url: str) -> dict:
    with urllib.request.urlopen(url + "api/issue", timeout=30) as r:
        return json.loads(r.read())


def wait_state(url: str, predicate, timeout: float = 300) -> dict:
    end = time.monotonic() + timeout
    while True:
        state = api(url)
        if predicate(state):
            return state
        if time.monotonic() > end:
            raise SystemExit(f"the desk never settled: {json.dumps(state)[:500]}")
        time.sleep(0.05)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--story", default="side-3")
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: temp)")
    args = ap.parse_args()
    from make_big_issue import make_issue
    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="xhprint-bench-desk-"))
    issue = work / f"big{args.pages}"
    shutil.rmtree(issue, ignore_errors=True)
    make_issue(issue, args.pages)
    env = dict(os.environ, XHPRINT_CACHE_DIR=str(work / "cache"), PYTHONUNBUFFERED="1",
               LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    proc = subprocess.Popen([sys.executable, "-m", "xhprint", "serve", str(issue), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line[line.index("http://"):].split()[0]
        # drain the server's lines so that it never blocks on a full pipe
        import threading

        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        state = wait_state(url, lambda s: s["seq"] >= 1 and s["checked"])
        page_no = next(p["number"] for p in state["pages"]
                       if any(i["id"] == args.story for i in p["items"]))
        story = issue / "stories" / f"{args.story}.md"
        rows = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            tab.goto(url)
            tab.wait_for_function("document.body.dataset.checked === 'true'")
            tab.locator("#thumbs li").nth(page_no - 1).locator("button").click()
            tab.wait_for_function(f"document.getElementById('page-img').dataset.page === "
                                  f"'{page_no}'")
            original = story.read_text("utf-8")
            for k in range(args.edits):
                seq = int(tab.evaluate("document.body.dataset.seq"))
                old = tab.locator("#page-img").get_attribute("src")
                # one more 。 becomes ， each time: a page never seen before, never cached
                new = original.replace("。", "，", k + 1)
                st = story.stat()
                t0 = time.perf_counter()
                story.write_text(new, "utf-8")
                os.utime(story, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
                tab.wait_for_function(
                    f"document.getElementById('page-img').getAttribute('src') !== {old!r}",
                    polling=5, timeout=60_000)
                seen = time.perf_counter() - t0
                after = wait_state(url, lambda s, seq=seq: s["seq"] > seq and s["checked"])
                tab.wait_for_function(f"document.body.dataset.seq === '{after['seq']}' && "
                                      "document.body.dataset.checked === 'true'")
                ts = after["timings_s"]
                rows.append((seen, ts["pages_s"], ts["checked_s"], ts["pages_cpu_s"]))
                print(f"edit {k + 1}: save → screen {seen:.3f} s, noticed → sent "
                      f"{ts['pages_s']:.3f} s (CPU {ts['pages_cpu_s']:.3f} s), "
                      f"checked after {ts['checked_s']:.2f} s", flush=True)
            browser.close()
        med = [statistics.median(r[i] for r in rows) for i in range(4)]
        load = os.getloadavg()[0]
        print(f"\n{args.pages}-page issue, one-character edits to {args.story} (page {page_no}), "
              f"load average {load:.1f} on {os.cpu_count()} CPUs:")
        print(f"  save → screen (browser shows the new page): median {med[0]:.3f} s")
        print(f"  noticed → sent (server, wall):              median {med[1]:.3f} s")
        print(f"  noticed → sent (server, CPU time):          median {med[3]:.3f} s")
        print(f"  full check done:                            median {med[2]:.2f} s")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
