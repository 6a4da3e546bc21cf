"""The build/preflight report (outputs.md "The report"): JSON, a terminal table, an exit status.

Check ids, severities and items stay language-neutral; messages, hints and the verdict are in
the reader's language (`lang`, with its catalogue `translations`), in report.json as on the
terminal, and report.json says which (`"lang"`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from xhprint.i18n import Message, Translations, msg, nmsg, tr
from xhprint.model.checks import LOADING_CHECKS
from xhprint.model.findings import Finding


def _verdicts(profile: str | None, errors: Message, warnings: Message) -> tuple[Message, Message]:
    """The verdict line per profile (outputs.md): (no errors, errors). Only print says
    "press"."""
    if profile == "ad":
        return (msg("ADVERT ACCEPTED ({warnings})", warnings=warnings),
                msg("ADVERT REJECTED: {errors}, {warnings}", errors=errors, warnings=warnings))
    if profile == "digital":
        return (msg("FIT FOR THE WEB ({warnings})", warnings=warnings),
                msg("NOT FIT FOR THE WEB: {errors}, {warnings}", errors=errors,
                    warnings=warnings))
    return (msg("READY FOR PRESS ({warnings})", warnings=warnings),
            msg("NOT READY: {errors}, {warnings}", errors=errors, warnings=warnings))


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
    #: the PDF profile of `preflight FILE.pdf` (newsprint, digital, ad); None for an issue
    profile: str | None = None
    #: the reader's language and its catalogue (None: English): messages, hints, verdict
    lang: str = "en"
    translations: Translations = field(default=None, compare=False, repr=False)

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
        out: dict[str, Any] = {"version": 1, "lang": self.lang}
        if self.issue_number is not None:
            out["issue"] = {
                "number": self.issue_number,
                "total": self.issue_total,
                "date": self.issue_date.isoformat() if self.issue_date else None,
            }
        if self.profile is not None:
            out["profile"] = self.profile
        out["ready_for_press"] = self.ready_for_press
        out["findings"] = [f.to_json(self.translations) for f in self.sorted_findings()]
        out["pages"] = list(self.pages)
        out["outputs"] = {o.path: {"sha256": o.sha256, "bytes": o.bytes} for o in self.outputs}
        if include_timings:
            out["timings_s"] = {k: round(v, 3) for k, v in self.timings_s.items()}
        return out

    def table(self) -> str:
        """The terminal report: one line per finding, errors first, then the verdict."""
        lines = [f.describe(self.translations, pdf_pages=self.profile is not None)
                 for f in self.sorted_findings()]
        lines.append(self.verdict())
        return "\n".join(lines)

    def verdict(self) -> str:
        """The last line of the table, in the words of the profile."""
        ne, nw = len(self.errors), len(self.warnings)
        passed, failed = _verdicts(self.profile, nmsg("{n} error", "{n} errors", ne, n=ne),
                                   nmsg("{n} warning", "{n} warnings", nw, n=nw))
        return tr(failed if ne else passed, self.translations)
