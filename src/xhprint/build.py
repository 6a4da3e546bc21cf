"""The pipeline: load → lay out → render → check → write, as a few verb-named calls.

`build_issue` returns the report and the bytes of every output; writing them (atomically)
is the caller's job, so `preflight ISSUE_DIR` can run exactly what build does and keep
nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from xhprint.fonts.book import FontBook
from xhprint.i18n import Translations, msg, nmsg
from xhprint.layout.issue import IssueLayout, layout_issue
from xhprint.manifest.issue import load_issue
from xhprint.manifest.yamlsource import KeptNodes
from xhprint.model import AdItem, Finding, InputError, Issue, SourceRef
from xhprint.model.frame import LaidOutPage, PdfPlacement, TextLine
from xhprint.parallel import chosen_jobs, run_tasks
from xhprint.preflight.own_output import drop_repeats, placements, whole_advert
from xhprint.preflight.pdf_docmemo import DocumentChecks, check_kept
from xhprint.preflight.pdf_memo import PreflightMemo
from xhprint.preflight.report import OutputFile, Report
from xhprint.preflight.script_mix import script_mix
from xhprint.render.articles import articles_json
from xhprint.render.digital_pdf import render_digital
from xhprint.render.geometry import PageGeometry
from xhprint.render.print_pdf import RenderedPrint, render_print
from xhprint.render.resources import (
    DigitalMeta,
    Resources,
    SlugInfo,
    default_resources,
    font_text,
)
from xhprint.session import BuildSession, BuildSettings
from xhprint.site.model import PAGE_IMAGE_WIDTH
from xhprint.store import Store

if TYPE_CHECKING:
    from xhprint.images.cache import ImageCache

@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the report, every output's bytes, and the laid-out issue."""

    report: Report
    files: dict[str, bytes] = field(default_factory=dict)
    layout: IssueLayout | None = None
    issue: Issue | None = None


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
        number = pages_of.get(sid)
        for field_name in ("kicker", "headline", "subhead", "byline", "label"):
            value = getattr(story, field_name)
            if value:
                yield value, story.ref, number, sid
        for photo in story.photos:
            for value in (photo.caption, photo.credit):
                if value:
                    yield value, photo.ref, number, sid
        for block in story.blocks:
            yield block.text, block.ref, number, sid


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


def advert_checks(issue: Issue, layout: IssueLayout,
                  kept: DocumentChecks | None = None) -> list[Finding]:
    """Each supplied PDF advert with the `ad` profile (preflight.md: newsprint without page
    boxes), so a finding names the advert and its page, not only the merged page.

    `kept` replays the findings of an advert file checked before (pdf_docmemo.py)."""
    refs = {it.rel: it.ref for pg in issue.pages for it in pg.items if isinstance(it, AdItem)}
    found: list[Finding] = []
    checked: dict[Path, list[Finding]] = {}  # an advert placed twice is checked once
    for number, el in placed_pdfs(layout):
        rel = el.item or el.source.name
        if el.source not in checked:
            checked[el.source] = check_kept(kept, el.source, "ad", issue.template.preflight,
                                            label=rel,
                                            placed=(whole_advert(rel, refs.get(rel)),))
        found += [replace(f, page=number, item=rel, pdf=rel, where=f.where or refs.get(rel))
                  for f in checked[el.source]]
    return found


def placed_pdfs(layout: IssueLayout) -> Iterator[tuple[int, PdfPlacement]]:
    """(page number, placement) of every PDF placed on the pages (the adverts), in order."""
    for page in layout.pages:
        for el in page.elements:
            if isinstance(el, PdfPlacement):
                yield page.number, el


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
    image_cache: ImageCache | None = None  # the website's photos and page images use it too
    #: the reader's language (settings.lang) and its catalogue: the slug note, proof marks,
    #: report.json and the terminal report are in it
    lang: str = "en"
    translations: Translations = field(default=None, compare=False, repr=False)
    #: whole PDFs' findings kept in the store (pdf_docmemo.py): the editions and adverts
    documents: DocumentChecks | None = field(default=None, compare=False, repr=False)


