"""The pipeline: load → lay out → render → check → write, as a few verb-named calls.

`build_issue` returns the report and the bytes of every output; writing them (atomically)
is the caller's job, so `preflight ISSUE_DIR` can run exactly what build does and keep
nothing.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.fonts.book import FontBook
from xhprint.i18n import Lang, Translations, msg, nmsg, translations
from xhprint.images.adverts import AdvertInfo, probe_advert
from xhprint.images.probe import ImageInfo, probe_image
from xhprint.layout.issue import IssueLayout, layout_issue
from xhprint.manifest.fonts_config import load_font_config
from xhprint.manifest.issue import load_issue
from xhprint.model import AdItem, Finding, InputError, Issue, SourceRef
from xhprint.model.frame import PdfPlacement, TextLine
from xhprint.parallel import run_tasks
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.pdf_memo import PreflightMemo
from xhprint.preflight.report import OutputFile, Report
from xhprint.preflight.script_mix import script_mix
from xhprint.render.articles import articles_json
from xhprint.render.digital_pdf import render_digital
from xhprint.render.print_pdf import RenderedPrint, render_print
from xhprint.render.qr import QrMemo
from xhprint.render.resources import (
    DigitalMeta,
    Resources,
    SlugInfo,
    default_resources,
    font_text,
)

if TYPE_CHECKING:
    from xhprint.incremental import BuildSession

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuildSettings:
    """Where the project's shared data lives (templates, fonts), the font cache, and the
    language of the build's messages.

    `fonts_config`/`fonts_dir` replace the project's fonts.yaml and fonts/ folder, so tests
    can build whole issues with the box test font (tests/data/fonts-box.yaml). `lang` is
    the reader's language (`--lang`, else the locale): report.json's messages, the slug's
    NOT FOR PRESS note and the proof marks are in it; the pages are in the issue's own.
    """

    project_root: Path = PROJECT_ROOT
    cache_dir: Path | None = None
    fonts_config: Path | None = None
    fonts_dir: Path | None = None
    lang: Lang = "en"

    @property
    def fonts_yaml(self) -> Path:
        return self.fonts_config or self.project_root / "fonts" / "fonts.yaml"

    @property
    def project_fonts(self) -> Path:
        return self.fonts_dir or self.project_root / "fonts"


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the report, every output's bytes, and the laid-out issue."""

    report: Report
    files: dict[str, bytes] = field(default_factory=dict)
    layout: IssueLayout | None = None
    issue: Issue | None = None


def open_fonts(issue_lang: str, settings: BuildSettings) -> FontBook:
    from xhprint.fonts.discover import default_cache_dir

    config = load_font_config(settings.fonts_yaml)
    cache = settings.cache_dir or default_cache_dir()
    return FontBook.open(config, issue_lang, cache, settings.project_fonts)


def font_role_problems(issue: Issue, book: FontBook) -> list[Finding]:
    """A template style whose `font:` is not a role of fonts.yaml for the issue's language
    (the layout could not set a line in it)."""
    roles = book.roles()
    return [Finding("manifest", "error",
                    msg("styles.{style}.font is {font!r}, which fonts.yaml does not define for "
                        "{lang}", style=name, font=style.font, lang=issue.lang),
                    where=issue.template.source,
                    hint=msg("use one of the font roles: {roles}", roles=", ".join(roles)))
            for name, style in sorted(issue.template.styles.items()) if style.font not in roles]


def media_paths(issue: Issue) -> list[Path]:
    """Every photo and advert file the issue places (what probe_media reads)."""
    paths = [photo.file for story in issue.stories.values() for photo in story.photos]
    paths += [item.path for page in issue.pages for item in page.items if isinstance(item, AdItem)]
    return paths


