"""report.json validates against the project's JSON Schema; the schema rejects bad reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from support.paths import SPEC as SHARED_SPEC
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef
from xhprint.preflight.pdf_command import load_report_schema, parse_trim, preflight_pdf
from xhprint.preflight.report import OutputFile, Report


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


FULL = Report(
    findings=(
        Finding(
            "overset",
            "error",
            "12 lines do not fit",
            SourceRef("issue.yaml", 47, 9),
            2,
            "ai-cluster",
            hint="enlarge the box",
        ),  # fmt: skip
        Finding(
            "font-embedding",
            "error",
            "font Helvetica is not embedded",
            page=3,
            item="ads/bank.pdf",
            pdf="print/page-03.pdf",
        ),  # fmt: skip
        Finding("widow", "warning", "last line alone", SourceRef("stories/a.md", 3)),
    ),
    issue_number=40,
    issue_total=1746,
    issue_date=dt.date(2023, 10, 2),
    pages=({"number": 2, "items": [{"id": "ai-cluster", "lines_set": 96, "overset_lines": 12}]},),
    outputs=(OutputFile("print/issue.pdf", "ab" * 32, 1834211),),
    timings_s={"layout": 0.4, "render": 0.3},
)


def test_reports_validate(validator) -> None:
    validator.validate(FULL.to_json())
    validator.validate(Report(findings=()).to_json())
    validator.validate(Report(findings=(FULL.findings[2],)).to_json(include_timings=False))
    assert FULL.to_json()["ready_for_press"] is False


def test_outputs_md_example_validates(validator) -> None:
    spec = (SHARED_SPEC / "outputs.md").read_text(encoding="utf-8")
    block = spec.split("```json", 1)[1].split("```", 1)[0].replace('"…"', '"' + "0" * 64 + '"')
    validator.validate(json.loads(block))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(ready_for_press=True),  # errors but "ready"
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["findings"][0].pop("message"),
        lambda d: d["findings"][0].update(page=0),
        lambda d: d["outputs"]["print/issue.pdf"].update(sha256="xyz"),
        lambda d: d.update(version=2),
        lambda d: d.update(extra=1),
    ],
)
def test_schema_rejects_bad_reports(validator, mutate) -> None:
    data = FULL.to_json()
    mutate(data)
    assert list(validator.iter_errors(data))


def test_pdf_preflight_reports_validate(validator, good_pdf: Path, tmp_path: Path) -> None:
    good = preflight_pdf(good_pdf, "newsprint", (100, 100))
    assert good.exit_status == 0 and good.ready_for_press
    validator.validate(good.to_json())
    wrong = preflight_pdf(good_pdf, "ad", (70, 90))
    assert wrong.exit_status == 1 and "ADVERT REJECTED: 1 error" in wrong.table()
    validator.validate(wrong.to_json())
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    bad = preflight_pdf(junk, "ad", None)
    assert bad.exit_status == 2
    validator.validate(bad.to_json())


@pytest.mark.parametrize(("profile", "passed", "failed"), [
    (None, "READY FOR PRESS (1 warning)", "NOT READY: 2 errors, 1 warning"),
    ("newsprint", "READY FOR PRESS (1 warning)", "NOT READY: 2 errors, 1 warning"),
    ("ad", "ADVERT ACCEPTED (1 warning)", "ADVERT REJECTED: 2 errors, 1 warning"),
    ("digital", "FIT FOR THE WEB (1 warning)", "NOT FIT FOR THE WEB: 2 errors, 1 warning"),
])
def test_verdict_fits_the_profile(profile, passed: str, failed: str) -> None:
    warn = Finding("hairline", "warning", "thin")
    err = Finding("tac", "error", "too much ink")
    assert Report((warn,), profile=profile).table().splitlines()[-1] == passed
    assert Report((err, warn, err), profile=profile).table().splitlines()[-1] == failed
    # exit statuses are the documented ones whatever the words
    assert Report((err,), profile=profile).exit_status == 1
    assert Report((warn,), profile=profile).exit_status == 0


def test_missing_pdf_is_no_such_file(tmp_path: Path) -> None:
    report = preflight_pdf(tmp_path / "nothere.pdf", "newsprint")
    (f,) = report.findings
    assert f.message == f"no such file: {tmp_path / 'nothere.pdf'}" and f.hint == "check the path"
    assert report.exit_status == 2


def test_parse_trim() -> None:
    assert parse_trim("70x90") == (70.0, 90.0)
    assert parse_trim(" 70.5 × 90 mm") == (70.5, 90.0)
    for bad in ("70", "70x", "axb", "0x90", "-70x90", "70x90x3"):
        with pytest.raises(ValueError, match="--trim"):
            parse_trim(bad)
    with pytest.raises(ValueError, match="--profile"):
        preflight_pdf(Path("x.pdf"), "magazine")
