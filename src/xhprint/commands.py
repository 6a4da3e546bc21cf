"""What each CLI command does, separate from argument parsing (cli.py).

`COMMANDS` is the table cli.py dispatches on: a command's name → its handler, which
takes the parsed arguments, the reader's language and its catalogue, prints what the
command has to say and returns the exit status (0 ready or done, 1 built with errors
or not published; InputError propagates: cli.py prints it, exit 2).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.build import build_issue
from xhprint.i18n import Lang, Translations, msg, nmsg, tr
from xhprint.preflight.report import Report
from xhprint.session import BuildSettings, open_fonts

if TYPE_CHECKING:
    import argparse

    from xhprint.build import LaidOutBuild
    from xhprint.incremental import Rebuild
    from xhprint.manifest.suggestion import Suggestion
    from xhprint.model import Finding


def default_out(issue_dir: Path, out: Path | None) -> Path:
    """`build/<issue folder name>` unless -o is given."""
    return out if out is not None else Path("build") / issue_dir.resolve().name


def build(issue_dir: Path, out: Path | None, *, proof: bool = False, jobs: int = 1,
          lang: Lang = "en") -> Report:
    from xhprint.render.output import write_outputs

    result = build_issue(issue_dir, BuildSettings(lang=lang), proof=proof, jobs=jobs)
    write_outputs(default_out(issue_dir, out), result.files)
    return result.report


def preflight_issue(issue_dir: Path, lang: Lang = "en") -> Report:
    """Exactly what build does, keeping no outputs."""
    return build_issue(issue_dir, BuildSettings(lang=lang)).report


def preflight_file(path: Path, profile: str | None, trim: str | None, lang: Lang = "en",
                   translations: Translations = None) -> Report:
    """`preflight FILE.pdf`; `profile` None: our digital edition as digital, else newsprint."""
    from xhprint.model import Finding, InputError
    from xhprint.preflight.pdf_command import TrimError, parse_trim, preflight_pdf

    if not path.exists():
        raise InputError([Finding("missing-file", "error",
                                  msg("no such file: {path}", path=str(path)),
                                  hint=msg("check the path (and the folder you run xhprint "
                                           "from)"))])
    try:
        trim_mm = parse_trim(trim) if trim else None
    except TrimError as e:
        raise InputError([Finding("manifest", "error", e.message,
                                  hint=msg("write --trim WxH in mm, e.g. 70x90"))]) from None
    return replace(preflight_pdf(path, profile, trim_mm), lang=lang, translations=translations)


def proof(issue_dir: Path, out: Path | None, *, grid: bool = False,
          lang: Lang = "en") -> list[Path]:
    from xhprint.proofing import proof_paths
    from xhprint.render.output import write_outputs

    result = build_issue(issue_dir, BuildSettings(lang=lang), proof=True, grid=grid)
    target = default_out(issue_dir, out)
    write_outputs(target, result.files)
    return proof_paths(target, result.files)


def publish(issue_dir: Path, site_dir: Path,
            settings: BuildSettings | None = None) -> tuple[Report, Path | None]:
    """Build the issue and put its website into SITE_DIR/<date>/ with the archive index.

    An issue with error findings is not published (the report says why): the
    public site only ever shows an edition that is ready for press. Returns the
    report and the issue's folder in the site (None when not published).
    """
    from xhprint.fonts.discover import default_cache_dir
    from xhprint.images.cache import ImageCache
    from xhprint.site.issue_site import site_files
    from xhprint.site.publish import ARCHIVE_HREF, issue_id, publish_site, read_site_dir
    from xhprint.store import Store

    settings = settings or BuildSettings()
    read_site_dir(site_dir)  # a site folder it cannot use stops the run before the build
    result = build_issue(issue_dir, settings)
    if not result.report.ready_for_press or result.issue is None or result.layout is None:
        return result.report, None
    store = Store(settings.cache_dir or default_cache_dir())
    files = site_files(result.issue, result.layout.pages, result.files["digital/issue.pdf"],
                       ImageCache(store), store, archive_href=ARCHIVE_HREF)
    ident = issue_id(result.issue.date)
    publish_site(site_dir, ident, files)
    return result.report, Path(site_dir) / ident


def suggest(issue_dir: Path, *, write: bool = False, settings: BuildSettings | None = None,
            ) -> tuple[str, list[Finding], int]:
    """The boxes automatic placement gives the issue's boxless stories, as YAML; with
    `write`, written into issue.yaml (comments and formatting kept).

    Returns the YAML, the placement's findings (stories left out, rules bent, rows left
    empty) and the exit status: 1 when a story does not fit, else 0.
    """
    from xhprint.build import lay_out_build
    from xhprint.manifest.suggestion import suggestions_yaml

    staged = lay_out_build(issue_dir, settings or BuildSettings())
    suggestions = placed_boxes(staged)
    notes = placement_notes(staged, {s.story for s in suggestions})
    if write and suggestions:
        _write_boxes(issue_dir / "issue.yaml", suggestions)
    status = 1 if any(f.severity == "error" for f in notes) else 0
    return suggestions_yaml(suggestions) if suggestions else "", notes, status


def placed_boxes(staged: LaidOutBuild) -> list[Suggestion]:
    """The box (photos, headline space) automatic placement gave each story it placed."""
    from xhprint.manifest.suggestion import Suggestion
    from xhprint.model import StoryItem

    arranged = staged.layout.arranged or staged.issue
    return [Suggestion(page.number, it.story, it.box, it.photos, it.headline_space)
            for page in arranged.pages for it in page.items
            if isinstance(it, StoryItem) and it.placed and it.box is not None]


def placement_notes(staged: LaidOutBuild, placed: set[str]) -> list[Finding]:
    """The placement's own findings, and the overset or underset of the stories it placed
    or left out (the rest of the report is the build's business)."""
    about = placed | _left_out(staged)
    return [f for f in staged.findings if f.check == "placement"
            or (f.check in ("overset", "underset") and f.item in about)]


def _left_out(staged: LaidOutBuild) -> set[str]:
    return {p for placement in staged.layout.placements for p in placement.plan.left_out}


def _write_boxes(path: Path, suggestions: list[Suggestion]) -> None:
    """Write the boxes into issue.yaml, keeping its comments and formatting; the file is
    left untouched when it already says exactly that."""
    from xhprint.atomicfile import write_atomic
    from xhprint.manifest.suggestion import write_suggestions

    text = path.read_text(encoding="utf-8")
    new = write_suggestions(text, suggestions)
    if new != text:
        write_atomic(path, new.encode("utf-8"))


def fonts(issue_dir: Path | None, font_lang: str | None, lang: Lang = "en",
          translations: Translations = None) -> tuple[str, int]:
    """The role table; with an issue, the characters its build cannot draw.

    The issue is laid out exactly as `build` lays it out and its `missing-glyph`
    findings are listed, so `fonts` and `build` agree on every character. `font_lang`
    picks the fonts (default: the issue's, else zh-Hant); `lang` is the reader's.
    """
    from xhprint.build import lay_out_build
    from xhprint.fonts.report import coverage_line, fonts_table

    settings = BuildSettings(lang=lang)
    if issue_dir is None:
        return "\n".join(fonts_table(open_fonts(font_lang or "zh-Hant", settings),
                                     translations)), 0
    staged = lay_out_build(issue_dir, settings)
    book = open_fonts(font_lang or staged.issue.lang, settings)
    missing = [f for f in staged.findings if f.check == "missing-glyph"]
    lines = fonts_table(book, translations)
    lines.append(tr(coverage_line(len(_characters(staged, missing)), missing), translations))
    lines += [f.describe(translations) for f in missing]
    return "\n".join(lines), 1 if missing else 0


def _characters(staged: LaidOutBuild, missing: list[Finding]) -> set[str]:
    """Every character the issue sets on its pages or cannot set (its missing glyphs)."""
    from xhprint.i18n import Message
    from xhprint.model.frame import TextLine

    drawn = {ch for page in staged.layout.pages for el in page.elements
             if isinstance(el, TextLine) for ch in el.text}
    return drawn | {str(dict(f.message.args)["char"]) for f in missing
                    if isinstance(f.message, Message)}


def watch(issue_dir: Path, out: Path | None, *, jobs: int = 1, interval: float = 0.2,
          max_builds: int | None = None, lang: Lang = "en",
          translations: Translations = None) -> int:
    """Rebuild whenever a file of the issue (or a template) changes; Ctrl-C stops.

    One process keeps fonts, composed paragraphs and prepared photos between builds
    (incremental.Watcher). After an edit, the pages it changed are written first as
    one-page print PDFs in OUT.live/page-NN.pdf (beside OUT, which each build replaces
    whole); each rebuild prints both times: page preview and full build.
    `max_builds` stops after that many builds (tests).
    """
    import signal

    from xhprint.incremental import Watcher
    from xhprint.model import InputError
    from xhprint.render.output import write_outputs

    target = default_out(issue_dir, out)
    watcher = Watcher(issue_dir, BuildSettings(lang=lang),
                      write=lambda r: write_outputs(target, r.files),
                      jobs=jobs, live_dir=live_dir(target))
    # SIGTERM (a service manager, `kill`) stops the watch like Ctrl-C: at once, through the
    # same clean-up (a build in progress leaves OUT as it was).
    previous = signal.signal(signal.SIGTERM, _interrupt)
    builds = 0
    try:
        while max_builds is None or builds < max_builds:
            if watcher.changed():
                builds += 1
                try:
                    r = watcher.rebuild()
                    print(watch_line(r, translations), flush=True)
                    for f in r.result.report.findings:
                        if f.severity == "error":
                            print("  " + f.describe(translations), flush=True)
                except InputError as e:
                    print(tr(msg("could not lay out {issue}; the last good outputs stay in "
                                 "{out}:", issue=str(issue_dir), out=str(target)), translations),
                          flush=True)
                    for f in e.findings:
                        print("  " + f.describe(translations), flush=True)
                continue
            time.sleep(interval)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def live_dir(out: Path) -> Path:
    """The watch session's live page previews: OUT.live beside OUT (e.g. build/2023-40.live)."""
    return out.with_name(out.name + ".live")


def watch_line(r: Rebuild, translations: Translations = None) -> str:
    """What the watcher prints after a rebuild: preview time, full time, changed pages."""
    summary = r.result.report.table().splitlines()[-1]
    if not r.changed_pages:
        pages: str = msg("none")
    else:
        pages = ", ".join(str(n) for n in r.changed_pages)
    if r.page_seconds is None:
        line = msg("built in {s:.2f} s (pages changed: {pages}): {summary}", s=r.seconds,
                   pages=pages, summary=summary)
        return tr(line, translations)
    where = ", ".join(str(p) for p in r.live_files)
    shown = f" → {where}" if where else ""
    line = nmsg("page {pages} re-rendered in {page_s:.2f} s{shown}; full build in {s:.2f} s: "
                "{summary}",
                "pages {pages} re-rendered in {page_s:.2f} s{shown}; full build in {s:.2f} s: "
                "{summary}", len(r.changed_pages), pages=pages, page_s=r.page_seconds,
                shown=shown, s=r.seconds, summary=summary)
    return tr(line, translations)


def serve(issue_dir: Path, *, host: str | None, port: int | None, lang: Lang) -> int:
    """`xhprint serve`: the editor's desk in the browser until Ctrl-C (serve/app.py)."""
    from xhprint.serve.app import DEFAULT_PORT
    from xhprint.serve.app import serve as run

    return run(issue_dir, lang=lang, host=host, port=DEFAULT_PORT if port is None else port)


def stories(issue_dir: Path, *, lang: Lang) -> int:
    """`xhprint stories`: the issue's stories and the rows each needs (desk/stories.py)."""
    from xhprint.desk.stories import print_stories

    return print_stories(issue_dir, lang)


def new_issue(issue_dir: Path, template: str, issue_lang: str, *, lang: Lang) -> int:
    """`xhprint new`: a starter issue (desk/starter.py)."""
    from xhprint.desk.starter import write_starter

    return write_starter(issue_dir, template, issue_lang, lang)


# -- the command line's handlers (cli.py dispatches on COMMANDS) ----------------------

#: a command's handler: (parsed arguments, reader's language, its catalogue) → exit status
Handler = Callable[["argparse.Namespace", Lang, Translations], int]
#: what `build` names on stderr when it has written the outputs
WRITTEN = ("print/issue.pdf", "digital/issue.pdf", "site/index.html", "report.json")


def emit_report(report: Report, as_json: bool) -> int:
    """The report on stdout — the table, or JSON with the table's last line on stderr —
    and the exit status it gives."""
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        print(report.table().splitlines()[-1], file=sys.stderr)
    else:
        print(report.table())
    return report.exit_status


def run_build(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint build`: the outputs written and named, then the report (or, with --watch,
    the watch loop until Ctrl-C)."""
    if args.watch:
        return watch(args.issue_dir, args.out, jobs=args.jobs, lang=lang,
                     translations=translations)
    report = build(args.issue_dir, args.out, proof=args.proof, jobs=args.jobs, lang=lang)
    if not args.json:
        out = default_out(args.issue_dir, args.out)
        files = ", ".join(str(out / name) for name in WRITTEN)
        print(tr(msg("wrote {files}", files=files), translations), file=sys.stderr)
    return emit_report(report, args.json)


def run_preflight(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint preflight`: an issue folder as build checks it, or any PDF by profile."""
    if args.target.is_dir():
        report = preflight_issue(args.target, lang)
    else:
        report = preflight_file(args.target, args.profile, args.trim, lang, translations)
    return emit_report(report, args.json)


def run_proof(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint proof`: the proof PNGs written, one path a line."""
    for path in proof(args.issue_dir, args.out, grid=args.grid, lang=lang):
        print(path)
    return 0


def run_publish(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint publish`: the report, then where the issue went (or why it did not: 1)."""
    report, folder = publish(args.issue_dir, args.site_dir, BuildSettings(lang=lang))
    print(report.table())
    if folder is None:
        n = len(report.errors)
        print(tr(nmsg("not published: {n} error — fix it (xhprint preflight {issue}) and "
                      "publish again",
                      "not published: {n} errors — fix them (xhprint preflight {issue}) and "
                      "publish again", n, n=n, issue=str(args.issue_dir)), translations),
              file=sys.stderr)
        return 1
    print(tr(msg("published {folder}/ and {index}", folder=str(folder),
                 index=str(args.site_dir / "index.html")), translations), file=sys.stderr)
    return 0


def run_suggest(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint suggest`: the placement's notes on stderr, the boxes as YAML on stdout."""
    text, notes, status = suggest(args.issue_dir, write=args.write,
                                  settings=BuildSettings(lang=lang))
    for f in notes:
        print(f.describe(translations), file=sys.stderr)
    if not text:
        print(tr(msg("every story has a box: nothing to place"), translations), file=sys.stderr)
        return status
    print(text, end="")
    if args.write:
        print(tr(msg("wrote the boxes into {file}", file=str(args.issue_dir / "issue.yaml")),
                 translations), file=sys.stderr)
    return status


def run_fonts(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint fonts`: --lang zh-Hant or zh-Hans also picks the fonts listed."""
    font_lang = args.lang if args.lang in ("zh-Hant", "zh-Hans") else None
    text, status = fonts(args.issue_dir, font_lang, lang, translations)
    print(text)
    return status


COMMANDS: dict[str, Handler] = {
    "build": run_build,
    "preflight": run_preflight,
    "proof": run_proof,
    "publish": run_publish,
    "suggest": run_suggest,
    "fonts": run_fonts,
}
