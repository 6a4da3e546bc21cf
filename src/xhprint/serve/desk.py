"""The desk's state and what keeps it current.

`Desk` holds what the server hands out — the state JSON and the page PNGs — and wakes
the event streams when it changes; request threads only read it. `DeskBuilder` is the
rebuild loop's body: the issue's `Watcher` (incremental.py) lays the issue out again
after a save and tells which pages changed; those are drawn at once and published
(`checked` false), then the editions are rendered and checked as in any build and the
full findings published. A load error publishes the error with the last good pages.
"""

from __future__ import annotations

import gc
import gettext
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.i18n import tr
from xhprint.model import Finding, InputError, Issue
from xhprint.model.frame import LaidOutPage
from xhprint.serve import words
from xhprint.serve.screen import IssueText, ScreenImages, ScreenPage
from xhprint.serve.state import issue_json, page_json

if TYPE_CHECKING:
    from xhprint.build import BuildSettings, LaidOutBuild

Translations = gettext.NullTranslations | None


#: how long a rebuild waits for the browser to fetch the redrawn pages before it renders and
#: checks the editions (a browser showing another page fetches only its thumbnail)
FETCH_WAIT_S = 0.5
#: every this many rebuilds the garbage collector sees everything again (DeskBuilder._settle)
FULL_COLLECT_EVERY = 20


