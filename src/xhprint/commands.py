"""What each CLI command does, separate from argument parsing (cli.py)."""

from __future__ import annotations

import time
from pathlib import Path

from xhprint.build import BuildSettings, build_issue, open_fonts
from xhprint.preflight.report import Report


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


def preflight_file(path: Path, profile: str, trim: str | None) -> Report:
    from xhprint.preflight.pdf_command import parse_trim, preflight_pdf
    from xhprint.model import Finding, InputError

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
    from xhprint.fonts.report import fonts_report
    from xhprint.build import story_texts
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


def watch(issue_dir: Path, out: Path | None, *, jobs: int = 1, interval: float = 0.5) -> int:
    """Rebuild whenever a file of the issue changes; Ctrl-C stops."""
    from xhprint.model import InputError

    def snapshot() -> dict[Path, float]:
        return {p: p.stat().st_mtime for p in issue_dir.rglob("*") if p.is_file()}

    seen: dict[Path, float] = {}
    while True:
        now = snapshot()
        if now != seen:
            seen = now
            t = time.perf_counter()
            try:
                report = build(issue_dir, out, jobs=jobs)
                print(f"rebuilt in {time.perf_counter() - t:.2f} s: {report.table().splitlines()[-1]}",
                      flush=True)
            except InputError as e:
                for f in e.findings:
                    print(f.describe(), flush=True)
        time.sleep(interval)
