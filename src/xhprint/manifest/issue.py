"""An issue folder (issue.yaml, stories/, photos/, ads/) → `Issue` (manifest.md §1–2).

Reads issue.yaml, the template it names (with `layout_overrides:`) and every
story it places, then checks what is knowable before layout: paths, page
numbers, box geometry and jumps. Every problem of every file is collected and
raised at once as `InputError` (exit status 2, outputs.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from xhprint.i18n import Message, msg, nmsg
from xhprint.manifest.autorows import with_auto_extents
from xhprint.manifest.check import Checker, closest, is_null
from xhprint.manifest.geometry import reserved_rows, type_area_rows
from xhprint.manifest.paths import (
    closest_file,
    display_path,
    inside_problem,
    is_file,
    missing_hint,
)
from xhprint.manifest.placing import check_item_photos, item_hints
from xhprint.manifest.story import PLACES, read_story
from xhprint.manifest.template import read_template
from xhprint.manifest.yamlsource import Node, load_yaml, ref
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


def _box(c: Checker, node: Node, what: str) -> Box | None:
    keys = c.mapping(node, what, BOX_KEYS, required=BOX_KEYS)
    if keys is None:
        return None
    auto = _is_auto(keys.get("rows"))
    vals = {k: 1 if k == "rows" and auto else c.integer(keys[k], msg("{what} {key}", what=what,
                                                                       key=k), lo=1)
            for k in BOX_KEYS if k in keys}
    if len(vals) != 4 or any(v is None for v in vals.values()):
        return None
    return Box(vals["col"], vals["row"], vals["cols"], vals["rows"])  # type: ignore[arg-type]


def _is_auto(node: Node | None) -> bool:
    """`rows: auto` (autorows.py)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "auto" and node.style is None


def _has_key(node: Node, name: str) -> bool:
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == name for k, _ in node.value)


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
    if not is_ad and "story" not in keys:
        c.error(node, msg("{what} has neither `story:` nor `ad:`", what=what),
                msg("add `story: ID` (stories/ID.md) or `ad: ads/FILE`"))
        return None
    box = _box(c, keys["box"], msg("{what} {key}", what=what, key="box")) if "box" in keys else None
    if is_ad:
        rel = c.text(keys["ad"], msg("{what} {key}", what=what, key="ad"))
        if rel is None:
            return None
        problem = inside_problem(issue_dir, rel)
        if problem:
            c.error(keys["ad"], msg("advert: {problem}", problem=problem),
                    missing_hint(issue_dir, rel, msg("put the advert in the issue folder (ads/)")),
                    check="missing-file")
            return None
        if box is None:
            return None
        return _Placed(page, AdItem((issue_dir / rel).resolve(), rel, box, ref(node)), node,
                       keys["box"])
    sid = c.text(keys["story"], msg("{what} {key}", what=what, key="story"))
    cont = (c.integer(keys["continue"], msg("{what} {key}", what=what, key="continue"), lo=1)
            if "continue" in keys else None)
    hcols = (c.integer(keys["headline_cols"], msg("{what} {key}", what=what, key="headline_cols"),
                       lo=1)
             if "headline_cols" in keys else None)
    if hcols is not None and box is not None and hcols > box.cols:
        c.error(keys["headline_cols"],
                nmsg("{what} headline_cols {n} is wider than its box ({cols} column)",
                     "{what} headline_cols {n} is wider than its box ({cols} columns)", box.cols,
                     what=what, n=hcols, cols=box.cols),
                msg("use at most {cols}", cols=box.cols))
    if not sid:
        if sid == "":
            c.error(keys["story"], msg("{what} story id is empty", what=what),
                    msg("name a file stories/ID.md"))
        return None
    if sid not in story_paths:
        rel = f"stories/{sid}.md"
        problem = inside_problem(issue_dir, rel)
        if problem:
            near = closest_file(issue_dir / "stories", f"{sid}.md")
            c.error(keys["story"], msg("story {story!r}: {problem}", story=sid, problem=problem),
                    msg("did you mean {near!r}?", near=near.removesuffix(".md"))
                    if near and near.endswith(".md")
                    else msg("create {path} or fix the story id",
                             path=display_path(issue_dir, rel)),
                    check="missing-file")
            return None
        story_paths[sid] = ((issue_dir / rel), display_path(issue_dir, rel), keys["story"])
    hints = item_hints(c, keys, what, box, PLACES)
    if box is None and "box" in keys:
        return None
    auto = "box" in keys and isinstance(keys["box"], yaml.MappingNode) and any(
        k.value == "rows" and _is_auto(v) for k, v in keys["box"].value)
    if auto and cont is not None:
        c.error(keys["box"], msg("{what}: a part that continues cannot have rows: auto (its "
                                 "height is what it holds before the jump)", what=what),
                msg("give it rows: N, or leave out continue:"))
        return None
    return _Placed(page, StoryItem(sid, box, cont, hcols, ref(node), auto_rows=auto,
                                   priority=hints.priority, cols=hints.cols,
                                   photos=hints.photos, headline_space=hints.headline_space),
                   node,
                   keys.get("box", node), keys.get("continue"))


