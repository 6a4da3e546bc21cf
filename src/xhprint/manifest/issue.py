"""An issue folder (issue.yaml, stories/, photos/, ads/) → `Issue` (manifest.md §1–2).

Reads issue.yaml, the template it names (with `layout_overrides:`) and every
story it places, then checks what is knowable before layout: paths, page
numbers, box geometry and jumps. Every problem of every file is collected and
raised at once as `InputError` (exit status 2, outputs.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from xhprint.i18n import Message, msg, nmsg
from xhprint.manifest.autorows import with_auto_extents
from xhprint.manifest.check import Checker, closest, is_null
from xhprint.manifest.fields import (
    Choice,
    Date,
    Field,
    Integer,
    Rule,
    Scope,
    Section,
    Table,
    Text,
    spaced,
)
from xhprint.manifest.geometry import reserved_rows, type_area_rows
from xhprint.manifest.paths import (
    closest_file,
    display_path,
    inside_problem,
    is_file,
    missing_hint,
)
from xhprint.manifest.placing import ITEM_HINTS, check_item_photos
from xhprint.manifest.story import read_story
from xhprint.manifest.template import read_template
from xhprint.manifest.yamlsource import KeptNodes, Node, load_yaml, ref
from xhprint.model.findings import Finding, InputError
from xhprint.model.issue import AdItem, Box, Issue, Item, Page, Story, StoryItem
from xhprint.model.source import SourceRef
from xhprint.model.template import Template

ISSUE_KEYS = ("layout", "lang", "issue", "pages", "layout_overrides")
ISSUE_REQUIRED = ("layout", "lang", "issue", "pages")
NUMBER_KEYS = ("number", "total", "date")
PAGE_KEYS = ("number", "section", "editor", "items")
STORY_ITEM_KEYS = ("story", "box", "continue", "headline_cols", "priority", "cols", "photos",
                   "headline_space")
AD_ITEM_KEYS = ("ad", "box")
BOX_KEYS = ("col", "row", "cols", "rows")
LANGS = ("zh-Hant", "zh-Hans")
_LAYOUT_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")  # a file stem in layouts/, nothing more


@dataclass(frozen=True)
class _Placed:
    """An item with the nodes its errors point at."""

    page: int
    item: Item
    node: Node
    box_node: Node
    continue_node: Node | None = None


def _rows(at: Scope, node: Node, name: str) -> int | None:
    """`rows: N`, or `rows: auto` (1 here; autorows.py gives it its extent)."""
    return 1 if _is_auto(node) else at.c.integer(node, name, lo=1)


BOX = Table(Box, (
    Field("col", Integer(lo=1)),
    Field("row", Integer(lo=1)),
    Field("cols", Integer(lo=1)),
    Field("rows", _rows),
), called=spaced)


def _box(at: Scope, node: Node, name: str) -> Box | None:
    keys = at.c.mapping(node, name, BOX_KEYS, required=BOX_KEYS)
    if keys is None:
        return None
    v = BOX.read(at.c, keys, name)
    return None if None in v.values() else Box(**v)


def _is_auto(node: Node | None) -> bool:
    """`rows: auto` (autorows.py)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "auto" and node.style is None


def _has_key(node: Node, name: str) -> bool:
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == name for k, _ in node.value)


def _advert(at: Scope, node: Node, name: str) -> str | None:
    """The advert's path as written, if it names a file inside the issue folder."""
    rel = at.c.text(node, name)
    if rel is None:
        return None
    issue_dir = at.values["issue_dir"]
    problem = inside_problem(issue_dir, rel)
    if problem:
        at.c.error(node, msg("advert: {problem}", problem=problem),
                   missing_hint(issue_dir, rel, msg("put the advert in the issue folder (ads/)")),
                   check="missing-file")
        return None
    return rel


def _headline_cols_fit(at: Scope) -> None:
    hcols, box = at.values["headline_cols"], at.values["box"]
    if hcols is not None and box is not None and hcols > box.cols:
        at.c.error(at.keys["headline_cols"],
                   nmsg("{what} headline_cols {n} is wider than its box ({cols} column)",
                        "{what} headline_cols {n} is wider than its box ({cols} columns)",
                        box.cols, what=at.what, n=hcols, cols=box.cols),
                   msg("use at most {cols}", cols=box.cols))


AD_ITEM = Table(AdItem, (
    Field("box", _box),
    Field("ad", _advert, attr="rel"),
), called=spaced)
#: a story item's own keys; placing.ITEM_HINTS reads the rest once the story is known
STORY_ITEM = Table(StoryItem, (
    Field("box", _box),
    Field("story", Text()),
    Field("continue", Integer(lo=1), attr="continue_to"),
    Field("headline_cols", Integer(lo=1)),
    Rule(_headline_cols_fit),
), called=spaced)


