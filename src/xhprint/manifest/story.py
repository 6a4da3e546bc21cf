"""stories/ID.md (YAML front matter + a tiny Markdown body) → `Story` (manifest.md §3).

The body knows three things only: blank lines separate paragraphs, `## text` is
an in-body subhead, `**text**` is bold. Every other character is text and must
reach the page, so nothing else is interpreted (no escapes, no lists, no HTML).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from xhprint.i18n import msg
from xhprint.manifest.check import Checker
from xhprint.manifest.fields import (
    Choice,
    Field,
    Integer,
    Rule,
    Scope,
    Table,
    Text,
    sequence_of,
    spaced,
)
from xhprint.manifest.paths import inside_problem, missing_hint
from xhprint.manifest.placing import PHOTO_LIMITS, PLACES
from xhprint.manifest.yamlsource import KeptNodes, Node, parse_yaml, read_text, ref
from xhprint.model.findings import Finding, InputError
from xhprint.model.issue import Block, Photo, Run, Story
from xhprint.model.source import SourceRef, TextOrigin

STORY_KEYS = ("kind", "kicker", "headline", "subhead", "byline", "label", "photos")
PHOTO_KEYS = ("file", "caption", "credit", "place", "cols", "rows", "fit", "min_rows", "max_rows")
KINDS = ("news", "picture")
FITS = ("fill", "fit")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"^---[ \t]*$")
_PARA_START_SPACE = " \t\u3000"  # dropped at a paragraph start: the indent is the engine's


# -- body ---------------------------------------------------------------------
def _wide(ch: str) -> bool:
    """CJK-like: wide/fullwidth, or ambiguous-width non-letters such as “ ” ‘ ’ ……"""
    eaw = unicodedata.east_asian_width(ch)
    return eaw in ("W", "F") or (eaw == "A" and not ch.isalpha())


def join_lines(lines: list[str]) -> str:
    """Join the source lines of one paragraph.

    Nothing goes between two CJK characters or CJK and Latin (the composer adds the
    ¼ em between Han and Latin, clreq §3.4), one space between two Latin words.
    """
    out = ""
    for line in lines:
        if out and line and not _wide(out[-1]) and not _wide(line[0]):
            out += " "
        out += line
    return out


def parse_runs(text: str) -> tuple[Run, ...]:
    """`**bold**` runs; an unpaired `**` is text."""
    return tuple(Run(part, bold) for part, bold, _at in _run_parts(text))


def _run_parts(text: str) -> list[tuple[str, bool, int]]:
    """(text, bold, index in `text` where it starts) of each run, markers left out."""
    parts = text.split("**")
    if len(parts) % 2 == 0:  # odd number of markers: the last one has no partner
        parts = [*parts[:-2], parts[-2] + "**" + parts[-1]]
    out = []
    at = 0
    for i, part in enumerate(parts):
        if part:
            out.append((part, i % 2 == 1, at))
        at += len(part) + 2
    return out


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based line in the file
    text: str


def _paragraph(lines: list[_Line], display: str, story: str) -> Block | None:
    first = lines[0].text.rstrip(" \t")
    stripped = first.lstrip(_PARA_START_SPACE)
    col = len(first) - len(stripped) + 1
    # (line, col) of every character of the joined source text, for TextOrigin
    positions = [(lines[0].number, col + k) for k in range(len(stripped))]
    pieces = [stripped]
    for ln in lines[1:]:
        body = ln.text.strip(" \t")
        lead = len(ln.text) - len(ln.text.lstrip(" \t"))
        joined = join_lines([*pieces, body])
        if len(joined) > sum(map(len, pieces)) + len(body):  # join_lines put a space between
            positions.append(positions[-1])
        positions += [(ln.number, lead + 1 + k) for k in range(len(body))]
        pieces = [joined[: len(joined) - len(body)], body]
    text = join_lines([stripped, *[ln.text.strip(" \t") for ln in lines[1:]]])
    if not text:
        return None
    runs, kept = [], []
    for part, bold, at in _run_parts(text):
        runs.append(Run(part, bold))
        kept += positions[at:at + len(part)]
    return Block("para", tuple(runs), SourceRef(display, lines[0].number, col, story=story),
                 TextOrigin.from_positions(display, kept, story))


def parse_body(text: str, first_line: int, display: str, story: str) -> tuple[Block, ...]:
    """Body text (already NFC) starting at `first_line` of its file → blocks with positions."""
    blocks: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            block = _paragraph(para, display, story)
            if block is not None:
                blocks.append(block)
            para.clear()

    for i, raw in enumerate(_LINE_BREAK.split(text)):
        number = first_line + i
        if not raw.strip():
            flush()
        elif raw.startswith("## ") and raw[3:].strip():
            flush()
            head = raw[3:].strip(_PARA_START_SPACE)
            col = len(raw) - len(raw[3:].lstrip(_PARA_START_SPACE)) + 1
            positions = [(number, col + k) for k in range(len(head))]
            runs, kept = [], []
            for part, bold, at in _run_parts(head):
                runs.append(Run(part, bold))
                kept += positions[at:at + len(part)]
            blocks.append(Block("subhead", tuple(runs),
                                SourceRef(display, number, col, story=story),
                                TextOrigin.from_positions(display, kept, story)))
        else:
            para.append(_Line(number, raw))
    flush()
    return tuple(blocks)


# -- front matter ---------------------------------------------------------------
def explicit_lines(text: str) -> str:
    """A headline's own line breaks (a YAML block scalar `|`), kept as single newlines:
    each line stripped, empty lines dropped (manifest.md "Headline line breaks")."""
    return "\n".join(ln.strip() for ln in _LINE_BREAK.split(text) if ln.strip())


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, body's first line number), or None if there is no front matter."""
    lines = _LINE_BREAK.split(text)
    if not lines or not _FENCE.match(lines[0]):
        return None
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None