class Desk:
    """The published state: JSON bytes, page PNGs by name, and a version to wait on."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.version = 0
        self._json = json.dumps({"seq": 0, "checked": False, "ready_for_press": False,
                                 "verdict": "", "problem": None, "errors": [],
                                 "findings": [], "issue": {},
                                 "pages": [], "timings_s": {}}).encode("utf-8")
        self._images: dict[str, bytes] = {}
        self._current: set[str] = set()
        self._fetched: set[str] = set()
        self.streams = 0  # browsers listening (event streams open)
        self.closed = False

    def publish(self, state: dict[str, Any], images: dict[str, bytes]) -> None:
        """Replace the state; the images of the previous state stay servable too (a browser
        may still be fetching them)."""
        data = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with self._cond:
            kept = {name: self._images[name] for name in self._current if name in self._images}
            self._images = kept | images
            self._fetched &= set(self._images)
            self._current = set(images)
            self._json = data
            self.version += 1
            self._cond.notify_all()

    def state(self) -> tuple[int, bytes]:
        with self._cond:
            return self.version, self._json

    def image(self, name: str) -> bytes | None:
        with self._cond:
            found = self._images.get(name)
            if found is not None:
                self._fetched.add(name)
                self._cond.notify_all()
            return found

    def wait_fetched(self, names: set[str], timeout: float) -> bool:
        """Wait until a browser has fetched every picture in `names` (none listening: no
        wait); whether it has. The rebuild loop lets the browser have the new page before
        it goes on to render and check the editions, which would slow the fetch down."""
        with self._cond:
            return self._cond.wait_for(
                lambda: self.streams == 0 or self.closed or names <= self._fetched, timeout)

    def listening(self, delta: int) -> None:
        """An event stream opened (+1) or closed (-1)."""
        with self._cond:
            self.streams += delta
            self._cond.notify_all()

    def wait(self, version: int, timeout: float) -> tuple[int, bytes] | None:
        """The state once its version is past `version`; None on timeout or when closed."""
        with self._cond:
            self._cond.wait_for(lambda: self.version != version or self.closed, timeout)
            if self.closed or self.version == version:
                return None
            return self.version, self._json

    def close(self) -> None:
        """Wake every waiting stream so it ends (the server is stopping)."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class DeskBuilder:
    """Rebuilds the issue when its files change and publishes each result to a `Desk`.

    `say` receives one line per rebuild for the terminal.
    """

    def __init__(self, issue_dir: Path, settings: BuildSettings, desk: Desk,
                 translations: Translations, say: Callable[[str], None] = print,
                 images: ScreenImages | None = None):
        from xhprint.incremental import Watcher

        self.issue_dir = issue_dir
        self.settings = settings
        self.desk = desk
        self.translations = translations
        self.say = say
        self.images = images or ScreenImages()
        self.text = IssueText()
        self.watcher = Watcher(issue_dir, settings, on_layout=self._on_layout)
        self.seq = 0
        self._rebuilds = 0
        self._noticed = 0.0
        self._noticed_cpu = 0.0
        self._screens: dict[int, ScreenPage] = {}  # the pages on show, by number
        self._pages: list[dict[str, Any]] = []
        self._shown: dict[str, bytes] = {}
        self._issue: dict[str, Any] = {"folder": issue_dir.resolve().name}
        self._layout: tuple[Any, ...] = ()  # (pages, grids) of the pages on show
        self._token: tuple[Any, ...] | None = None
        self.last_timings: dict[str, float] = {}
        self._findings: tuple[Finding, ...] = ()

    def step(self) -> bool:
        """Rebuild if a file changed since the last step; whether it did."""
        t, cpu = time.perf_counter(), time.thread_time()
        if not self.watcher.changed():
            return False
        self._noticed, self._noticed_cpu = t, cpu
        self.seq += 1
        self.last_timings = {}
        try:
            r = self.watcher.rebuild(t)
        except InputError as e:
            self.text.forget()  # the Watcher's pages stay the last finished build's
            self._publish_error(e.findings)
            self._settle()
            return True
        except Exception as e:  # an internal error: shown, and the desk keeps serving
            self.text.forget()
            self._publish_error((), problem=words.internal_error(e))
            self._settle()
            return True
        report = r.result.report
        self.last_timings["checked_s"] = time.perf_counter() - t
        self._publish(checked=True, findings=report.findings)
        self._say(words.checked(self.last_timings["checked_s"],
                                words.verdict(len(report.errors), len(report.warnings))))
        self._settle()
        return True

    def _settle(self) -> None:
        """Keep the cyclic garbage collector off what the session keeps between builds.

        A session holds ~10⁶ objects (composed paragraphs, prepared fonts, the pages), and
        a full collection walks them all: ~0.2 s, several times a rebuild, some of it
        while the editor waits. After each rebuild the survivors are frozen (gc.freeze:
        left out of collections), after a collection of the young generations; every
        FULL_COLLECT_EVERY rebuilds everything is unfrozen and collected once, so garbage
        frozen in between is not kept for long.
        """
        self._rebuilds += 1
        if self._rebuilds % FULL_COLLECT_EVERY == 1:
            gc.unfreeze()
            gc.collect()
        else:
            gc.collect(1)
        gc.freeze()

    def _on_layout(self, staged: LaidOutBuild, changed: tuple[int, ...]) -> None:
        """Draw the changed pages (all of them when the photos, fonts or template changed)
        and publish them with the layout's findings, before the editions are checked."""
        layout = staged.layout
        redraw = self._redraw(staged, changed)
        self._layout = (layout.pages, layout.grids)
        self._issue = _issue_summary(self.issue_dir, staged.issue)
        self._publish(checked=False, findings=staged.findings)
        self.last_timings["pages_s"] = time.perf_counter() - self._noticed
        # the CPU time of the same stretch: what it takes on a machine nobody else is using
        self.last_timings["pages_cpu_s"] = time.thread_time() - self._noticed_cpu
        if redraw and len(redraw) < len(layout.pages):  # an edit: let the browser fetch it
            self.desk.wait_fetched({self._screens[p.number].name for p in redraw}, FETCH_WAIT_S)
        drawn = tuple(p.number for p in redraw)
        self._say(words.shown(drawn, self.last_timings["pages_s"]) if drawn
                  else words.nothing_changed())

    def _redraw(self, staged: LaidOutBuild, changed: tuple[int, ...]) -> list[LaidOutPage]:
        """Draw the pictures of the pages that changed, or of every page when what a picture
        depends on besides its page changed (`_token`); keep the others, drop those of pages
        gone. Returns the pages drawn."""
        issue, layout = staged.issue, staged.layout
        token = _token(staged, self.settings)
        numbers = {p.number for p in layout.pages}
        redraw = [p for p in layout.pages
                  if token != self._token or p.number in changed or p.number not in self._screens]
        session = self.watcher.session
        resources = self.text.resources(layout.pages, changed, staged.resources,
                                        session.fonts(issue.lang, self.settings),
                                        session.store)
        for page in redraw:
            self._screens[page.number] = self.images.get(page, token, issue.template, resources)
        self._screens = {n: s for n, s in self._screens.items() if n in numbers}
        self._token = token
        return redraw

    def _publish(self, *, checked: bool, findings: tuple[Finding, ...]) -> None:
        pages, grids = self._layout
        self._findings = tuple(findings)
        self._pages = [page_json(p, g, self._screens[p.number], findings, self.translations)
                       for p, g in zip(pages, grids, strict=True)]
        self._shown = {s.name: s.png for s in self._screens.values()}
        self.desk.publish(issue_json(self.seq, checked=checked, errors=(), findings=findings,
                                     pages=self._pages, issue=self._issue,
                                     translations=self.translations,
                                     timings=dict(self.last_timings)), self._shown)

    def _publish_error(self, errors: tuple[Finding, ...], problem: str | None = None) -> None:
        """What stopped the rebuild — the loading findings, or xhprint's own failure (a bug,
        not a finding about the issue) — with the last good pages."""
        self._say(words.load_failed())
        for f in errors:
            self.say("  " + words.describe(f, self.translations))
        if problem is not None:
            self._say(problem)
        self.desk.publish(issue_json(self.seq, checked=True, errors=errors,
                                     findings=self._findings, pages=self._pages,
                                     issue=self._issue, translations=self.translations,
                                     problem=problem), self._shown)

    def _say(self, text: str) -> None:
        self.say(tr(text, self.translations) or "")


def _issue_summary(issue_dir: Path, issue: Issue) -> dict[str, Any]:
    """What the desk's title bar shows of the issue."""
    return {"folder": issue_dir.resolve().name, "number": issue.number, "total": issue.total,
            "date": issue.date.isoformat(), "template": issue.template.name, "lang": issue.lang}


def _token(staged: LaidOutBuild, settings: BuildSettings) -> tuple[Any, ...]:
    """What a page's picture depends on besides the page: photo and advert files, fonts,
    the trim size and the digital photo resolution."""
    from xhprint.session import file_stat, media_paths

    tpl = staged.issue.template
    media = tuple(sorted((str(p), *file_stat(p)) for p in media_paths(staged.issue)))
    fonts = (str(settings.fonts_yaml), *file_stat(settings.fonts_yaml))
    return media, fonts, tpl.trim_width, tpl.trim_height, tpl.digital_image_ppi
