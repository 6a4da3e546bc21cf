"""Findings: every problem the tool reports, from loading to PDF checks.

A finding is data, never an exception, so that all problems of a run can be
listed together (architecture.md practice 3 and 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xhprint.i18n import Message, Translations, msg, pmsg, tr
from xhprint.model.source import SourceRef

Severity = Literal["error", "warning"]


SEVERITY_WORDS: dict[str, Message] = {"error": msg("error"), "warning": msg("warning")}
# Items that are parts of the template, not a story or advert: named in the reader's language
# on the terminal, by their id in report.json.
ITEM_WORDS: dict[str, Message] = {"masthead": msg("masthead"), "header": msg("page header")}


@dataclass(frozen=True)
class Finding:
    """One problem: a check id from preflight.md, a severity and where it is."""

    check: str
    severity: Severity
    message: str
    where: SourceRef | None = None
    page: int | None = None
    item: str | None = None
    pdf: str | None = None
    hint: str | None = None

    def to_json(self, translations: Translations = None) -> dict[str, object]:
        """Check ids, severity and item stay as they are; message and hint in the language
        of `translations` (None: English)."""
        out: dict[str, object] = {
            "check": self.check,
            "severity": self.severity,
        }
        if self.page is not None:
            out["page"] = self.page
        if self.item is not None:
            out["item"] = self.item
        if self.pdf is not None:
            out["pdf"] = self.pdf
        out["message"] = tr(self.message, translations)
        if self.where is not None:
            out["where"] = str(self.where)
        if self.hint is not None:
            out["hint"] = tr(self.hint, translations)
        return out

    def describe(self, translations: Translations = None, pdf_pages: bool = False) -> str:
        """One human line: `where: severity[check] [page, item]: message — hint`, in the
        language of `translations` (the place, check id and item stay as they are).

        `pdf_pages`: the page is a page of a PDF file (`preflight FILE.pdf`), not of the issue.
        """
        place = str(self.where) if self.where else (self.pdf or "")
        loc = []
        if self.page is not None:
            page = pmsg("PDF", "page {n}", n=self.page) if pdf_pages else msg("page {n}",
                                                                                n=self.page)
            loc.append(tr(page, translations))
        if self.item:
            word = ITEM_WORDS.get(self.item)
            loc.append(tr(word, translations) if word is not None else self.item)
        head = f"{place}: " if place else ""
        ctx = f" [{', '.join(loc)}]" if loc else ""
        hint = f" — {tr(self.hint, translations)}" if self.hint else ""
        severity = tr(SEVERITY_WORDS[self.severity], translations)
        return (f"{head}{severity}[{self.check}]{ctx}: {tr(self.message, translations)}"
                f"{hint}")


class InputError(Exception):
    """Raised when loading stops: carries every loading finding at once (exit 2)."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]):
        self.findings = tuple(findings)
        super().__init__("\n".join(f.describe() for f in self.findings))
