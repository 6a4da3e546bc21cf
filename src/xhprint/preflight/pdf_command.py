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

from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_checks import PROFILES, check_pdf
from xhprint.preflight.report import Report

_TRIM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")


def parse_trim(text: str) -> tuple[float, float]:
    """'70x90' (mm) → (70.0, 90.0); ValueError with a message a user can act on."""
    m = _TRIM.match(text)
    if not m:
        raise ValueError(f"--trim must be WIDTHxHEIGHT in millimetres, e.g. 70x90; got {text!r}")
    w, h = float(m.group(1)), float(m.group(2))
    if w <= 0 or h <= 0 or w > 5000 or h > 5000:
        raise ValueError(f"--trim {text!r}: width and height must be between 0 and 5000 mm")
    return (w, h)


def preflight_pdf(
    path: Path,
    profile: str = "newsprint",
    trim_mm: tuple[float, float] | None = None,
    limits: PreflightLimits = PreflightLimits(),  # noqa: B008 — frozen, safe as default
) -> Report:
    """Check one PDF with a profile; the report's exit_status is the command's."""
    if profile not in PROFILES:
        raise ValueError(f"--profile must be one of {', '.join(PROFILES)}; got {profile!r}")
    start = time.monotonic()
    findings = check_pdf(Path(path), profile, limits, trim_mm=trim_mm, label=str(path))
    return Report(tuple(findings), timings_s={"preflight": time.monotonic() - start})


def load_report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of report.json."""
    text = resources.files("xhprint.preflight").joinpath("report_schema.json").read_text("utf-8")
    return json.loads(text)
