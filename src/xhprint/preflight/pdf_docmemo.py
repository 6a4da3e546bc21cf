"""The findings of a whole PDF's checks, kept in the store so unchanged bytes are not parsed.

A warm build of an unchanged issue renders the same edition bytes and places the same
supplied adverts; checking them again means parsing them with pypdf (importing it alone
costs ~56 ms) and digesting every page to find the page checks kept by pdf_pagememo.py.
What `check_pdf` says is a pure function of the PDF's bytes and of what the page check's
key holds that is not derived from them: the profile, the limits and bounds, the slug and
trim options, the placements (here with their page numbers), the checks' code, and the
pypdf and Pillow versions. The `doccheck` entry's key is the digest of all of those; its
value is the findings in order, a finding's photo or advert by its position among the
placements and its PDF by the label it is checked under.

A miss runs `check_pdf` as without the memo and keeps what it found; a document with a
`pdf-unreadable` finding (which a time bound may decide) or a finding that names
something other than a placement is not kept, and is checked again next time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.libversion import pypdf_version
from xhprint.model.findings import Finding
from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_pagememo import code_digest, finding_row, placed_key, replayed
from xhprint.preflight.pdf_places import Placed
from xhprint.store import Store, open_store

if TYPE_CHECKING:
    from xhprint.preflight.pdf_memo import PreflightMemo

#: bump to drop every kept document check (the checks' source is in the key as well)
DOC_CHECK_VERSION = 1
Row = tuple[str, str, Any, Any, int | None, int]


class DocumentChecks:
    """Kept document checks in the store's `doccheck` space."""

    def __init__(self, store: Store | Path | None):
        self._space = open_store(store).space("doccheck", DOC_CHECK_VERSION)
        self._code: str | None = None
        self.hits = 0

    def key(self, data: bytes, profile: str, limits: PreflightLimits,
            trim_mm: tuple[float, float] | None, skip_slug: bool, bounds: PdfBounds,
            placed: tuple[Placed, ...]) -> str:  # fmt: skip
        """The key of the findings of `data` checked with these settings."""
        from PIL import __version__ as pillow_version

        if self._code is None:
            self._code = code_digest()
        pages = [(p.page, row) for p, row in zip(placed, placed_key(placed), strict=True)]
        return self._space.key(self._code, pypdf_version(), pillow_version, profile,
                               repr(limits), repr(bounds), trim_mm, skip_slug, pages,
                               hashlib.sha256(data).hexdigest())

    def findings(self, key: str, label: str, placed: tuple[Placed, ...]) -> list[Finding] | None:
        """The kept findings under `key`, named `label`, or None (absent or not a record)."""
        found = self._space.get(key)
        if found is None:
            return None
        try:
            rows = [_row(r) for r in json.loads(found)]
        except (ValueError, TypeError):  # an entry of another shape: check again
            return None
        if any(index >= len(placed) for *_rest, index in rows):
            return None
        self.hits += 1
        return [replayed((c, s, m, h, i), page, label, placed) for c, s, m, h, page, i in rows]

    def keep(self, key: str, findings: Sequence[Finding], placed: tuple[Placed, ...]) -> None:
        """Keep `findings` under `key`, unless they cannot be replayed exactly."""
        if any(f.check == "pdf-unreadable" for f in findings):
            return
        rows = []
        for f in findings:
            row = finding_row(f, placed)
            if row is None:
                return
            check, severity, message, hint, index = row
            rows.append([check, severity, message, hint, f.page, index])
        self._space.put(key, json.dumps(rows, ensure_ascii=False, sort_keys=True).encode())


def _row(value: Any) -> Row:
    check, severity, message, hint, page, index = value
    return (str(check), str(severity), message, hint,
            None if page is None else int(page), int(index))


def check_kept(kept: DocumentChecks | None, pdf: bytes | Path, profile: str,
               limits: PreflightLimits, *, label: str, placed: Sequence[Placed] = (),
               memo: PreflightMemo | None = None, trim_mm: tuple[float, float] | None = None,
               skip_slug: bool = True,
               bounds: PdfBounds = PdfBounds()) -> list[Finding]:  # noqa: B008 — frozen
    """`check_pdf` of `pdf` named `label`, its findings replayed from `kept` when the same
    bytes were checked with the same settings before (and kept there when not)."""
    data = _bytes(pdf, bounds)
    at = tuple(placed)
    key = None
    if kept is not None and data is not None:
        key = kept.key(data, profile, limits, trim_mm, skip_slug, bounds, at)
        found = kept.findings(key, label, at)
        if found is not None:
            return found
    from xhprint.preflight.pdf_checks import check_pdf

    findings = check_pdf(data if data is not None else pdf, profile, limits, trim_mm=trim_mm,
                         label=label, skip_slug=skip_slug, bounds=bounds, memo=memo,
                         placed=at)
    if kept is not None and key is not None:
        kept.keep(key, findings, at)
    return findings


def _bytes(pdf: bytes | Path, bounds: PdfBounds) -> bytes | None:
    """The PDF's bytes; None when a file cannot be, or is too large to be, read (check_pdf
    then reads it and says why)."""
    if isinstance(pdf, bytes):
        return pdf
    try:
        if pdf.stat().st_size > bounds.max_file_bytes:
            return None
        return pdf.read_bytes()
    except OSError:
        return None