def lay_out_build(issue_dir: Path, settings: BuildSettings | None = None, *,
                  session: BuildSession | None = None) -> LaidOutBuild:
    """Load and lay out the issue; raise InputError when it cannot be laid out.

    Runs in `session` (a fresh one when none is given: a one-off build). The source and
    advert checks wait for `finish_build`: they only add findings, and the watch
    session's page preview should not wait for them (~50 ms on 8 pages).
    """
    settings = settings or BuildSettings()
    session = session or BuildSession.fresh(settings)
    timings: dict[str, float] = {}
    t = time.perf_counter()
    issue = load_issue(issue_dir, settings.project_root, KeptNodes(session.store))
    book = session.fonts(issue.lang, settings)
    unknown = font_role_problems(issue, book)
    if unknown:
        raise InputError(unknown)
    photo_sizes, ad_sizes = session.probe_media(issue)
    timings["load"] = time.perf_counter() - t

    t = time.perf_counter()
    layout = layout_issue(issue, book, photo_sizes, ad_sizes, session.words)
    timings["layout"] = time.perf_counter() - t
    findings = list(layout.findings)

    resources = default_resources(font_text(book, session.store),
                                  image_cache=session.images,
                                  qr_memo=session.qr_symbols)
    errors = sum(1 for f in findings if f.severity == "error")
    tx = session.translations(settings.lang)
    slug = SlugInfo(issue.template.paper_name, issue.number, issue.total, issue.date, errors,
                    lang=issue.lang, translations=tx)
    return LaidOutBuild(issue, layout, tuple(findings), resources, session.preflight, slug,
                        tuple(timings.items()), session.images, settings.lang, tx,
                        session.documents)


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
    kept = staged.documents
    timings = dict(staged.timings)
    findings = (list(staged.findings) + source_checks(issue, layout)
                + advert_checks(issue, layout, kept))
    errors = sum(1 for f in findings if f.severity == "error")
    slug = replace(slug, errors=errors)
    meta = digital_meta(issue)

    def print_task() -> EditionRun:
        t0 = time.perf_counter()
        printed = render_print(layout.pages, issue.template, resources, slug)
        t1 = time.perf_counter()
        found = check_output(issue, printed.issue, "print", memo, layout.pages, kept)
        return printed, found, t1 - t0, time.perf_counter() - t1

    def digital_task() -> EditionRun:
        t0 = time.perf_counter()
        digital = render_digital(layout.pages, issue.template, resources, meta)
        t1 = time.perf_counter()
        found = check_output(issue, digital, "digital", memo, layout.pages, kept)
        return digital, found, t1 - t0, time.perf_counter() - t1

    # The two editions render and check independently: in two processes with --jobs 2.
    printed_run, digital_run = run_tasks([_edition(print_task), _edition(digital_task)],
                                         chosen_jobs(jobs, len(layout.pages)))
    printed, print_found, tp, cp = printed_run
    digital, digital_found, td, cd = digital_run
    assert isinstance(printed, RenderedPrint) and isinstance(digital, bytes)
    timings["render"] = tp + td  # work done, summed over processes
    t = time.perf_counter()
    # One problem, one finding: what the source or advert checks said is not said again.
    pdf_findings = drop_repeats(print_found + digital_found, findings)
    new_errors = errors + sum(1 for f in pdf_findings if f.severity == "error")
    if new_errors != errors:
        # The slug must say how many errors the report lists.
        slug = replace(slug, errors=new_errors)
        printed = render_print(layout.pages, issue.template, resources, slug)
    findings = once(findings + pdf_findings)
    memo.end_build()
    if staged.image_cache is not None:
        staged.image_cache.store.tidy()  # keep the cache under its cap
    timings["preflight"] = cp + cd + time.perf_counter() - t

    files: dict[str, bytes] = {}
    files.update(printed.files("print"))
    files["digital/issue.pdf"] = digital
    t = time.perf_counter()
    files["digital/articles.json"] = json.dumps(
        articles_json(layout.pages, issue, PAGE_IMAGE_WIDTH), ensure_ascii=False, indent=1,
        sort_keys=True).encode("utf-8")
    files.update(site_output(issue, layout, digital, staged.image_cache))
    timings["site"] = time.perf_counter() - t
    if proof:
        t = time.perf_counter()
        from xhprint.proofing import proof_files

        files.update(proof_files(digital, layout, issue, findings, resources, grid=grid,
                                 translations=staged.translations))
        timings["proof"] = time.perf_counter() - t
    outputs = output_files(files)
    report = Report(tuple(findings), issue.number, issue.total, issue.date,
                    pages=tuple(st.to_json() for st in layout.stats), outputs=outputs,
                    timings_s=timings, lang=staged.lang, translations=staged.translations)
    files["report.json"] = json.dumps(report.to_json(), ensure_ascii=False,
                                      indent=1).encode("utf-8")
    return BuildResult(report, files, layout, issue)


EditionRun = tuple[object, list[Finding], float, float]  # output, findings, render s, check s


def _edition(task: Callable[[], EditionRun]) -> Callable[[], EditionRun]:
    """A rendering task typed alike for run_tasks (print and digital outputs differ)."""
    return task


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


def site_output(issue: Issue, layout: IssueLayout, digital: bytes,
                image_cache: ImageCache | None) -> dict[str, bytes]:
    """The issue's website under site/ (site/issue_site.py)."""
    from xhprint.site.issue_site import site_files

    store = image_cache.store if image_cache is not None else Store(None)
    return {f"site/{name}": data
            for name, data in site_files(issue, layout.pages, digital, image_cache,
                                         store).items()}


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


def check_output(issue: Issue, data: bytes, edition: str,
                 memo: PreflightMemo | None = None,
                 pages: Sequence[LaidOutPage] = (),
                 kept: DocumentChecks | None = None) -> list[Finding]:
    """One edition's PDF checks: print → newsprint profile, digital → digital profile.

    `memo` reuses parses and image TAC of unchanged bytes (pdf_memo.py), `kept` the
    findings of the same bytes checked before (pdf_docmemo.py); same findings.
    `pages` (the laid-out pages in the PDF) let findings name photos and adverts.
    """
    profile = "newsprint" if edition == "print" else "digital"
    t = issue.template
    geom = (PageGeometry.for_print(t.trim_width, t.trim_height, t.bleed) if edition == "print"
            else PageGeometry.for_digital(t.trim_width, t.trim_height))
    return check_kept(kept, data, profile, t.preflight, label=f"{edition}/issue.pdf",
                      memo=memo, placed=placements(issue, pages, geom))