def value_origin(node: Node, story: str | None) -> TextOrigin:
    """Where each character of a scalar's (stripped) value was written.

    Exact for values on one line, plain or quoted without escapes (what a headline or
    caption is); other values point every character at the value's start.
    """
    mark = node.start_mark
    line, col = mark.line + 1, mark.column + 1
    style = getattr(node, "style", None)
    raw = getattr(node, "value", "")
    one_line = isinstance(raw, str) and "\n" not in raw and style in (None, "'", '"')
    if one_line and style in ("'", '"'):
        col += 1
        if "\\" in raw or "''" in raw:
            one_line = False
    if one_line:
        col += len(raw) - len(raw.lstrip())
        return TextOrigin(mark.name, ((0, line, col),), story)
    return TextOrigin(mark.name, ((0, line, col), (1, line, 0)), story)


def _headline_text(at: Scope, node: Node, name: str) -> str | None:
    """Text whose own line breaks are kept (a headline or subhead in a `|` block)."""
    text = at.c.text(node, name)
    return None if text is None else explicit_lines(text)


def _photo_file(c: Checker, node: Node | None, what: str, issue_dir: Path) -> str | None:
    """The photo's path as written, if it names a file inside the issue folder."""
    if node is None:
        return None  # `file` is required: the mapping said so
    rel = c.text(node, msg("{what} {key}", what=what, key="file"))
    if rel is None:
        return None
    problem = inside_problem(issue_dir, rel)
    if problem:
        c.error(node, msg("{what}: {problem}", what=what, problem=problem),
                missing_hint(issue_dir, rel, msg("put the photo in the issue folder (e.g. "
                                                 "photos/) and name it relative to it")),
                check="missing-file")
        return None
    return rel


def _cols_need_a_side(at: Scope) -> None:
    place = at.values["place"]
    if "cols" in at.keys and place in ("top", "bottom"):
        at.c.error(at.keys["cols"], msg("{what} has cols but place: {place} always spans the box",
                                        what=at.what, place=place),
                   msg("remove cols, or use place: top-left / top-right"))


#: a story photo's keys besides `file` (read first: the photo is nothing without it)
PHOTO = Table(Photo, (
    Field("place", Choice(PLACES)),
    Field("cols", Integer(lo=1)),
    Rule(_cols_need_a_side),
    Field("rows", Integer(lo=1)),
    Field("fit", Choice(FITS)),
    Field("caption", Text(), or_default=True),
    Field("credit", Text(), or_default=True),
    *PHOTO_LIMITS,
), called=spaced)


def _photo(c: Checker, node: Node, i: int, issue_dir: Path) -> Photo | None:
    what = msg("photo {i}", i=i)
    keys = c.mapping(node, what, PHOTO_KEYS, required=("file",))
    if keys is None:
        return None
    rel = _photo_file(c, keys.get("file"), what, issue_dir)
    v = PHOTO.read(c, keys, what)
    if rel is None or v["place"] is None or v["fit"] is None:
        return None
    origins = tuple((k, value_origin(keys[k], c.story)) for k in ("caption", "credit")
                    if k in keys)
    return Photo((issue_dir / rel).resolve(), rel, **v, ref=ref(node, c.story), origins=origins)


