"""The build/preflight report (outputs.md "The report"): JSON, a terminal table, an exit status."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from xhprint.model.findings import LOADING_CHECKS, Finding


@dataclass(frozen=True)
class OutputFile:
    """One written output and its SHA-256, so the press can confirm what it received."""

    path: str  # relative to OUT, e.g. print/issue.pdf
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Report:
    """Everything a run found; `ready_for_press` only when there is no error."""

    findings: tuple[Finding, ...]
    issue_number: int | None = None
    issue_total: int | None = None
    issue_date: _dt.date | None = None
    pages: tuple[dict[str, Any], ...] = ()
    outputs: tuple[OutputFile, ...] = ()
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ready_for_press(self) -> bool:
        return not self.errors

    @property
    def exit_status(self) -> int:
        """0 ready, 1 error findings after layout, 2 could not be laid out / read."""
        if any(f.check in LOADING_CHECKS or f.check == "pdf-unreadable" for f in self.errors):
            return 2
        return 1 if self.errors else 0

    def sorted_findings(self) -> tuple[Finding, ...]:
        """Errors first, then by page and check; stable otherwise."""
        order = {"error": 0, "warning": 1}
        return tuple(
            sorted(
                self.findings,
                key=lambda f: (order[f.severity], f.page if f.page is not None else 0),
            )
        )

    def to_json(self, include_timings: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"version": 1}
        if self.issue_number is not None:
            out["issue"] = {
                "number": self.issue_number,
                "total": self.issue_total,
                "date": self.issue_date.isoformat() if self.issue_date else None,
            }
        out["ready_for_press"] = self.ready_for_press
        out["findings"] = [f.to_json() for f in self.sorted_findings()]
        out["pages"] = list(self.pages)
        out["outputs"] = {o.path: {"sha256": o.sha256, "bytes": o.bytes} for o in self.outputs}
        if include_timings:
            out["timings_s"] = {k: round(v, 3) for k, v in self.timings_s.items()}
        return out

    def table(self) -> str:
        """The terminal report: one line per finding, errors first, then the verdict."""
        lines = [f.describe() for f in self.sorted_findings()]
        ne, nw = len(self.errors), len(self.warnings)
        if ne:
            lines.append(f"NOT READY: {ne} error{'s' * (ne != 1)}, {nw} warning{'s' * (nw != 1)}")
        else:
            lines.append(f"READY FOR PRESS ({nw} warning{'s' * (nw != 1)})")
        return "\n".join(lines)