def _name(p: _Placed) -> Message:
    return (msg("story {story!r}", story=p.item.story) if isinstance(p.item, StoryItem)
            else msg("ad {path!r}", path=p.item.rel))


def check_boxes(c: Checker, t: Template, placed: list[_Placed]) -> None:
    """Boxes inside the type area, clear of the masthead/header and of each other."""
    rows = type_area_rows(t)
    placed = [p for p in placed if p.item.box is not None]  # the engine places the rest
    for p in placed:
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
    for i, a in enumerate(placed):
        for b_ in placed[i + 1:]:
            if a.page == b_.page and a.item.box.overlaps(b_.item.box):  # type: ignore[union-attr,arg-type]
                c.error(b_.box_node, msg("{name} box overlaps {other} box on page {page} "
                                         "(line {line})", name=_name(b_), other=_name(a),
                                         page=a.page, line=a.box_node.start_mark.line + 1),
                        msg("move or shrink one of the two boxes"), check="box-overlap",
                        page=b_.page, item=b_.item.id)


def check_jumps(c: Checker, placed: list[_Placed], page_count: int) -> None:
    """`continue:` targets, a story once per page, and every later part pointed at."""
    by_story: dict[str, list[_Placed]] = {}
    for p in placed:
        if isinstance(p.item, StoryItem):
            by_story.setdefault(p.item.story, []).append(p)
    for sid, parts in by_story.items():
        pages = [p.page for p in parts]
        for j, p in enumerate(parts):
            if p.page in pages[:j]:
                c.error(p.node, msg("story {story!r} appears twice on page {page}", story=sid,
                                    page=p.page),
                        msg("a story appears at most once per page; continue it on a later page"),
                        page=p.page, item=sid)
        pointed: set[int] = set()
        for p in parts:
            n = p.item.continue_to if isinstance(p.item, StoryItem) else None
            if n is None or p.continue_node is None:
                continue
            if n <= p.page:
                c.error(p.continue_node, msg("story {story!r} on page {page} continues to page "
                                             "{to}, which is not a later page", story=sid,
                                             page=p.page, to=n),
                        msg("continue to a later page"),
                        check="jump", page=p.page, item=sid)
            elif n not in pages:
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
            else:
                pointed.add(n)
        first = parts[0].page
        for p in parts:
            if p.page != first and p.page not in pointed:
                c.error(p.node, msg("story {story!r} on page {page} is a continued part, but no "
                                    "earlier part continues to it", story=sid, page=p.page),
                        msg("add `continue: {page}` to an earlier {story!r} item", page=p.page,
                            story=sid),
                        check="jump", page=p.page, item=sid)


def _issue_block(c: Checker, node: Node) -> tuple[int | None, int | None, object]:
    keys = c.mapping(node, "issue", NUMBER_KEYS, required=NUMBER_KEYS) or {}
    number = (c.integer(keys["number"], "issue.number", lo=1) if "number" in keys
              else None)
    total = c.integer(keys["total"], "issue.total", lo=1) if "total" in keys else None
    date = c.date(keys["date"], "issue.date") if "date" in keys else None
    return number, total, date


def read_issue(issue_dir: Path, project_root: Path) -> tuple[Issue | None, list[Finding]]:
    """Load everything an issue needs; returns every finding (never raises for user errors)."""
    yaml_path = issue_dir / "issue.yaml"
    display = display_path(issue_dir, "issue.yaml")
    if not is_file(yaml_path):
        return None, [Finding("missing-file", "error", msg("{path} does not exist", path=display),
                              where=SourceRef(display),
                              hint=msg("an issue folder needs issue.yaml"))]
    root, findings = load_yaml(yaml_path, display)
    if root is None:
        if not findings:
            findings.append(Finding("manifest", "error", msg("issue.yaml is empty"),
                                    where=SourceRef(display), hint=msg("see docs/manifest.md")))
        return None, findings
    c = Checker(findings)
    keys = c.mapping(root, "issue.yaml", ISSUE_KEYS, required=ISSUE_REQUIRED) or {}
    lang = c.enum(keys["lang"], "lang", LANGS) if "lang" in keys else None
    number, total, date = _issue_block(c, keys["issue"]) if "issue" in keys else (None, None, None)
    template = _template(c, keys, issue_dir, project_root)

    placed: list[_Placed] = []
    pages: list[Page] = []
    story_paths: dict[str, tuple[Path, str, Node]] = {}
    page_nodes = c.sequence(keys["pages"], "pages") if "pages" in keys else None
    if page_nodes is not None and not page_nodes:
        c.error(keys["pages"], msg("{key} is empty", key="pages"), msg("list at least one page"))
    for pos, pnode in enumerate(page_nodes or [], 1):
        page = _page(c, pnode, pos, issue_dir, story_paths, placed,
                     type_area_rows(template) if template is not None else None)
        if page is not None:
            pages.append(page)
    stories: dict[str, Story] = {}
    for sid, (path, sdisplay, _node) in story_paths.items():
        story = read_story(sid, path, sdisplay, issue_dir, findings)
        if story is not None:
            stories[sid] = story
    if template is not None:
        check_boxes(c, template, placed)
    check_item_photos(c, [(p.item, p.node) for p in placed if isinstance(p.item, StoryItem)],
                      stories)
    check_jumps(c, placed, len(page_nodes or []))
    errors = [f for f in findings if f.severity == "error"]
    if errors or template is None or lang is None or number is None or total is None \
            or date is None or page_nodes is None:
        return None, findings
    issue = Issue(issue_dir.resolve(), lang, number, total, date, template,  # type: ignore[arg-type]
                  tuple(pages), stories, SourceRef(display))
    return issue, findings