def probe_media(issue: Issue, probe: Callable[..., ImageInfo | Finding] = probe_image,
                ) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[float, float]]]:
    """Pixel sizes of photos (and image adverts), pt sizes of PDF adverts; bad files → InputError.

    `probe` is `probe_image` or an ImageCache's `probe` (the same answers, kept on disk).
    """
    from xhprint.model import AdItem

    photos: dict[Path, tuple[int, int]] = {}
    ads: dict[Path, tuple[float, float]] = {}
    findings: list[Finding] = []
    for story in issue.stories.values():
        for photo in story.photos:
            if photo.file in photos:
                continue
            info = probe(photo.file, photo.rel, photo.ref)
            if isinstance(info, ImageInfo):
                photos[photo.file] = (info.width, info.height)
            else:
                findings.append(info)
    for page in issue.pages:
        for item in page.items:
            if not isinstance(item, AdItem):
                continue
            if item.path.suffix.lower() == ".pdf":
                ad = probe_advert(item.path, item.rel, item.ref)
                if isinstance(ad, AdvertInfo):
                    ads[item.path] = (ad.width, ad.height)
                else:
                    findings.append(ad)
            else:
                info = probe(item.path, item.rel, item.ref)
                if isinstance(info, ImageInfo):
                    photos[item.path] = (info.width, info.height)
                else:
                    findings.append(info)
    if findings:
        raise InputError(findings)
    return photos, ads


def texts_on_pages(layout: IssueLayout) -> Iterator[tuple[str, SourceRef | None, int, str | None]]:
    """Every line of text set on the pages, for the script check (template text too)."""
    for page in layout.pages:
        for el in page.elements:
            if isinstance(el, TextLine):
                yield el.text, el.ref, page.number, el.item


def source_checks(issue: Issue, layout: IssueLayout) -> list[Finding]:
    """Checks on the source that layout does not make itself: script-mix and page-count."""
    findings: list[Finding] = []
    findings += script_mix(story_texts(issue), issue.lang)
    findings += script_mix(template_texts(issue, layout), issue.lang)
    n = len(issue.pages)
    if n % 4:
        findings.append(Finding("page-count", "warning",
                                nmsg("{n} page is not a multiple of 4",
                                     "{n} pages are not a multiple of 4", n, n=n),
                                where=issue.ref,
                                hint=msg("a printed edition folds in sheets of 4 pages")))
    return findings


def story_texts(issue: Issue) -> Iterator[tuple[str, SourceRef | None, int | None, str | None]]:
    """Story text with the line it comes from, so script-mix can name file:line."""
    pages_of: dict[str, int] = {}
    for page in issue.pages:
        for item in page.items:
            pages_of.setdefault(item.id, page.number)
    for sid, story in issue.stories.items():
        page = pages_of.get(sid)
        for field_name in ("kicker", "headline", "subhead", "byline", "label"):
            value = getattr(story, field_name)
            if value:
                yield value, story.ref, page, sid
        for photo in story.photos:
            for value in (photo.caption, photo.credit):
                if value:
                    yield value, photo.ref, page, sid
        for block in story.blocks:
            yield block.text, block.ref, page, sid


def template_texts(issue: Issue, layout: IssueLayout
                   ) -> Iterator[tuple[str, SourceRef | None, int | None, str | None]]:
    """Masthead and page-header lines as set, each with the template line it comes from."""
    known = masthead_sources(issue)
    for text, ref, page, item in texts_on_pages(layout):
        if item not in ("masthead", "header"):
            continue
        if item == "masthead":
            yield from _with_source(text, ref, page, item, known)
        else:
            yield text, ref, page, item


def masthead_sources(issue: Issue) -> tuple[tuple[str, SourceRef], ...]:
    """(text, where it is written) for every text of the template's masthead."""
    mh = issue.template.masthead
    if mh is None:
        return ()
    refs = [(q.label, q.ref) for q in mh.qr if q.ref is not None]
    return tuple(refs) + tuple(mh.text_refs)


def _with_source(text: str, ref: SourceRef | None, page: int, item: str,
                 known: tuple[tuple[str, SourceRef], ...]
                 ) -> Iterator[tuple[str, SourceRef | None, int | None, str | None]]:
    """A set line inside a source text (a wrapped label) points at its column there; a source
    text inside a generated line (the permit in the edition line) is checked on its own."""
    for src, where in known:
        at = src.find(text)
        if text and at >= 0:
            col = where.col + at if where.col else 0
            yield text, SourceRef(where.file, where.line, col, where.story), page, item
            return
    rest = text
    for src, where in known:
        if src and src in rest:
            yield src, where, page, item
            rest = rest.replace(src, "")
    if rest:
        yield rest, ref, page, item