def _item(c: Checker, node: Node, page: int, i: int, issue_dir: Path,
          story_paths: dict[str, tuple[Path, str, Node]]) -> _Placed | None:
    what = msg("page {page} item {i}", page=page, i=i)
    is_ad = _has_key(node, "ad")
    if is_ad and _has_key(node, "story"):
        c.error(node, msg("{what} has both `story:` and `ad:`", what=what),
                msg("an item is a story or an advert"))
        return None
    keys = c.mapping(node, what, AD_ITEM_KEYS if is_ad else STORY_ITEM_KEYS,
                     required=("box",) if is_ad else ())
    if keys is None:
        return None
    if is_ad:
        return _ad_item(c, keys, node, page, what, issue_dir)
    if "story" not in keys:
        c.error(node, msg("{what} has neither `story:` nor `ad:`", what=what),
                msg("add `story: ID` (stories/ID.md) or `ad: ads/FILE`"))
        return None
    return _story_item(c, keys, node, page, what, issue_dir, story_paths)


def _ad_item(c: Checker, keys: dict[str, Node], node: Node, page: int, what: str,
             issue_dir: Path) -> _Placed | None:
    v = AD_ITEM.read(c, keys, what, {"issue_dir": issue_dir})
    if v["rel"] is None or v["box"] is None:
        return None
    return _Placed(page, AdItem((issue_dir / v["rel"]).resolve(), v["rel"], v["box"], ref(node)),
                   node, keys["box"])


def _story_item(c: Checker, keys: dict[str, Node], node: Node, page: int, what: str,
                issue_dir: Path, story_paths: dict[str, tuple[Path, str, Node]]
                ) -> _Placed | None:
    v = STORY_ITEM.read(c, keys, what)
    if not _story_file(c, keys["story"], what, v["story"], issue_dir, story_paths):
        return None
    hints = ITEM_HINTS.read(c, keys, what, {"box": v["box"]})
    if v["box"] is None and "box" in keys:
        return None
    auto = "box" in keys and isinstance(keys["box"], yaml.MappingNode) and any(
        k.value == "rows" and _is_auto(n) for k, n in keys["box"].value)
    if auto and v["continue_to"] is not None:
        c.error(keys["box"], msg("{what}: a part that continues cannot have rows: auto (its "
                                 "height is what it holds before the jump)", what=what),
                msg("give it rows: N, or leave out continue:"))
        return None
    return _Placed(page, StoryItem(**v, ref=ref(node), auto_rows=auto, **hints), node,
                   keys.get("box", node), keys.get("continue"))


def _story_file(c: Checker, node: Node, what: str, sid: str | None, issue_dir: Path,
                story_paths: dict[str, tuple[Path, str, Node]]) -> bool:
    """Whether `sid` names a story file of the issue; `story_paths` learns where it is."""
    if not sid:
        if sid == "":
            c.error(node, msg("{what} story id is empty", what=what),
                    msg("name a file stories/ID.md"))
        return False
    if sid in story_paths:
        return True
    rel = f"stories/{sid}.md"
    problem = inside_problem(issue_dir, rel)
    if problem:
        near = closest_file(issue_dir / "stories", f"{sid}.md")
        c.error(node, msg("story {story!r}: {problem}", story=sid, problem=problem),
                msg("did you mean {near!r}?", near=near.removesuffix(".md"))
                if near and near.endswith(".md")
                else msg("create {path} or fix the story id", path=display_path(issue_dir, rel)),
                check="missing-file")
        return False
    story_paths[sid] = ((issue_dir / rel), display_path(issue_dir, rel), node)
    return True


def _name(p: _Placed) -> Message:
    return (msg("story {story!r}", story=p.item.story) if isinstance(p.item, StoryItem)
            else msg("ad {path!r}", path=p.item.rel))


def check_boxes(c: Checker, t: Template, placed: list[_Placed]) -> None:
    """Boxes inside the type area, clear of the masthead/header and of each other."""
    rows = type_area_rows(t)
    placed = [p for p in placed if p.item.box is not None]  # the engine places the rest
    for p in placed:
        _box_on_page(c, t, rows, p)
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            _apart(c, a, b)