def _template(c: Checker, keys: dict[str, Node], issue_dir: Path,
              project_root: Path) -> Template | None:
    if "layout" not in keys:
        return None
    node = keys["layout"]
    name = c.text(node, "layout")
    if not name:
        if name == "":
            c.error(node, msg("{key} is empty", key="layout"),
                    msg("name a template, e.g. broadsheet"))
        return None
    layouts = project_root / "layouts"
    if name.endswith((".yaml", ".yml")):
        problem = inside_problem(issue_dir, name)
        if problem:
            c.error(node, msg("layout: {problem}", problem=problem),
                    missing_hint(issue_dir, name,
                                 msg("a template path is relative to the issue folder")),
                    check="missing-file")
            return None
        source: str | Path = Path(display_path(issue_dir, name))
    else:
        if not _LAYOUT_NAME.fullmatch(name):
            c.error(node, msg("layout {name!r} is neither a template name nor a .yaml path",
                              name=name),
                    msg("name a template in layouts/ (letters, digits, - and _), e.g. broadsheet, "
                        "or a file in the issue folder ending in .yaml"))
            return None
        if not is_file(layouts / f"{name}.yaml"):
            known = sorted(p.stem for p in layouts.glob("*.yaml")) if layouts.is_dir() else []
            near = closest(name, known)
            c.error(node, msg("unknown layout {name!r}; did you mean {near!r}?", name=name,
                              near=near) if near else msg("unknown layout {name!r}", name=name),
                    msg("known layouts: {names} (in {folder})", names=", ".join(known),
                        folder=str(layouts)) if known else
                    msg("there is no layout in {folder}", folder=str(layouts)))
            return None
        source = name
    overrides = keys.get("layout_overrides")
    template, problems = read_template(source, layouts, None if is_null(overrides) else overrides,
                                       issue_dir, in_issue=isinstance(source, Path))
    c.findings.extend(problems)
    return template


def _page(c: Checker, node: Node, pos: int, issue_dir: Path,
          story_paths: dict[str, tuple[Path, str, Node]], placed: list[_Placed],
          rows: int | None) -> Page | None:
    """One page; `rows` is the template's type area height (None: no template loaded)."""
    what = msg("page {n}", n=pos)
    keys = c.mapping(node, what, PAGE_KEYS, required=("number", "section", "items"))
    if keys is None:
        return None
    number = (c.integer(keys["number"], msg("{what} {key}", what=what, key="number"), lo=1)
              if "number" in keys else None)
    if number is not None and number != pos:
        c.error(keys["number"], msg("page number {number} is at position {pos} of pages",
                                    number=number, pos=pos),
                msg("pages are numbered 1..N without gaps, in order: this one should be {pos}",
                    pos=pos))
    section = (c.text(keys["section"], msg("{what} {key}", what=what, key="section"))
               if "section" in keys else None)
    editor = (c.text(keys["editor"], msg("{what} {key}", what=what, key="editor"))
              if "editor" in keys else "")
    items: list[Item] = []
    item_nodes: list[Node] | None = None
    if "items" in keys:  # `items:` left empty is a page with nothing booked yet
        item_nodes = [] if is_null(keys["items"]) else c.sequence(
            keys["items"], msg("{what} {key}", what=what, key="items"))
    mine: list[_Placed] = []
    for i, inode in enumerate(item_nodes or [], 1):
        p = _item(c, inode, pos, i, issue_dir, story_paths)
        if p is not None:
            mine.append(p)
    if rows is not None:  # rows: auto boxes take their largest extent (autorows.py)
        extents = with_auto_extents([p.item for p in mine], rows)
        mine = [replace(p, item=item) for p, item in zip(mine, extents, strict=True)]
    placed += mine
    items += [p.item for p in mine]
    if number is None or section is None or item_nodes is None:
        return None
    return Page(pos, section, tuple(items), editor or "", ref(node))


def load_issue(issue_dir: Path, project_root: Path) -> Issue:
    """The issue in `issue_dir` with its template and stories; raises InputError listing all problems."""
    issue, findings = read_issue(issue_dir, project_root)
    if issue is None:
        raise InputError(findings or [Finding("manifest", "error",
                                              msg("the issue could not be loaded"),
                                              where=SourceRef(str(issue_dir)))])
    return issue