def advert_checks(issue: Issue, layout: IssueLayout) -> list[Finding]:
    """Each supplied PDF advert with the `ad` profile (preflight.md: newsprint without page
    boxes), so a finding names the advert and its page, not only the merged page."""
    refs = {it.rel: it.ref for pg in issue.pages for it in pg.items if isinstance(it, AdItem)}
    found: list[Finding] = []
    checked: dict[Path, list[Finding]] = {}
    for page in layout.pages:
        for el in page.elements:
            if not isinstance(el, PdfPlacement):
                continue
            rel = el.item or el.source.name
            if el.source not in checked:
                checked[el.source] = check_pdf(el.source, "ad", issue.template.preflight, label=rel)
            found += [replace(f, page=page.number, item=rel, pdf=rel,
                              where=f.where or refs.get(rel))
                      for f in checked[el.source]]
    return found


@dataclass(frozen=True)
class LaidOutBuild:
    """A build up to its laid-out pages: what rendering and checking start from.

    The watch session renders the edited page from this (render_print_page) before
    `finish_build` renders and checks both editions.
    """

    issue: Issue
    layout: IssueLayout
    findings: tuple[Finding, ...]  # the layout's; finish_build adds the source and PDF checks
    resources: Resources
    memo: PreflightMemo
    slug: SlugInfo  # its error count is the layout's errors
    timings: tuple[tuple[str, float], ...]
    translations: Translations = field(default=None, compare=False, repr=False)


def lay_out_build(issue_dir: Path, settings: BuildSettings | None = None, *,
                  session: BuildSession | None = None) -> LaidOutBuild:
    """Load and lay out the issue; raise InputError when it cannot be laid out.

    The source and advert checks wait for `finish_build`: they only add findings, and
    the watch session's page preview should not wait for them (~50 ms on 8 pages).
    """
    settings = settings or BuildSettings()
    timings: dict[str, float] = {}
    t = time.perf_counter()
    issue = load_issue(issue_dir, settings.project_root)
    book = session.fonts(issue.lang, settings) if session else open_fonts(issue.lang, settings)
    cache = settings.cache_dir
    from xhprint.fonts.discover import default_cache_dir
    from xhprint.images.cache import ImageCache

    images = session.images if session else ImageCache(cache or default_cache_dir())
    unknown = font_role_problems(issue, book)
    if unknown:
        raise InputError(unknown)
    photo_sizes, ad_sizes = (session.probe_media(issue) if session
                             else probe_media(issue, images.probe))
    timings["load"] = time.perf_counter() - t

    t = time.perf_counter()
    layout = layout_issue(issue, book, photo_sizes, ad_sizes)
    timings["layout"] = time.perf_counter() - t
    findings = list(layout.findings)

    memo = session.preflight if session else PreflightMemo((cache or default_cache_dir()) / "preflight")
    resources = default_resources(font_text(book, cache or default_cache_dir()), image_cache=images,
                                  qr_memo=session.qr_symbols if session
                                  else QrMemo((cache or default_cache_dir()) / "qr"))
    errors = sum(1 for f in findings if f.severity == "error")
    tx = translations(settings.lang, cache or default_cache_dir())
    slug = SlugInfo(issue.template.paper_name, issue.number, issue.total, issue.date, errors,
                    lang=issue.lang, translations=tx)
    return LaidOutBuild(issue, layout, tuple(findings), resources, memo, slug,
                        tuple(timings.items()), tx)


def build_issue(issue_dir: Path, settings: BuildSettings | None = None, *,
                proof: bool = False, grid: bool = False,
                session: BuildSession | None = None, jobs: int = 1) -> BuildResult:
    """Run the whole pipeline in memory; raise InputError when the issue cannot be laid out.

    A `session` (incremental.py) carries fonts and prepared photos over from earlier
    builds in the same process; the outputs are the same bytes with or without it.
    `jobs` > 1 renders and checks the print and digital editions in parallel processes
    (parallel.py); the outputs are the same bytes for any `jobs`.
    """
    return finish_build(lay_out_build(issue_dir, settings, session=session),
                        proof=proof, grid=grid, jobs=jobs)


