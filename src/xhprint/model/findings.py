"""Findings: every problem the tool reports, from loading to PDF checks.

A finding is data, never an exception, so that all problems of a run can be
listed together (architecture.md practice 3 and 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xhprint.model.source import SourceRef

Severity = Literal["error", "warning"]

# Checks whose errors stop layout (exit status 2): outputs.md "Commands".
LOADING_CHECKS = frozenset({"manifest", "missing-file", "bad-image", "box-overlap", "jump"})


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

    def to_json(self) -> dict[str, object]:
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
        out["message"] = self.message
        if self.where is not None:
            out["where"] = str(self.where)
        if self.hint is not None:
            out["hint"] = self.hint
        return out

    def describe(self) -> str:
        """One human line: `where: severity[check]: message (hint)`."""
        place = str(self.where) if self.where else (self.pdf or "")
        loc = []
        if self.page is not None:
            loc.append(f"page {self.page}")
        if self.item:
            loc.append(self.item)
        head = f"{place}: " if place else ""
        ctx = f" [{', '.join(loc)}]" if loc else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{head}{self.severity}[{self.check}]{ctx}: {self.message}{hint}"


class InputError(Exception):
    """Raised when loading stops: carries every loading finding at once (exit 2)."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]):
        self.findings = tuple(findings)
        super().__init__("\n".join(f.describe() for f in self.findings))