def _box_on_page(c: Checker, t: Template, rows: int, p: _Placed) -> None:
    """Inside the type area and below the masthead (page 1) or page header."""
    b = p.item.box
    assert b is not None
    if b.last_col > t.columns or b.last_row > rows:
        c.error(p.box_node, msg("{name} box (columns {col}–{last_col}, rows {row}–{last_row}) "
                                "leaves the type area of {columns} columns × {rows} rows",
                                name=_name(p), col=b.col, last_col=b.last_col, row=b.row,
                                last_row=b.last_row, columns=t.columns, rows=rows),
                msg("make the box smaller or move it"), check="box-overlap", page=p.page,
                item=p.item.id)
    top = reserved_rows(t, p.page)
    if b.row <= top:
        text = (msg("{name} box starts at row {row} and overlaps the masthead (rows 1–{top})",
                    name=_name(p), row=b.row, top=top) if p.page == 1 else
                msg("{name} box starts at row {row} and overlaps the page header "
                    "(rows 1–{top})", name=_name(p), row=b.row, top=top))
        c.error(p.box_node, text, msg("start the box at row {row} or below", row=top + 1),
                check="box-overlap", page=p.page, item=p.item.id)


def _apart(c: Checker, a: _Placed, b: _Placed) -> None:
    """Two booked boxes of one page do not overlap (the later one is named)."""
    if a.page == b.page and a.item.box.overlaps(b.item.box):  # type: ignore[union-attr,arg-type]
        c.error(b.box_node, msg("{name} box overlaps {other} box on page {page} (line {line})",
                                name=_name(b), other=_name(a), page=a.page,
                                line=a.box_node.start_mark.line + 1),
                msg("move or shrink one of the two boxes"), check="box-overlap",
                page=b.page, item=b.item.id)


def check_jumps(c: Checker, placed: list[_Placed], page_count: int) -> None:
    """`continue:` targets, a story once per page, and every later part pointed at."""
    by_story: dict[str, list[_Placed]] = {}
    for p in placed:
        if isinstance(p.item, StoryItem):
            by_story.setdefault(p.item.story, []).append(p)
    for sid, parts in by_story.items():
        pages = [p.page for p in parts]
        _once_per_page(c, sid, parts, pages)
        pointed = {n for p in parts if (n := _jump_target(c, sid, p, pages, page_count))}
        for p in parts:
            if p.page != parts[0].page and p.page not in pointed:
                c.error(p.node, msg("story {story!r} on page {page} is a continued part, but no "
                                    "earlier part continues to it", story=sid, page=p.page),
                        msg("add `continue: {page}` to an earlier {story!r} item", page=p.page,
                            story=sid),
                        check="jump", page=p.page, item=sid)


def _once_per_page(c: Checker, sid: str, parts: list[_Placed], pages: list[int]) -> None:
    for j, p in enumerate(parts):
        if p.page in pages[:j]:
            c.error(p.node, msg("story {story!r} appears twice on page {page}", story=sid,
                                page=p.page),
                    msg("a story appears at most once per page; continue it on a later page"),
                    page=p.page, item=sid)


def _jump_target(c: Checker, sid: str, p: _Placed, pages: list[int],
                 page_count: int) -> int | None:
    """The later page part `p` continues to, if it is one with a part of the story."""
    n = p.item.continue_to if isinstance(p.item, StoryItem) else None
    if n is None or p.continue_node is None:
        return None
    if n <= p.page:
        c.error(p.continue_node, msg("story {story!r} on page {page} continues to page {to}, "
                                     "which is not a later page", story=sid, page=p.page, to=n),
                msg("continue to a later page"), check="jump", page=p.page, item=sid)
        return None
    if n in pages:
        return n
    text = (nmsg("story {story!r} continues to page {to}, but page {to} has no item "
                 "with story: {story} (the issue has {count} page)",
                 "story {story!r} continues to page {to}, but page {to} has no item "
                 "with story: {story} (the issue has {count} pages)", page_count,
                 story=sid, to=n, count=page_count) if n > page_count else
            msg("story {story!r} continues to page {to}, but page {to} has no item "
                "with story: {story}", story=sid, to=n))
    c.error(p.continue_node, text,
            msg("add `- story: {story}` with a box on page {to}, or fix continue",
                story=sid, to=n),
            check="jump", page=p.page, item=sid)
    return None


ISSUE = Table(Issue, (
    Field("lang", Choice(LANGS)),
    Section("issue", (Field("number", Integer(lo=1)), Field("total", Integer(lo=1)),
                      Field("date", Date())), required=NUMBER_KEYS),
))


@dataclass(frozen=True)
class _Booking:
    """What the pages book: the pages, their placed items and the story files they name."""

    pages: tuple[Page, ...] = ()
    placed: tuple[_Placed, ...] = ()
    story_paths: dict[str, tuple[Path, str, Node]] = field(default_factory=dict)
    count: int = 0  # pages listed (read or not)
    listed: bool = False  # `pages:` is a list