def finish_build(staged: LaidOutBuild, *, proof: bool = False, grid: bool = False,
                 jobs: int = 1) -> BuildResult:
    """Render and check both editions of a laid-out build: the report and every output."""
    issue, layout, resources, memo, slug = (staged.issue, staged.layout, staged.resources,
                                            staged.memo, staged.slug)
    timings = dict(staged.timings)
    findings = list(staged.findings) + source_checks(issue, layout) + advert_checks(issue, layout)
    errors = sum(1 for f in findings if f.severity == "error")
    slug = replace(slug, errors=errors)
    meta = digital_meta(issue)

    def print_task() -> tuple[RenderedPrint, list[Finding], float, float]:
        t0 = time.perf_counter()
        printed = render_print(layout.pages, issue.template, resources, slug)
        t1 = time.perf_counter()
        return printed, check_output(issue, printed.issue, "print", memo), t1 - t0, time.perf_counter() - t1

    def digital_task() -> tuple[bytes, list[Finding], float, float]:
        t0 = time.perf_counter()
        digital = render_digital(layout.pages, issue.template, resources, meta)
        t1 = time.perf_counter()
        return digital, check_output(issue, digital, "digital", memo), t1 - t0, time.perf_counter() - t1

    # The two editions render and check independently: in two processes with --jobs 2.
    (printed, print_found, tp, cp), (digital, digital_found, td, cd) = run_tasks(
        [print_task, digital_task], jobs)
    timings["render"] = tp + td  # work done, summed over processes
    t = time.perf_counter()
    pdf_findings = print_found + digital_found
    new_errors = errors + sum(1 for f in pdf_findings if f.severity == "error")
    if new_errors != errors:
        # The slug must say how many errors the report lists.
        slug = replace(slug, errors=new_errors)
        printed = render_print(layout.pages, issue.template, resources, slug)
    findings = once(findings + pdf_findings)
    memo.end_build()
    timings["preflight"] = cp + cd + time.perf_counter() - t

    files: dict[str, bytes] = {}
    files.update(printed.files("print"))
    files["digital/issue.pdf"] = digital
    files["digital/articles.json"] = json.dumps(articles_json(layout.pages), ensure_ascii=False,
                                                indent=1, sort_keys=True).encode("utf-8")
    if proof:
        t = time.perf_counter()
        from xhprint.proofing import proof_files

        files.update(proof_files(digital, layout, issue, findings, resources, grid=grid,
                                 translations=staged.translations))
        timings["proof"] = time.perf_counter() - t
    outputs = output_files(files)
    report = Report(tuple(findings), issue.number, issue.total, issue.date,
                    pages=layout.stats, outputs=outputs, timings_s=timings)
    files["report.json"] = json.dumps(report.to_json(), ensure_ascii=False,
                                      indent=1).encode("utf-8")
    return BuildResult(report, files, layout, issue)


def once(findings: list[Finding]) -> list[Finding]:
    """Each problem reported once: a finding equal in check, message, place and item to
    an earlier one (a headline's missing glyph again in its jump head on a later page)
    adds nothing."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        key = (f.check, f.severity, f.message, f.where, f.item, f.pdf)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def output_files(files: dict[str, bytes]) -> tuple[OutputFile, ...]:
    """SHA-256 and size of every output (report.json cannot list its own hash)."""
    return tuple(OutputFile(name, hashlib.sha256(data).hexdigest(), len(data))
                 for name, data in sorted(files.items()) if name != "report.json")


def digital_meta(issue: Issue) -> DigitalMeta:
    from xhprint.layout.dates import chinese_date

    paper = issue.template.paper_name
    return DigitalMeta(title=f"{paper} 第{issue.number}期 {chinese_date(issue.date).split()[0]}",
                       author=paper, subject=f"{paper}數字報" if issue.lang == "zh-Hant" else f"{paper}数字报",
                       lang=issue.lang, date=issue.date)


def check_outputs(issue: Issue, print_pdf: bytes, digital_pdf: bytes) -> list[Finding]:
    """PDF checks on our own outputs: newsprint profile for print, digital for the download."""
    return check_output(issue, print_pdf, "print") + check_output(issue, digital_pdf, "digital")


def check_output(issue: Issue, data: bytes, edition: str,
                 memo: PreflightMemo | None = None) -> list[Finding]:
    """One edition's PDF checks: print → newsprint profile, digital → digital profile.

    `memo` reuses parses and image TAC of unchanged bytes (pdf_memo.py); same findings.
    """
    profile = "newsprint" if edition == "print" else "digital"
    with tempfile.TemporaryDirectory(prefix="xhprint-check-") as tmp:
        p = Path(tmp) / f"{edition}.pdf"
        p.write_bytes(data)
        return check_pdf(p, profile, issue.template.preflight, label=f"{edition}/issue.pdf",
                         memo=memo)
