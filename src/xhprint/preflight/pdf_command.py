"""`xhprint preflight FILE.pdf [--profile newsprint|digital|ad] [--trim WxH]`: PDF → Report.

The CLI (another module) parses arguments; this module turns a PDF, a profile
and an optional trim into a `Report` whose exit_status is 0 pass, 1 errors,
2 unreadable (outputs.md "Commands").
"""

from __future__ import annotations

import json
import re
import time
from importlib import resources
from pathlib import Path
from typing import Any

from xhprint.i18n import Message, msg
from xhprint.model.checks import PROFILES
from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.report import Report
from xhprint.render.pdfpost import EDITION_KEY

_TRIM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")


class TrimError(ValueError):
    """A --trim value that is not a size; `message` says what to write."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def parse_trim(text: str) -> tuple[float, float]:
    """'70x90' (mm) → (70.0, 90.0); ValueError with a message a user can act on."""
    m = _TRIM.match(text)
    if not m:
        raise TrimError(msg("--trim must be WIDTHxHEIGHT in millimetres, e.g. 70x90; got "
                            "{value!r}", value=text))
    w, h = float(m.group(1)), float(m.group(2))
    if w <= 0 or h <= 0 or w > 5000 or h > 5000:
        raise TrimError(msg("--trim {value!r}: width and height must be between 0 and 5000 mm",
                            value=text))
    return (w, h)


def preflight_pdf(
    path: Path,
    profile: str | None = "newsprint",
    trim_mm: tuple[float, float] | None = None,
    limits: PreflightLimits = PreflightLimits(),  # noqa: B008 — frozen, safe as default
) -> Report:
    """Check one PDF with a profile (None: the one `profile_of` picks); exit_status is the command's."""
    if profile is None:
        profile = profile_of(Path(path))
    if profile not in PROFILES:
        raise ValueError(f"--profile must be one of {', '.join(PROFILES)}; got {profile!r}")
    start = time.monotonic()
    findings = check_pdf(Path(path), profile, limits, trim_mm=trim_mm, label=str(path))
    return Report(tuple(findings), timings_s={"preflight": time.monotonic() - start},
                  profile=profile)


#: the edition our writers name in Info (render/pdfpost.py EDITION_KEY) → the profile that fits
EDITION_PROFILES = {"digital": "digital", "print": "newsprint"}


def profile_of(path: Path) -> str:
    """The profile for a PDF given without --profile: our digital edition (its Info entry
    /XhprintEdition says so) is checked as digital, anything else as newsprint.

    A file that cannot be read is checked as newsprint, which reports why it cannot.
    """
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                return "newsprint"
            info = reader.trailer.get("/Info")
            info = info.get_object() if info is not None else None
            key = f"/{EDITION_KEY}"
            edition = str(info.get(key, "")) if isinstance(info, dict) else ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return "newsprint"
    return EDITION_PROFILES.get(edition, "newsprint")


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of report.json."""
    text = resources.files("xhprint.preflight").joinpath("report_schema.json").read_text("utf-8")
    return json.loads(text)
