"""`xhprint suggest`: the boxes automatic placement chose, as YAML, and written into
issue.yaml so the editor can start from the engine's page and adjust it by hand.

Writing is a round trip through ruamel.yaml, the one YAML library that keeps what the
editor wrote — comments, key order, flow mappings, quoting, indentation — while a key is
added; PyYAML's dump would throw all of it away. Only the placed items change: each gets
`box:` right after its `story:` (and `photos:`/`headline_space:` when the engine sized
a photo or added air to a headline); every other line stays as it was.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from xhprint.model.issue import Box, PhotoSize


@dataclass(frozen=True)
class Suggestion:
    """The box (and photo sizes, headline air) the engine gave one story on one page."""

    page: int
    story: str
    box: Box
    photos: tuple[PhotoSize | None, ...] = ()
    headline_space: int = 0


def _flow(pairs: Sequence[tuple[str, object]]) -> CommentedMap:
    m = CommentedMap(pairs)
    m.fa.set_flow_style()
    return m


def _box(box: Box) -> CommentedMap:
    return _flow([("col", box.col), ("row", box.row), ("cols", box.cols), ("rows", box.rows)])


def _photos(photos: Sequence[PhotoSize | None]) -> CommentedSeq:
    seq = CommentedSeq()
    for p in photos:
        seq.append(None if p is None else _flow(
            [(k, v) for k, v in (("place", p.place), ("cols", p.cols), ("rows", p.rows))
             if v is not None]))
    return seq


def _fields(s: Suggestion) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("box", _box(s.box))]
    if any(p is not None for p in s.photos):
        out.append(("photos", _photos(s.photos)))
    if s.headline_space:
        out.append(("headline_space", s.headline_space))
    return out


def _yaml(indent: int = 4, block_seq_indent: int = 2) -> YAML:
    y = YAML()  # round trip
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=max(2, indent - block_seq_indent), sequence=indent,
             offset=block_seq_indent)
    return y


def suggestions_yaml(suggestions: Sequence[Suggestion]) -> str:
    """The placed boxes page by page, in issue.yaml's own shape."""
    pages = CommentedSeq()
    for number in sorted({s.page for s in suggestions}):
        items = CommentedSeq()
        for s in suggestions:
            if s.page == number:
                items.append(CommentedMap([("story", s.story), *_fields(s)]))
        pages.append(CommentedMap([("number", number), ("items", items)]))
    out = io.StringIO()
    _yaml().dump(CommentedMap([("pages", pages)]), out)
    return out.getvalue()


def write_suggestions(text: str, suggestions: Sequence[Suggestion]) -> str:
    """issue.yaml's text with every suggestion written into its item; the rest untouched.

    An item is the one on the suggestion's page naming its story and having no box (the
    loader made sure a story is on a page once).
    """
    _data, indent, block_seq_indent = load_yaml_guess_indent(text)
    y = _yaml(indent or 4, block_seq_indent or 0)
    doc = y.load(text)
    for s in suggestions:
        items = doc["pages"][s.page - 1]["items"]
        item = next(it for it in items
                    if isinstance(it, CommentedMap) and it.get("story") == s.story
                    and "box" not in it)
        at = list(item.keys()).index("story") + 1
        for key, value in _fields(s):
            if key in item:
                item[key] = value
            else:
                item.insert(at, key, value)
                at += 1
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()
