"""Fast rebuilds for a long-running process (`xhprint build --watch`).

A `BuildSession` is what survives from one build of an issue to the next: the font
book (its face metrics and the composed-paragraph memo, text/compose.py), the
prepared photos (images/cache.py, memory and disk) and the previous build's laid-out
pages. `Watcher.rebuild()` runs the ordinary pipeline (build.build_issue) with the
session, so the outputs are byte-identical to a cold build, and reports which pages
changed: a page whose laid-out content (`LaidOutPage`, a frozen value) equals the
previous build's was not touched by the edit. Jumps are covered by that comparison:
an edit that moves a continuation changes the page that holds the continued part,
and the `上接/下轉` lines on both pages.

Those changed pages are rendered first, right after layout, each as a one-page print
PDF written to a live folder beside OUT (`live_path`); then both editions are rendered,
checked and written as in any build. The live folder is not inside OUT because OUT is
replaced as a whole by every build (render/output.py) and holds exactly the files the
report lists.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.atomicfile import write_atomic
from xhprint.session import BuildSession, BuildSettings, file_stat

if TYPE_CHECKING:
    from xhprint.build import BuildResult, LaidOutBuild
    from xhprint.model.frame import LaidOutPage


@dataclass(frozen=True)
class Rebuild:
    """One rebuild: its result, the pages whose content changed, and the wall times.

    `page_seconds` is what the editor waits for: from noticing the edit to the changed
    pages' live previews written (None when none was rendered, e.g. the first build);
    `seconds` runs on to the full build done (and written, with a `write` callback).
    """

    result: BuildResult
    changed_pages: tuple[int, ...]
    seconds: float
    page_seconds: float | None = None
    live_files: tuple[Path, ...] = ()


def changed_pages(before: tuple[LaidOutPage, ...] | None,
                  after: tuple[LaidOutPage, ...]) -> tuple[int, ...]:
    """Numbers of the pages of `after` that differ from `before` (all when none before)."""
    if before is None:
        return tuple(p.number for p in after)
    old = {p.number: p for p in before}
    return tuple(p.number for p in after if old.get(p.number) != p)


def live_path(live_dir: Path, number: int) -> Path:
    """Where the live preview of page `number` goes: LIVE/page-NN.pdf."""
    return live_dir / f"page-{number:02d}.pdf"


def write_live(path: Path, data: bytes) -> None:
    """Replace `path` atomically (rename in the same folder, POSIX rename(2)): a PDF
    viewer reloading it never reads half a file."""
    write_atomic(path, data)


def render_live_pages(staged: LaidOutBuild, numbers: tuple[int, ...],
                      live_dir: Path | None) -> tuple[Path, ...]:
    """Each changed page as a one-page print PDF (render_print_page), written to `live_dir`.

    Without a `live_dir` the pages are rendered but not written (nothing to show them).
    The preview's slug line counts the layout's errors only: the source and PDF checks
    run after it, and the full build's print/page-NN.pdf counts them all.
    """
    from xhprint.render.print_pdf import render_print_page

    pages = staged.layout.pages
    written: list[Path] = []
    for page in pages:
        if page.number not in numbers:
            continue
        data = render_print_page(page, pages, staged.issue.template, staged.resources,
                                 staged.slug)
        if live_dir is not None:
            path = live_path(live_dir, page.number)
            write_live(path, data)
            written.append(path)
    return tuple(written)


class Watcher:
    """Rebuilds an issue folder when its files change, with a `BuildSession`."""

    def __init__(self, issue_dir: Path, settings: BuildSettings | None = None,
                 write: Callable[[BuildResult], object] | None = None, jobs: int = 1,
                 live_dir: Path | None = None,
                 on_layout: Callable[[LaidOutBuild, tuple[int, ...]], None] | None = None):
        self.issue_dir = issue_dir
        self.settings = settings or BuildSettings()
        self.session = BuildSession.fresh(self.settings)
        self.write = write
        self.jobs = jobs  # print and digital editions in parallel (build --jobs)
        self.live_dir = live_dir  # where the changed pages' previews go (live_path)
        # called after layout with the changed page numbers (all on the first build), before
        # the editions are rendered and checked: `xhprint serve` shows the pages from here
        self.on_layout = on_layout
        self._seen: dict[Path, tuple[int, int]] = {}
        self._pages: tuple[LaidOutPage, ...] | None = None

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """(mtime_ns, size) of every file of the issue and of the project's templates, and
        of fonts.yaml and the files beside it (the project's own fonts)."""
        roots = [self.issue_dir, self.settings.project_root / "layouts"]
        out: dict[Path, tuple[int, int]] = {}
        for root in roots:
            if root.is_dir():
                for p in root.rglob("*"):
                    if p.is_file() and not p.name.startswith("."):
                        out[p] = file_stat(p)  # (-1, -1) if an editor's temp file went meanwhile
        fonts = self.settings.project_fonts
        for p in [self.settings.fonts_yaml, *(fonts.iterdir() if fonts.is_dir() else ())]:
            if p.is_file() and not p.name.startswith("."):
                out[p] = file_stat(p)
        return out

    def changed(self) -> bool:
        now = self.snapshot()
        if now == self._seen:
            return False
        self._seen = now
        return True

    def rebuild(self, started: float | None = None) -> Rebuild:
        """Build now (InputError propagates; the previous pages are kept for comparison).

        After layout, the pages that differ from the previous build are rendered first,
        each as a one-page print PDF in `live_dir`, so the editor sees the edit before
        both editions are rendered and checked. Not on the first build (nothing was
        edited) nor when every page changed (a template edit): the full build then
        follows at once and the previews would only delay it. `started` is when the
        change was noticed (poll), else now.
        """
        from xhprint.build import finish_build, lay_out_build

        t = time.perf_counter() if started is None else started
        staged = lay_out_build(self.issue_dir, self.settings, session=self.session)
        pages = tuple(staged.layout.pages)
        changed = changed_pages(self._pages, pages)
        page_seconds: float | None = None
        live: tuple[Path, ...] = ()
        if self.on_layout is not None:
            self.on_layout(staged, changed)
        if self._pages is not None and changed and len(changed) < len(pages):
            live = render_live_pages(staged, changed, self.live_dir)
            page_seconds = time.perf_counter() - t
        result = finish_build(staged, jobs=self.jobs)
        if self.write is not None:
            self.write(result)
        self._pages = pages
        return Rebuild(result, changed, time.perf_counter() - t, page_seconds, live)

    def poll(self) -> Rebuild | None:
        """Rebuild if a file changed since the last call, else None (timed from the check)."""
        t = time.perf_counter()
        return self.rebuild(t) if self.changed() else None
