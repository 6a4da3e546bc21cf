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
from xhprint.manifest.paths import inside_problem, missing_hint
from xhprint.manifest.placing import photo_limits
from xhprint.manifest.yamlsource import Node, parse_yaml, read_text, ref
from xhprint.model.findings import Finding, InputError
from xhprint.model.issue import Block, Photo, Run, Story
from xhprint.model.source import SourceRef, TextOrigin

STORY_KEYS = ("kind", "kicker", "headline", "subhead", "byline", "label", "photos")
PHOTO_KEYS = ("file", "caption", "credit", "place", "cols", "rows", "fit", "min_rows", "max_rows")
KINDS = ("news", "picture")
PLACES = ("top", "bottom", "top-left", "top-right", "above")
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


def _photo(c: Checker, node: Node, i: int, issue_dir: Path) -> Photo | None:
    what = msg("photo {i}", i=i)

    def key(name: str) -> str:
        return msg("{what} {key}", what=what, key=name)

    keys = c.mapping(node, what, PHOTO_KEYS, required=("file",))
    if keys is None:
        return None
    rel = c.text(keys["file"], key("file")) if "file" in keys else None
    path = None
    if rel is not None and "file" in keys:
        problem = inside_problem(issue_dir, rel)
        if problem:
            c.error(keys["file"], msg("{what}: {problem}", what=what, problem=problem),
                    missing_hint(issue_dir, rel, msg("put the photo in the issue folder (e.g. "
                                                     "photos/) and name it relative to it")),
                    check="missing-file")
        else:
            path = (issue_dir / rel).resolve()
    place = c.enum(keys["place"], key("place"), PLACES) if "place" in keys else "top"
    cols = c.integer(keys["cols"], key("cols"), lo=1) if "cols" in keys else None
    if "cols" in keys and place in ("top", "bottom"):
        c.error(keys["cols"], msg("{what} has cols but place: {place} always spans the box",
                                  what=what, place=place),
                msg("remove cols, or use place: top-left / top-right"))
    rows = c.integer(keys["rows"], key("rows"), lo=1) if "rows" in keys else None
    fit = c.enum(keys["fit"], key("fit"), FITS) if "fit" in keys else "fill"
    caption = c.text(keys["caption"], key("caption")) if "caption" in keys else ""
    credit = c.text(keys["credit"], key("credit")) if "credit" in keys else ""
    limits = photo_limits(c, keys, what, rows, place)
    if path is None or rel is None or place is None or fit is None:
        return None
    origins = tuple((k, value_origin(keys[k], c.story)) for k in ("caption", "credit")
                    if k in keys)
    return Photo(path, rel, caption or "", credit or "", place, cols, rows, fit,
                 ref(node, c.story), origins, *limits)


def read_story(story_id: str, path: Path, display: str, issue_dir: Path,
               findings: list[Finding]) -> Story | None:
    """Load one story file, appending every problem to `findings`."""
    start = len(findings)
    text, problems = read_text(path, display)
    findings.extend(problems)
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)
    parts = split_front_matter(text)
    if parts is None:
        findings.append(Finding(
            "manifest", "error", msg("story has no front matter"),
            where=SourceRef(display, 1, 1),
            hint=msg("start the file with a line ---, the keys (headline: …), and another "
                     "line ---")))
        return None
    front, body, body_line = parts
    root, problems = parse_yaml(front, display, line_offset=1)
    findings.extend(problems)
    c = Checker(findings, story=story_id)
    fm_ref = SourceRef(display, 1, 1, story=story_id)
    keys: dict[str, Node] = {}
    if root is not None:
        keys = c.mapping(root, msg("story front matter"), STORY_KEYS) or {}
    elif not problems:
        findings.append(Finding("manifest", "error", msg("story front matter is empty"),
                                where=fm_ref, hint=msg("add at least `headline: …`")))
    kind = c.enum(keys["kind"], "kind", KINDS) if "kind" in keys else "news"
    fields = {k: (c.text(keys[k], k) or "") if k in keys else ""
              for k in ("kicker", "headline", "subhead", "byline", "label")}
    for k in ("headline", "subhead"):  # a line break the editor writes is a line break
        fields[k] = explicit_lines(fields[k])
    if kind == "news" and root is not None:
        if "headline" not in keys:
            c.error(root, msg("{what} is missing the required key {key!r}",
                              what=msg("story front matter"), key="headline"),
                    msg("add `headline: …` (only kind: picture may go without one)"))
        elif not fields["headline"]:
            c.error(keys["headline"], msg("{key} is empty", key="headline"),
                    msg("write the headline"))
        if "label" in keys:
            c.error(keys["label"], msg("label is only for picture stories"),
                    msg("add `kind: picture`, or remove label"))
    photos: list[Photo] = []
    if "photos" in keys:
        for i, node in enumerate(c.sequence(keys["photos"], "photos") or [], 1):
            photo = _photo(c, node, i, issue_dir)
            if photo is not None:
                photos.append(photo)
    if kind == "picture" and root is not None and "photos" not in keys:
        c.error(root, msg("a picture story needs a photo"),
                msg("add `photos:` with at least one `file:`"))
    blocks = parse_body(body, body_line, display, story_id)
    if any(f.severity == "error" for f in findings[start:]) or kind is None:
        return None
    origins = tuple((k, value_origin(keys[k], story_id)) for k in fields if k in keys)
    return Story(story_id, path.resolve(), kind, fields["kicker"], fields["headline"],
                 fields["subhead"], fields["byline"], fields["label"], tuple(photos), blocks,
                 fm_ref, origins)


def load_story(story_id: str, path: Path, issue_dir: Path, display: str | None = None) -> Story:
    """One story file on its own; raises InputError with every problem."""
    findings: list[Finding] = []
    story = read_story(story_id, path, display or str(path), issue_dir, findings)
    if story is None or findings:
        raise InputError(findings)
    return story
