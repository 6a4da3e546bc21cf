"""What each CLI command does, separate from argument parsing (cli.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.build import BuildSettings, build_issue, open_fonts
from xhprint.preflight.report import Report

if TYPE_CHECKING:
    from xhprint.incremental import Rebuild


def default_out(issue_dir: Path, out: Path | None) -> Path:
    """`build/<issue folder name>` unless -o is given."""
    return out if out is not None else Path("build") / issue_dir.resolve().name


def build(issue_dir: Path, out: Path | None, *, proof: bool = False, jobs: int = 1) -> Report:
    from xhprint.render.output import write_outputs

    result = build_issue(issue_dir, BuildSettings(), proof=proof, jobs=jobs)
    write_outputs(default_out(issue_dir, out), result.files)
    return result.report


def preflight_issue(issue_dir: Path) -> Report:
    """Exactly what build does, keeping no outputs."""
    return build_issue(issue_dir, BuildSettings()).report


NO_SUCH_FILE = "no such file: {path}"
NO_SUCH_FILE_HINT = "check the path (and the folder you run xhprint from)"


def preflight_file(path: Path, profile: str | None, trim: str | None) -> Report:
    """`preflight FILE.pdf`; `profile` None: our digital edition as digital, else newsprint."""
    from xhprint.model import Finding, InputError
    from xhprint.preflight.pdf_command import parse_trim, preflight_pdf

    if not path.exists():
        raise InputError([Finding("missing-file", "error", NO_SUCH_FILE.format(path=path),
                                  hint=NO_SUCH_FILE_HINT)])
    try:
        trim_mm = parse_trim(trim) if trim else None
    except ValueError as e:
        raise InputError([Finding("manifest", "error", str(e), hint="write --trim WxH in mm, e.g. 70x90")]) from None
    return preflight_pdf(path, profile, trim_mm)


def proof(issue_dir: Path, out: Path | None, *, grid: bool = False) -> list[Path]:
    from xhprint.proofing import proof_paths
    from xhprint.render.output import write_outputs

    result = build_issue(issue_dir, BuildSettings(), proof=True, grid=grid)
    target = default_out(issue_dir, out)
    write_outputs(target, result.files)
    return proof_paths(target, result.files)


def fonts(issue_dir: Path | None, lang: str | None) -> tuple[str, int]:
    from xhprint.build import story_texts
    from xhprint.fonts.report import fonts_report
    from xhprint.manifest.issue import load_issue

    settings = BuildSettings()
    texts = []
    if issue_dir is not None:
        issue = load_issue(issue_dir, settings.project_root)
        lang = lang or issue.lang
        texts = [(t, ref) for t, ref, _p, _i in story_texts(issue) if ref is not None]
    book = open_fonts(lang or "zh-Hant", settings)
    lines, findings = fonts_report(book, texts)
    return "\n".join(lines), 1 if findings else 0


def watch(issue_dir: Path, out: Path | None, *, jobs: int = 1, interval: float = 0.2,
          max_builds: int | None = None) -> int:
    """Rebuild whenever a file of the issue (or a template) changes; Ctrl-C stops.

    One process keeps fonts, composed paragraphs and prepared photos between builds
    (incremental.Watcher). After an edit, the pages it changed are written first as
    one-page print PDFs in OUT.live/page-NN.pdf (beside OUT, which each build replaces
    whole); each rebuild prints both times: page preview and full build.
    `max_builds` stops after that many builds (tests).
    """
    from xhprint.incremental import Watcher
    from xhprint.model import InputError
    from xhprint.render.output import write_outputs

    target = default_out(issue_dir, out)
    watcher = Watcher(issue_dir, BuildSettings(), write=lambda r: write_outputs(target, r.files),
                      jobs=jobs, live_dir=live_dir(target))
    builds = 0
    while max_builds is None or builds < max_builds:
        if watcher.changed():
            builds += 1
            try:
                r = watcher.rebuild()
                print(watch_line(r), flush=True)
            except InputError as e:
                for f in e.findings:
                    print(f.describe(), flush=True)
            continue
        time.sleep(interval)
    return 0


def live_dir(out: Path) -> Path:
    """The watch session's live page previews: OUT.live beside OUT (e.g. build/2023-40.live)."""
    return out.with_name(out.name + ".live")


def watch_line(r: Rebuild) -> str:
    """What the watcher prints after a rebuild: preview time, full time, changed pages."""
    pages = ", ".join(str(n) for n in r.changed_pages) or "none"
    summary = r.result.report.table().splitlines()[-1]
    if r.page_seconds is None:
        return f"built in {r.seconds:.2f} s (pages changed: {pages}): {summary}"
    word = "page" if len(r.changed_pages) == 1 else "pages"
    where = ", ".join(str(p) for p in r.live_files)
    shown = f" → {where}" if where else ""
    return (f"{word} {pages} re-rendered in {r.page_seconds:.2f} s{shown}; "
            f"full build in {r.seconds:.2f} s: {summary}")