def _issue_yaml(issue_dir: Path, display: str,
                kept: KeptNodes | None) -> tuple[Node | None, list[Finding]]:
    yaml_path = issue_dir / "issue.yaml"
    if not is_file(yaml_path):
        return None, [Finding("missing-file", "error", msg("{path} does not exist", path=display),
                              where=SourceRef(display),
                              hint=msg("an issue folder needs issue.yaml"))]
    root, findings = load_yaml(yaml_path, display, kept)
    if root is None and not findings:
        findings.append(Finding("manifest", "error", msg("issue.yaml is empty"),
                                where=SourceRef(display), hint=msg("see docs/manifest.md")))
    return root, findings


def read_issue(issue_dir: Path, project_root: Path,
               kept: KeptNodes | None = None) -> tuple[Issue | None, list[Finding]]:
    """Load everything an issue needs; returns every finding (never raises for user errors).

    `kept`: YAML documents composed by an earlier build, from the store."""
    display = display_path(issue_dir, "issue.yaml")
    root, findings = _issue_yaml(issue_dir, display, kept)
    if root is None:
        return None, findings
    c = Checker(findings)
    keys = c.mapping(root, "issue.yaml", ISSUE_KEYS, required=ISSUE_REQUIRED) or {}
    head = ISSUE.read(c, keys, "")
    template = _template(c, keys, issue_dir, project_root, kept)
    booked = _pages(c, keys, issue_dir, type_area_rows(template) if template else None)
    stories = _stories(booked.story_paths, issue_dir, findings, kept)
    _check_bookings(c, template, booked, stories)
    if any(f.severity == "error" for f in findings) or template is None \
            or None in head.values() or not booked.listed:
        return None, findings
    return Issue(issue_dir.resolve(), template=template, pages=booked.pages,
                 stories=stories, ref=SourceRef(display), **head), findings


def _check_bookings(c: Checker, template: Template | None, booked: _Booking,
                    stories: dict[str, Story]) -> None:
    """What is knowable before layout: boxes on the page, item photos, jumps."""
    if template is not None:
        check_boxes(c, template, list(booked.placed))
    check_item_photos(c, [(p.item, p.node) for p in booked.placed
                          if isinstance(p.item, StoryItem)], stories)
    check_jumps(c, list(booked.placed), booked.count)


def _stories(story_paths: dict[str, tuple[Path, str, Node]], issue_dir: Path,
             findings: list[Finding], kept: KeptNodes | None) -> dict[str, Story]:
    """Every story file the pages name, read in the order they are first named."""
    stories: dict[str, Story] = {}
    for sid, (path, display, _node) in story_paths.items():
        story = read_story(sid, path, display, issue_dir, findings, kept)
        if story is not None:
            stories[sid] = story
    return stories


def _pages(c: Checker, keys: dict[str, Node], issue_dir: Path, rows: int | None) -> _Booking:
    nodes = c.sequence(keys["pages"], "pages") if "pages" in keys else None
    if nodes is None:
        return _Booking()
    if not nodes:
        c.error(keys["pages"], msg("{key} is empty", key="pages"), msg("list at least one page"))
    pages: list[Page] = []
    placed: list[_Placed] = []
    story_paths: dict[str, tuple[Path, str, Node]] = {}
    for pos, node in enumerate(nodes, 1):
        page = _page(c, node, pos, issue_dir, story_paths, placed, rows)
        if page is not None:
            pages.append(page)
    return _Booking(tuple(pages), tuple(placed), story_paths, len(nodes), listed=True)


def _template(c: Checker, keys: dict[str, Node], issue_dir: Path,
              project_root: Path, kept: KeptNodes | None) -> Template | None:
    """The template `layout:` names, with the issue's `layout_overrides:`."""
    node = keys.get("layout")
    layouts = project_root / "layouts"
    source = _layout_source(c, node, issue_dir, layouts) if node is not None else None
    if source is None:
        return None
    overrides = keys.get("layout_overrides")
    template, problems = read_template(source, layouts, None if is_null(overrides) else overrides,
                                       issue_dir, in_issue=isinstance(source, Path), kept=kept)
    c.findings.extend(problems)
    return template


def _layout_source(c: Checker, node: Node, issue_dir: Path, layouts: Path) -> str | Path | None:
    """A template name of layouts/, or the path of a template in the issue folder."""
    name = c.text(node, "layout")
    if name == "":
        c.error(node, msg("{key} is empty", key="layout"), msg("name a template, e.g. broadsheet"))
    if not name:
        return None
    if name.endswith((".yaml", ".yml")):
        return _template_file(c, node, name, issue_dir)
    return _layout_name(c, node, name, layouts)


