"""One finding catalogue (model/checks.py): the code, the report and the docs agree on it."""

from __future__ import annotations

import re
from pathlib import Path

from xhprint.model.checks import CATALOGUE, LOADING_CHECKS, PROFILES
from xhprint.preflight.pdf_checks import HINTS, SEVERITY, severity_for

REPO = Path(__file__).resolve().parents[1]


def source_check_ids() -> dict[str, set[str]]:
    """Every check id a finding is made with in src/, and the severities written with it."""
    found: dict[str, set[str]] = {}
    for path in (REPO / "src" / "xhprint").rglob("*.py"):
        text = path.read_text("utf-8")
        for check, sev in re.findall(r'Finding\(\s*(?:check=)?"([a-z][a-z-]*)",\s*'
                                     r'(?:severity=)?"(error|warning)"', text):
            found.setdefault(check, set()).add(sev)
        for check in re.findall(r'(?:check=|out\.add\(\s*)"([a-z][a-z-]*)"', text):
            found.setdefault(check, set())
    return found


def test_every_check_the_code_makes_is_catalogued_with_its_severity() -> None:
    found = source_check_ids()
    assert len(found) >= 30
    assert set(found) - set(CATALOGUE) == set()
    for check, severities in found.items():
        assert severities <= set(CATALOGUE[check].severities), check


def test_every_catalogued_check_is_in_preflight_md() -> None:
    doc = (REPO / "docs" / "preflight.md").read_text("utf-8")
    listed = set(re.findall(r"^\| `([a-z][a-z-]*)`", doc, re.M))
    assert set(CATALOGUE) - listed == set()


def test_pdf_checks_take_severities_and_hints_from_the_catalogue() -> None:
    pdf = {c.id for c in CATALOGUE.values() if c.profiles is not None}
    assert set(SEVERITY) == pdf == set(HINTS)
    assert severity_for("output-intent", "newsprint") == "warning"  # as preflight.md lists it
    assert severity_for("pdfx", "ad") is None and severity_for("font-unicode", "digital") == "error"
    assert PROFILES == ("newsprint", "digital", "ad")


def test_loading_checks_are_those_that_stop_layout() -> None:
    assert LOADING_CHECKS == {"manifest", "missing-file", "bad-image", "box-overlap", "jump"}
