"""`make bench`: xhprint against Typst on the same content, whole process, same run.

    python tools/bench.py [--runs 5] [--skip-cold] [--no-24] [--keep DIR]

Builds issues/2023-40 and generated 8- and 24-page issues (tools/make_big_issue.py)
with `xhprint build`, cold (XHPRINT_CACHE_DIR a fresh empty folder every run) and warm
(one shared cache, primed once); times each whole process (median of --runs), takes
its peak RSS from os.wait4 (that process and its waited children), and the output
sizes. The same stories, boxes, fonts (Noto Serif CJK TC 9/14 pt, Noto Sans CJK TC
Bold headlines), page size, 8-column grid and photos are then typeset by Typst (the
PyPI `typst` package, a bench-only dependency) in a subprocess, and the ratio printed.
The watch figures are one-story edits in a long-running `Watcher`: the time until the
edited page's live preview is written, and until the full rebuild is done.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
NOTO = "/usr/share/fonts/opentype/noto"
XHPRINT = [sys.executable, "-m", "xhprint"]

TYPST_COMPILE = """
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], root="/", font_paths=[sys.argv[3]])
"""


def bytecode_env(env: dict[str, str] | None, work: Path) -> dict[str, str]:
    """`env` with bytecode caching on (under work/pycache), as an installed tool has it.

    A shell with PYTHONDONTWRITEBYTECODE=1 would otherwise make every measured process
    compile xhprint's ~80 modules from source (~0.06 s); Typst's Python runs get the same.
    """
    out = dict(os.environ if env is None else env)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return out


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB, exit status) of one whole process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_maxrss, p.returncode


def median_run(cmd: list[str], runs: int, env_for_run) -> tuple[float, int, list[int]]:
    times, rss, codes = [], 0, []
    for i in range(runs):
        dt, peak, code = run(cmd, env_for_run(i))
        times.append(dt)
        rss = max(rss, peak)
        codes.append(code)
    return statistics.median(times), rss, codes


# ------------------------------------------------------------------ Typst


def typst_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def typst_source(issue_dir: Path) -> str:
    """A .typ file setting the issue's stories in the issue's boxes, like xhprint does."""
    sys.path.insert(0, str(ROOT / "src"))
    from xhprint.manifest.issue import load_issue
    from xhprint.model import StoryItem

    issue = load_issue(issue_dir, ROOT)
    t = issue.template
    pt = 72 / 25.4
    trim_w, trim_h = t.trim_width, t.trim_height  # pt
    ml, mt = t.margins.inside, t.margins.top
    type_w = trim_w - t.margins.inside - t.margins.outside
    col_w = t.grid_size * 11
    gutter = (type_w - t.columns * col_w) / (t.columns - 1)
    lead = t.grid_leading
    del pt
    # how a story's paragraphs are shared among its boxes: by box area, in order
    boxes: dict[str, list[tuple[int, StoryItem]]] = {}
    for page in issue.pages:
        for item in page.items:
            if isinstance(item, StoryItem):
                boxes.setdefault(item.story, []).append((page.number, item))
    parts: dict[tuple[str, int], list[str]] = {}
    for sid, items in boxes.items():
        paras = ["".join(r.text for r in b.runs) for b in issue.stories[sid].blocks]
        areas = [it.box.cols * it.box.rows for _n, it in items]
        total, k, acc = sum(areas), 0, 0
        for (n, _it), area in zip(items, areas, strict=True):
            acc += area
            stop = round(len(paras) * acc / total)
            parts[(sid, n)] = paras[k:stop]
            k = stop
    out = [
        f'#set page(width: {trim_w:.2f}pt, height: {trim_h:.2f}pt, margin: 0pt)',
        '#set text(font: "Noto Serif CJK TC", size: 9pt, lang: "zh", region: "tw",'
        ' top-edge: "ascender", bottom-edge: "descender")',
        f'#set par(justify: true, leading: {lead - 9:.2f}pt, spacing: {lead - 9:.2f}pt,'
        ' first-line-indent: (amount: 18pt, all: true))',
    ]
    for i, page in enumerate(issue.pages):
        if i:
            out.append("#pagebreak()")
        if page.number == 1 and t.masthead is not None:
            out.append(f'#place(top + left, dx: {ml:.2f}pt, dy: {mt:.2f}pt, text(font: "Noto Sans CJK TC",'
                       f' weight: "bold", size: 90pt, fill: rgb("#c8102e"))[#"{t.paper_name}"])')
        for item in page.items:
            if not isinstance(item, StoryItem):
                continue
            story = issue.stories[item.story]
            b = item.box
            x = ml + (b.col - 1) * (col_w + gutter)
            y = mt + (b.row - 1) * lead
            w = b.cols * col_w + (b.cols - 1) * gutter
            h = b.rows * lead
            first = boxes[item.story][0][0] == page.number
            body: list[str] = []
            if first and story.headline:
                body.append(f'#align(center, text(font: "Noto Sans CJK TC", weight: "bold",'
                            f' size: 26pt)[#"{typst_escape(story.headline)}"])')
            if first and story.byline:
                body.append(f'#text(font: "AR PL UKai TW")[#"{typst_escape(story.byline)}"]')
            cols = []
            if first:
                for ph in story.photos:
                    pc = ph.cols or max(1, b.cols // 2)
                    cols.append(f'#image("{ph.file}", width: {pc * col_w + (pc - 1) * gutter:.2f}pt)')
                    if ph.caption:
                        cols.append(f'#text(font: "AR PL UKai TW", size: 8pt)[#"{typst_escape(ph.caption)}"]')
            cols += [f'#par[#"{typst_escape(p)}"]' for p in parts[(item.story, page.number)]]
            body.append(f"#columns({b.cols}, gutter: {gutter:.2f}pt)[" + "\n".join(cols) + "]")
            out.append(f"#place(top + left, dx: {x:.2f}pt, dy: {y:.2f}pt, block(width: {w:.2f}pt,"
                       f" height: {h:.2f}pt, clip: true)[" + "\n".join(body) + "])")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ measurements


def sizes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_size for name in ("print/issue.pdf", "digital/issue.pdf")
            if (out / name).exists()}


def bench_issue(name: str, issue_dir: Path, runs: int, cold: bool, work: Path) -> dict:
    out = work / f"out-{name}"
    base = bytecode_env(None, work)
    row: dict = {"issue": name}
    cmd = XHPRINT + ["build", str(issue_dir), "-o", str(out)]
    if cold:
        def cold_env(i: int) -> dict[str, str]:
            d = work / f"cache-cold-{name}-{i}"
            shutil.rmtree(d, ignore_errors=True)
            return {**base, "XHPRINT_CACHE_DIR": str(d)}

        row["cold_s"], row["cold_rss_kib"], codes = median_run(cmd, runs, cold_env)
        row["cold_status"] = codes
    warm_env = {**base, "XHPRINT_CACHE_DIR": str(work / "cache-warm")}
    run(cmd, warm_env)  # prime
    row["warm_s"], row["warm_rss_kib"], row["warm_status"] = median_run(cmd, runs, lambda i: warm_env)
    # Typst uses every core; `--jobs 2` renders and checks the two editions side by side
    row["warm_j2_s"], row["warm_j2_rss_kib"], _ = median_run(cmd + ["--jobs", "2"], runs,
                                                             lambda i: warm_env)
    row["sizes"] = sizes(out)
    row["photos_bytes"] = sum(p.stat().st_size for p in (issue_dir / "photos").glob("*")) \
        if (issue_dir / "photos").is_dir() else 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    row["pages"] = len(report.get("pages", [])) or None
    row["timings"] = report.get("timings_s")

    typ = work / f"{name}.typ"
    typ.write_text(typst_source(issue_dir), "utf-8")
    tcmd = [sys.executable, "-c", TYPST_COMPILE, str(typ), str(work / f"{name}-typst.pdf"), NOTO]
    run(tcmd, base)  # prime the page cache, like the warm xhprint runs
    row["typst_s"], row["typst_rss_kib"], row["typst_status"] = median_run(tcmd, runs, lambda i: base)
    row["typst_bytes"] = (work / f"{name}-typst.pdf").stat().st_size
    row["ratio_warm_typst"] = row["warm_s"] / row["typst_s"]
    return row


def bench_watch(issue_dir: Path, work: Path, story_id: str, jobs: int = 1, edits: int = 5) -> dict:
    """One long-running Watcher: one-character edits to one story, each rebuilt.

    Every edit changes the text (a 。 becomes ， and back), so no rebuild is a no-op.
    Two times per edit, both from the poll that notices it: `page_s`, until the
    edited page's live preview is written (what the editor waits for), and
    `rebuild_s`, until the whole build (both editions, checks, report) is done.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from xhprint.incremental import Watcher
    from xhprint.session import BuildSettings

    copy = work / f"watch-{issue_dir.name}-j{jobs}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(issue_dir, copy)
    w = Watcher(copy, BuildSettings(cache_dir=work / "cache-warm"), jobs=jobs,
                live_dir=work / f"watch-{issue_dir.name}-j{jobs}.live")
    w.poll()
    story = copy / "stories" / f"{story_id}.md"
    figures = []
    r = None
    for k in range(edits):
        text = story.read_text("utf-8")
        new = text.replace("。", "，", 1) if k % 2 == 0 else text.replace("，", "。", 1)
        assert new != text, "the edit must change the story"
        st = story.stat()
        story.write_text(new, "utf-8")
        os.utime(story, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # coarse mtimes
        t = time.perf_counter()
        r = w.poll()
        assert r is not None and r.page_seconds is not None, "the edit must be seen"
        figures.append((time.perf_counter() - t, r.changed_pages, r.page_seconds))
    return {"issue": issue_dir.name, "jobs": jobs, "story": story_id,
            "page_s": statistics.median(f[2] for f in figures),
            "page_each_s": [round(f[2], 3) for f in figures],
            "rebuild_s": statistics.median(f[0] for f in figures),
            "each_s": [round(f[0], 3) for f in figures],
            "changed_pages": [list(f[1]) for f in figures],
            "timings": r.result.report.timings_s if r else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--no-24", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: temp)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    from make_big_issue import make_issue

    work = args.keep or Path(tempfile.mkdtemp(prefix="xhprint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    issues = [("2023-40", ROOT / "issues" / "2023-40")]
    for n in (8,) if args.no_24 else (8, 24):
        d = work / f"big{n}"
        chars = make_issue(d, n)
        print(f"generated {d}: {n} pages, ~{chars} body characters", flush=True)
        issues.append((f"{n}-page", d))
    rows = []
    for name, d in issues:
        print(f"benchmarking {name} …", flush=True)
        rows.append(bench_issue(name, d, args.runs, not args.skip_cold, work))
    watch = bench_watch(work / "big8", work, "side-3")  # the default: build --watch, --jobs 1
    watch_j2 = bench_watch(work / "big8", work, "side-3", jobs=2)
    watch_40 = bench_watch(ROOT / "issues" / "2023-40", work, "garden")

    print()
    print(f"{'issue':<8} {'cold s':>7} {'warm s':>7} {'-j2 s':>6} {'typst s':>8} {'×typst':>7} "
          f"{'RSS MiB':>8} {'print MB':>9} {'photos MB':>9} {'digital MB':>10}")
    for r in rows:
        print(f"{r['issue']:<8} {r.get('cold_s', float('nan')):7.2f} {r['warm_s']:7.2f} "
              f"{r['warm_j2_s']:6.2f} "
              f"{r['typst_s']:8.2f} {r['ratio_warm_typst']:7.1f} "
              f"{max(r['warm_rss_kib'], r.get('cold_rss_kib', 0)) / 1024:8.0f} "
              f"{r['sizes'].get('print/issue.pdf', 0) / 1e6:9.2f} {r['photos_bytes'] / 1e6:9.2f} "
              f"{r['sizes'].get('digital/issue.pdf', 0) / 1e6:10.2f}")
    for wr in (watch, watch_j2, watch_40):
        print(f"watch ({wr['issue']}, --jobs {wr['jobs']}): one-story edit: page re-rendered in "
              f"{wr['page_s']:.2f} s (median; each {wr['page_each_s']}), full rebuild in "
              f"{wr['rebuild_s']:.2f} s (each {wr['each_s']}); "
              f"changed pages per edit: {wr['changed_pages']}")
    by = {r["issue"]: r for r in rows}
    checks = [
        ("warm 2023-40 ≤ 2× Typst (issue 16)", by["2023-40"]["ratio_warm_typst"] <= 2),
        ("warm 8-page ≤ 2× Typst (issue 16)", by["8-page"]["ratio_warm_typst"] <= 2),
        ("watch: edited page re-rendered ≤ 0.3 s (8-page)", watch["page_s"] <= 0.3),
        ("watch: edited page re-rendered ≤ 0.3 s (2023-40)", watch_40["page_s"] <= 0.3),
        ("peak RSS 8-page ≤ 300 MiB",
         max(by["8-page"]["warm_rss_kib"], by["8-page"].get("cold_rss_kib", 0)) <= 300 * 1024),
        ("print PDF 8-page ≤ 3 MB + photos",
         by["8-page"]["sizes"]["print/issue.pdf"] <= 3e6 + by["8-page"]["photos_bytes"]),
    ]
    if "cold_s" in by["8-page"]:
        checks.append(("cold 8-page ≤ 10 s", by["8-page"]["cold_s"] <= 10))
    if "24-page" in by:
        checks.append(("24-page ≤ 3.3× 8-page (warm)",
                       by["24-page"]["warm_s"] <= 3.3 * by["8-page"]["warm_s"]))
    for label, ok in checks:
        print(f"  {'met ' if ok else 'MISS'}  {label}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "watch": [watch, watch_j2, watch_40]},
                                        indent=1), "utf-8")
    print(f"work folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
