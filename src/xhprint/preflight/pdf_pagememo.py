"""The findings of a page's checks, kept in the store so an unchanged page is not walked again.

What `_check_page` says about a page is a pure function of what it reads: the page
dictionary (boxes, content streams, resources, annotations — every object reachable
from it, streams by the digest of their bytes), the check settings (profile, limits,
bounds, slug and trim options, whether the document has an OutputIntent), the
placements on the page that name findings (photo, advert), what earlier pages
already reported (a font, an image's TAC and a spot colour are reported once per
document) and the code of the checks. The entry's key is the digest of all of
those, and never names the page's number or its objects' numbers: a page that moves,
or whose objects are renumbered, is still found, and its findings get their page
number back when they are replayed. The value holds the findings in order, what the
page adds to the document's once-only state (fonts, images, spots, by content
digest), and what it spent of the budget, so the bounds keep counting.

Only our own editions use it (a `PreflightMemo` is given); a page whose findings or
state cannot be written down exactly is simply walked, as without a memo.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.i18n import from_data, to_data
from xhprint.model.findings import Finding
from xhprint.preflight.pdf_places import Placed
from xhprint.store import source_digest

if TYPE_CHECKING:
    from pypdf.generic import DictionaryObject, IndirectObject

#: bump to drop every kept page check (the checks' source is in the key as well)
PAGE_CHECK_VERSION = 1
_CODE_FILES = ("preflight", "model/checks.py", "model/findings.py", "model/colour.py")


def code_digest() -> str:
    """The digest of the checks' source: an edited check never serves an old finding
    ("unreadable" stands for sources that cannot be read, as a sourceless install)."""
    root = Path(__file__).resolve().parents[1]
    return source_digest(root / rel for rel in _CODE_FILES) or "unreadable"


class ObjectDigests:
    """Content digests of one document's objects, each indirect object digested once.

    A reference to a page becomes its position in the document (a link's target), and
    /Parent is left out (it leads to the page tree, not to what a page draws).
    """

    def __init__(self, page_refs: list[tuple[int, int]]):
        self._pages = {ref: i for i, ref in enumerate(page_refs)}
        self.by_ref: dict[tuple[int, int], str] = {}
        self._busy: list[tuple[int, int]] = []

    def of(self, value: Any) -> str:
        h = hashlib.sha256()
        self._feed(h, value)
        return h.hexdigest()

    def _ref(self, ref: IndirectObject) -> str:
        key = (ref.idnum, ref.generation)
        if key in self._pages:
            return f"page#{self._pages[key]}"
        found = self.by_ref.get(key)
        if found is not None:
            return found
        if key in self._busy:  # a cycle: which enclosing object it returns to
            return f"cycle#{len(self._busy) - self._busy.index(key)}"
        self._busy.append(key)
        try:
            found = self.of(ref.get_object())
        finally:
            self._busy.pop()
        self.by_ref[key] = found
        return found

    def _feed(self, h: Any, value: Any) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

        if isinstance(value, IndirectObject):
            h.update(b"R" + self._ref(value).encode() + b";")
        elif isinstance(value, StreamObject):
            raw = getattr(value, "_data", None)
            raw = raw if isinstance(raw, bytes) else b""  # as stored (still encoded)
            h.update(b"S" + hashlib.sha256(raw).digest())
            self._dict(h, value)
        elif isinstance(value, DictionaryObject):
            self._dict(h, value)
        elif isinstance(value, ArrayObject):
            h.update(b"[")
            for v in value:
                self._feed(h, v)
            h.update(b"]")
        else:
            h.update(type(value).__name__.encode() + b":" + repr(value).encode() + b";")

    def _dict(self, h: Any, d: DictionaryObject) -> None:
        h.update(b"<<")
        for k in sorted(d.keys()):
            if k == "/Parent":
                continue
            h.update(str(k).encode() + b"=")
            self._feed(h, dict.__getitem__(d, k))  # unresolved: references stay references
        h.update(b">>")


@dataclass(frozen=True)
class PageRecord:
    """What checking a page said and did, without its number or its objects' numbers."""

    #: (check, severity, message data, hint data, index of the placement or -1)
    findings: tuple[tuple[str, str, Any, Any, int], ...]
    fonts: tuple[str, ...]  # digests of the fonts it reported
    images: tuple[str, ...]  # digests of the images whose TAC it measured
    spots: tuple[str, ...]  # spot colour names it reported
    content_bytes: int
    operations: int

    def to_bytes(self) -> bytes:
        return json.dumps([list(self.findings), self.fonts, self.images, self.spots,
                           self.content_bytes, self.operations],
                          ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> PageRecord:
        """The record in `data`; ValueError (a miss) when it is not one."""
        try:
            found, fonts, images, spots, nbytes, ops = json.loads(data)
            rows = tuple((str(c), str(s), m, h, int(i)) for c, s, m, h, i in found)
            return cls(rows, tuple(map(str, fonts)), tuple(map(str, images)),
                       tuple(map(str, spots)), int(nbytes), int(ops))
        except (TypeError, KeyError) as exc:
            raise ValueError("not a page record") from exc


def finding_row(f: Finding, placed: tuple[Placed, ...]) -> tuple[str, str, Any, Any, int] | None:
    """A finding as a record row, its photo or advert by position among `placed` (None: it
    names something else, and the page is not kept)."""
    index = -1
    if f.item is not None or f.where is not None:
        index = next((i for i, p in enumerate(placed)
                      if p.item == f.item and p.where == f.where), -2)
        if index == -2:
            return None
    return (f.check, f.severity, to_data(f.message), to_data(f.hint), index)


def replayed(row: tuple[str, str, Any, Any, int], page: int | None, pdf: str,
             placed: tuple[Placed, ...]) -> Finding:
    """A record row as the finding on page `page` (None: of the document) of `pdf`."""
    check, severity, message, hint, index = row
    at = placed[index] if index >= 0 else None
    return Finding(check, severity, from_data(message), page=page,  # type: ignore[arg-type]
                   pdf=pdf, hint=from_data(hint), item=at.item if at else None,
                   where=at.where if at else None)


def placed_key(placed: tuple[Placed, ...]) -> list[object]:
    """The placements on a page as key data (without the page number)."""
    return [(p.rect, p.kind, p.file, p.item, repr(p.where)) for p in placed]