def _template_file(c: Checker, node: Node, name: str, issue_dir: Path) -> Path | None:
    """`layout: my.yaml`: a template in the issue folder."""
    problem = inside_problem(issue_dir, name)
    if problem:
        c.error(node, msg("layout: {problem}", problem=problem),
                missing_hint(issue_dir, name,
                             msg("a template path is relative to the issue folder")),
                check="missing-file")
        return None
    return Path(display_path(issue_dir, name))


def _layout_name(c: Checker, node: Node, name: str, layouts: Path) -> str | None:
    """`layout: broadsheet`: a template of the project's layouts/."""
    if not _LAYOUT_NAME.fullmatch(name):
        c.error(node, msg("layout {name!r} is neither a template name nor a .yaml path",
                          name=name),
                msg("name a template in layouts/ (letters, digits, - and _), e.g. broadsheet, "
                    "or a file in the issue folder ending in .yaml"))
        return None
    if is_file(layouts / f"{name}.yaml"):
        return name
    known = sorted(p.stem for p in layouts.glob("*.yaml")) if layouts.is_dir() else []
    near = closest(name, known)
    c.error(node, msg("unknown layout {name!r}; did you mean {near!r}?", name=name,
                      near=near) if near else msg("unknown layout {name!r}", name=name),
            msg("known layouts: {names} (in {folder})", names=", ".join(known),
                folder=str(layouts)) if known else
            msg("there is no layout in {folder}", folder=str(layouts)))
    return None


def _numbered_in_order(at: Scope) -> None:
    number, pos = at.values["number"], at.values["pos"]
    if number is not None and number != pos:
        at.c.error(at.keys["number"], msg("page number {number} is at position {pos} of pages",
                                          number=number, pos=pos),
                   msg("pages are numbered 1..N without gaps, in order: this one should be "
                       "{pos}", pos=pos))


PAGE = Table(Page, (
    Field("number", Integer(lo=1)),
    Rule(_numbered_in_order),
    Field("section", Text()),
    Field("editor", Text(), or_default=True),
), called=spaced)


def _page(c: Checker, node: Node, pos: int, issue_dir: Path,
          story_paths: dict[str, tuple[Path, str, Node]], placed: list[_Placed],
          rows: int | None) -> Page | None:
    """One page; `rows` is the template's type area height (None: no template loaded)."""
    what = msg("page {n}", n=pos)
    keys = c.mapping(node, what, PAGE_KEYS, required=("number", "section", "items"))
    if keys is None:
        return None
    v = PAGE.read(c, keys, what, {"pos": pos})
    item_nodes = _item_nodes(c, keys, what)
    mine = _items(c, item_nodes or [], pos, issue_dir, story_paths, rows)
    placed += mine
    if v["number"] is None or v["section"] is None or item_nodes is None:
        return None
    return Page(pos, v["section"], tuple(p.item for p in mine), v["editor"], ref(node))


def _items(c: Checker, nodes: list[Node], pos: int, issue_dir: Path,
           story_paths: dict[str, tuple[Path, str, Node]], rows: int | None) -> list[_Placed]:
    """The items of page `pos` that could be read; `rows: auto` boxes take their largest
    extent once the template's type area (`rows`) is known (autorows.py)."""
    mine = [p for i, n in enumerate(nodes, 1)
            if (p := _item(c, n, pos, i, issue_dir, story_paths)) is not None]
    if rows is None:
        return mine
    extents = with_auto_extents([p.item for p in mine], rows)
    return [replace(p, item=item) for p, item in zip(mine, extents, strict=True)]


def _item_nodes(c: Checker, keys: dict[str, Node], what: str) -> list[Node] | None:
    """The page's items (`items:` left empty is a page with nothing booked yet)."""
    if "items" not in keys:
        return None
    if is_null(keys["items"]):
        return []
    return c.sequence(keys["items"], msg("{what} {key}", what=what, key="items"))


def load_issue(issue_dir: Path, project_root: Path, kept: KeptNodes | None = None) -> Issue:
    """The issue in `issue_dir` with its template and stories; raises InputError listing all problems."""
    issue, findings = read_issue(issue_dir, project_root, kept)
    if issue is None:
        raise InputError(findings or [Finding("manifest", "error",
                                              msg("the issue could not be loaded"),
                                              where=SourceRef(str(issue_dir)))])
    return issue
