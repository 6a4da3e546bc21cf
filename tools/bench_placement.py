"""How long automatic placement takes for a page of 4, 8 and 12 stories (real fonts).

    .venv/bin/python tools/bench_placement.py [--runs 3]

Each page is an inner broadsheet page (8 columns, 90 rows) listing stories of district
news from tests/data/placement without boxes. Prints, per page, the best of N runs of
the whole placement (measuring every shape with the flow planner, then the search) and
of the search alone, with the level it ended at, the stories left out and the share of
the free area the story boxes fill. Timings are figures to read, not to assert.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from layout.placement_maker import items, write_issue  # noqa: E402
from xhprint.layout import autoplace, placement  # noqa: E402
from xhprint.layout.grid import Grid  # noqa: E402
from xhprint.layout.typeset import Typesetter  # noqa: E402
from xhprint.manifest.issue import load_issue  # noqa: E402
from xhprint.session import BuildSettings, open_fonts, probe_media  # noqa: E402

PAGES = {
    4: ["elevators", "ai-park", "greenway", "canteen"],
    8: ["greenway", "canteen", "library", "market", "school", "run", "opera", "garbage"],
    12: ["greenway", "canteen", "library", "market", "school", "run", "opera", "garbage",
         "volunteers", "metro", "brief-vaccine", "brief-concert"],
}


def bench(n: int, runs: int, settings: BuildSettings, work: Path) -> str:
    front = next(s for s in ("elevators", "ai-park", "brief-concert") if s not in PAGES[n])
    folder = write_issue(work / f"p{n}", "broadsheet", [items(front), items(*PAGES[n])])
    issue = load_issue(folder, settings.project_root)
    book = open_fonts(issue.lang, settings)
    sizes, _ads = probe_media(issue)
    tpl = issue.template
    ts = Typesetter(book, issue.lang, tpl.kinsoku, tpl.punct_style)
    grids = tuple(Grid.for_page(tpl, p.number) for p in issue.pages)
    whole: list[float] = []
    search: list[float] = []
    place, spied = autoplace._place, autoplace.place_page

    def timed_search(problem: placement.PageProblem) -> placement.PagePlan:
        t = time.perf_counter()
        plan = spied(problem)
        search.append(time.perf_counter() - t)
        return plan

    def timed_page(issue, pi, todo, *rest):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = place(issue, pi, todo, *rest)
        whole.append(time.perf_counter() - t)
        return out

    autoplace.place_page, autoplace._place = timed_search, timed_page  # type: ignore[assignment]
    try:
        timings = []
        for _run in range(runs):
            whole.clear()
            search.clear()
            _issue, _f, done = autoplace.arrange_pages(issue, grids, ts, sizes)
            timings.append((whole[-1], search[-1]))  # the page of n stories is the last
        best = min(timings)
    finally:
        autoplace.place_page, autoplace._place = spied, place  # type: ignore[assignment]
    page = done[-1]
    area = sum(p.box.cols * p.box.rows for p in page.plan.placements)
    return (f"{n:2d} stories: placement {best[0]:.2f} s (search {best[1]:.2f} s), "
            f"level {page.plan.level}, left out {len(page.plan.left_out)}, "
            f"story boxes {area / page.free_cells:.1%} of the free area")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-placement-"))
    try:
        settings = BuildSettings()
        for n in sorted(PAGES):
            print(bench(n, args.runs, settings, work), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