def _story_photo(at: Scope, node: Node, i: int) -> Photo | None:
    return _photo(at.c, node, i, at.values["issue_dir"])


def _news_keys(at: Scope) -> None:
    """A news story has a headline, and no label (only a picture story is labelled)."""
    if at.values["kind"] != "news" or at.node is None:
        return
    if "headline" not in at.keys:
        at.c.error(at.node, msg("{what} is missing the required key {key!r}",
                                what=msg("story front matter"), key="headline"),
                   msg("add `headline: …` (only kind: picture may go without one)"))
    elif not at.values["headline"]:
        at.c.error(at.keys["headline"], msg("{key} is empty", key="headline"),
                   msg("write the headline"))
    if "label" in at.keys:
        at.c.error(at.keys["label"], msg("label is only for picture stories"),
                   msg("add `kind: picture`, or remove label"))


def _picture_needs_photo(at: Scope) -> None:
    if at.values["kind"] == "picture" and at.node is not None and "photos" not in at.keys:
        at.c.error(at.node, msg("a picture story needs a photo"),
                   msg("add `photos:` with at least one `file:`"))


#: the front matter; a line break the editor writes in a headline or subhead is a line break
STORY = Table(Story, (
    Field("kind", Choice(KINDS)),
    Field("kicker", Text(), or_default=True),
    Field("headline", _headline_text, or_default=True),
    Field("subhead", _headline_text, or_default=True),
    Field("byline", Text(), or_default=True),
    Field("label", Text(), or_default=True),
    Rule(_news_keys),
    Field("photos", sequence_of(_story_photo)),
    Rule(_picture_needs_photo),
))
TEXT_KEYS = ("kicker", "headline", "subhead", "byline", "label")  # where each was written


def _source(path: Path, display: str, findings: list[Finding]) -> tuple[str, str, int] | None:
    """(front matter, body, body's first line) of a story file, or None after a finding."""
    text, problems = read_text(path, display)
    findings.extend(problems)
    if text is None:
        return None
    parts = split_front_matter(unicodedata.normalize("NFC", text))
    if parts is None:
        findings.append(Finding(
            "manifest", "error", msg("story has no front matter"),
            where=SourceRef(display, 1, 1),
            hint=msg("start the file with a line ---, the keys (headline: …), and another "
                     "line ---")))
    return parts


def _front_matter(c: Checker, root: Node | None, problems: list[Finding],
                  where: SourceRef) -> dict[str, Node]:
    if root is not None:
        return c.mapping(root, msg("story front matter"), STORY_KEYS) or {}
    if not problems:
        c.findings.append(Finding("manifest", "error", msg("story front matter is empty"),
                                  where=where, hint=msg("add at least `headline: …`")))
    return {}


def read_story(story_id: str, path: Path, display: str, issue_dir: Path,
               findings: list[Finding], kept: KeptNodes | None = None) -> Story | None:
    """Load one story file, appending every problem to `findings`."""
    start = len(findings)
    parts = _source(path, display, findings)
    if parts is None:
        return None
    front, body, body_line = parts
    root, problems = parse_yaml(front, display, line_offset=1, kept=kept)
    findings.extend(problems)
    c = Checker(findings, story=story_id)
    fm_ref = SourceRef(display, 1, 1, story=story_id)
    keys = _front_matter(c, root, problems, fm_ref)
    v = STORY.read(c, keys, "", {"issue_dir": issue_dir}, node=root)
    blocks = parse_body(body, body_line, display, story_id)
    if any(f.severity == "error" for f in findings[start:]) or v["kind"] is None:
        return None
    origins = tuple((k, value_origin(keys[k], story_id)) for k in TEXT_KEYS if k in keys)
    return Story(story_id, path.resolve(), **v, blocks=blocks, ref=fm_ref, origins=origins)


def load_story(story_id: str, path: Path, issue_dir: Path, display: str | None = None) -> Story:
    """One story file on its own; raises InputError with every problem."""
    findings: list[Finding] = []
    story = read_story(story_id, path, display or str(path), issue_dir, findings)
    if story is None or findings:
        raise InputError(findings)
    return story
