"""Acceptance of issue 5 through the command line: the sample issue, supplied adverts,
any PDF with a profile, the terminal table, --json and the exit statuses (outputs.md)."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from crafted_pdfs import ukai
from issue_fixtures import han, issue_yaml, page, story, write_issue
from jsonschema import Draft202012Validator
from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xhprint.cli import main
from xhprint.preflight.pdf_command import load_report_schema

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "issues/2023-40"
VALIDATOR = Draft202012Validator(load_report_schema())


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m xhprint ARGS` from the repository root, as a user would type it there."""
    return subprocess.run([sys.executable, "-m", "xhprint", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("sample") / "out"
    return out, run_cli("build", SAMPLE, "-o", str(out))


@pytest.fixture(scope="module")
def sample_preflight_json() -> subprocess.CompletedProcess[str]:
    return run_cli("preflight", SAMPLE, "--json")


def advert_pdf(path: Path, w_mm: float = 70, h_mm: float = 90, *, base14: bool = False) -> Path:
    """A one-page advert: CMYK background, 100 % K text in an embedded font (or Helvetica,
    which ReportLab never embeds)."""
    c = Canvas(str(path), pagesize=(w_mm * mm, h_mm * mm), invariant=1)
    c.setFillColorCMYK(0, 0.3, 0.8, 0)
    c.rect(0, 0, w_mm * mm, h_mm * mm, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont("Helvetica" if base14 else ukai(), 14)
    c.drawString(5 * mm, h_mm / 2 * mm, "Bank 銀行" if not base14 else "Bank of Xuhui")
    c.showPage()
    c.save()
    return path


# --- the sample issue --------------------------------------------------------------------

def test_sample_preflight_names_script_mix_at_seed_lines(sample_preflight_json) -> None:
    assert sample_preflight_json.returncode == 0, sample_preflight_json.stderr
    report = json.loads(sample_preflight_json.stdout)
    VALIDATOR.validate(report)
    assert report["ready_for_press"] is True
    mixes = {f["message"].split()[2]: f for f in report["findings"] if f["check"] == "script-mix"}
    for char, counterpart in (("讲", "講"), ("图", "圖")):
        f = mixes[char]
        assert counterpart in f["message"] and f["severity"] == "warning"
        file, line, col = f["where"].rsplit(":", 2)
        assert file.startswith(f"{SAMPLE}/stories/")
        assert (REPO / file).read_text("utf-8").splitlines()[int(line) - 1][int(col) - 1] == char
    # Template text too, at the QR label's line in the template (relative to the cwd).
    fa = mixes["发"]
    file, line, col = fa["where"].rsplit(":", 2)
    assert file == "layouts/broadsheet.yaml" and fa["item"] == "masthead"
    assert (REPO / file).read_text("utf-8").splitlines()[int(line) - 1][int(col) - 1] == "发"
    # Human messages go to stderr: the verdict, not JSON.
    assert "READY FOR PRESS" in sample_preflight_json.stderr


def test_sample_build_table_writes_report(sample_build, sample_preflight_json) -> None:
    out, proc = sample_build
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    VALIDATOR.validate(report)
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == len(report["findings"]) + 1
    assert lines[-1] == f"READY FOR PRESS ({len(report['findings'])} warnings)"
    assert any("讲" in ln and "study-session.md:11:6" in ln for ln in lines)
    # preflight ISSUE_DIR is exactly what build does: same findings, pages and output hashes.
    pre = json.loads(sample_preflight_json.stdout)
    for key in ("findings", "pages", "outputs", "issue", "ready_for_press"):
        assert pre[key] == report[key], key


def test_report_pages_and_outputs(sample_build) -> None:
    out, _ = sample_build
    report = json.loads((out / "report.json").read_text("utf-8"))
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(report["outputs"]) == written - {"report.json"}
    for name, meta in report["outputs"].items():
        data = (out / name).read_bytes()
        assert meta == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    pages = {p["number"]: {i["id"]: i for i in p["items"]} for p in report["pages"]}
    assert set(pages) == {1, 2}
    assert pages[1]["study-session"]["lines_set"] > 10
    assert pages[2]["ads/sample-ad.pdf"]["kind"] == "ad"
    stories = [i for p in pages.values() for i in p.values() if i.get("kind") != "ad"]
    booked = [line for line in (REPO / SAMPLE / "issue.yaml").read_text(encoding="utf-8").splitlines()
              if line.strip().startswith("- story:")]
    assert len(stories) == len(booked) and all(i["overset_lines"] == 0 for i in stories)
    assert [pages[n]["ai-cluster"]["part"] for n in (1, 2)] == [1, 2]


def test_own_print_pdfs_pass_newsprint(sample_build, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = sample_build
    pdfs = [out / "print" / "issue.pdf", *sorted((out / "print").glob("page-*.pdf"))]
    assert len(pdfs) == 3
    for pdf in pdfs:
        assert main(["preflight", str(pdf)]) == 0, pdf
        printed = capsys.readouterr().out.strip().splitlines()
        assert printed == ["READY FOR PRESS (0 warnings)"], pdf


def test_preflight_knows_our_digital_edition_and_speaks_its_verdict(
        sample_build, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """digital/issue.pdf (Info /XhprintEdition digital) is checked as digital unless --profile
    says otherwise; only the print profile talks about the press."""
    out, _ = sample_build
    digital = out / "digital" / "issue.pdf"
    assert main(["preflight", str(digital)]) == 0
    assert capsys.readouterr().out.splitlines() == ["FIT FOR THE WEB (0 warnings)"]
    assert main(["preflight", str(digital), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    VALIDATOR.validate(report)
    assert report["profile"] == "digital"
    # --profile wins: as a press page the digital edition has no boxes, no PDF/X.
    assert main(["preflight", str(digital), "--profile", "newsprint"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("NOT READY: ") and any("[pdfx]" in ln for ln in lines)
    # The same file without our edition entry is anybody's PDF: newsprint.
    w = PdfWriter(clone_from=digital)
    del w._info["/XhprintEdition"]
    foreign = tmp_path / "foreign.pdf"
    w.write(foreign)
    assert main(["preflight", str(foreign), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["profile"] == "newsprint"
    # Our print file: newsprint, the press verdict.
    assert main(["preflight", str(out / "print" / "issue.pdf"), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["profile"] == "newsprint"
    assert captured.err.strip() == "READY FOR PRESS (0 warnings)"


def test_preflight_of_a_missing_file_says_so(tmp_path: Path, monkeypatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["preflight", "nothere.pdf"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == ("error[missing-file]: no such file: nothere.pdf — check the "
                                    "path (and the folder you run xhprint from)")
    assert "export" not in captured.err and captured.out == ""
    assert main(["preflight", "nothere.pdf", "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    VALIDATOR.validate(report)
    assert [f["check"] for f in report["findings"]] == ["missing-file"]


# --- any PDF ---------------------------------------------------------------------------------

def test_preflight_advert_with_profile_and_trim(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ad = advert_pdf(tmp_path / "ad.pdf")
    assert main(["preflight", str(ad), "--profile", "ad", "--trim", "70x90"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[-1] == "ADVERT ACCEPTED (1 warning)"
    assert all("[output-intent]" in ln for ln in table[:-1])  # no OutputIntent: a warning
    assert main(["preflight", str(ad), "--profile", "ad", "--trim", "70x80", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    VALIDATOR.validate(report)
    (f,) = [f for f in report["findings"] if f["severity"] == "error"]
    assert f["check"] == "page-boxes" and "expected 70×80 mm" in f["message"]
    assert f["pdf"] == str(ad)
    # The newsprint profile wants TrimBox/BleedBox, which an advert does not have.
    assert main(["preflight", str(ad)]) == 1
    assert "[page-boxes]" in capsys.readouterr().out


def test_preflight_file_exit_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = advert_pdf(tmp_path / "helv.pdf", base14=True)
    assert main(["preflight", str(bad), "--profile", "ad"]) == 1
    out = capsys.readouterr().out
    assert "font Helvetica" in out and out.splitlines()[-1] == "ADVERT REJECTED: 1 error, 1 warning"
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    assert main(["preflight", str(garbage), "--profile", "ad"]) == 2
    assert "[pdf-unreadable]" in capsys.readouterr().out
    assert main(["preflight", str(bad), "--trim", "seventy"]) == 2
    err = capsys.readouterr().err
    assert "--trim" in err and "Traceback" not in err


# --- supplied adverts in an issue, exit statuses of build -----------------------------------

ONE_COL_AND_AD = ("- story: a\n  box: {col: 1, row: 13, cols: 1, rows: 20}\n"
                  "- ad: ads/ad.pdf\n  box: {col: 2, row: 13, cols: 2, rows: 18}\n")


def ad_issue(root: Path, ad: bytes) -> Path:
    return write_issue(root / "iss", issue_yaml(page(1, ONE_COL_AND_AD)),
                       {"stories/a.md": story(body=han(160) + "。"), "ads/ad.pdf": ad})


def test_advert_without_embedded_font_makes_issue_not_ready(tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    monkeypatch.chdir(tmp_path)
    ad = advert_pdf(tmp_path / "helv.pdf", 70, 90, base14=True).read_bytes()
    ad_issue(tmp_path, ad)
    assert main(["build", "iss", "-o", "out"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    errors = [ln for ln in lines if "error[" in ln]
    assert lines[: len(errors)] == errors  # errors first
    assert lines[-1].startswith(f"NOT READY: {len(errors)} error")
    assert lines[-1].endswith(f"{len(lines) - 1 - len(errors)} warnings")
    advert = [ln for ln in errors if "ads/ad.pdf" in ln and "Helvetica" in ln]
    assert advert and "[page 1, ads/ad.pdf]" in advert[0] and "iss/issue.yaml:10:" in advert[0]
    report = json.loads(Path("out/report.json").read_text("utf-8"))
    VALIDATOR.validate(report)
    assert report["ready_for_press"] is False
    f = next(f for f in report["findings"]
             if f["check"] == "font-embedding" and f.get("item") == "ads/ad.pdf")
    assert f["page"] == 1 and f["pdf"] == "ads/ad.pdf"
    # Outputs are written even so, and the slug says the page must not go to press.
    text = PdfReader("out/print/page-01.pdf").pages[0].extract_text()
    assert "NOT FOR PRESS" in text
    # build --json prints report.json's content on stdout, the human lines on stderr.
    assert main(["build", "iss", "-o", "out2", "--json"]) == 1
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    on_disk = json.loads(Path("out2/report.json").read_text("utf-8"))
    assert printed == on_disk
    assert {k: v for k, v in printed.items() if k != "timings_s"} == \
        {k: v for k, v in report.items() if k != "timings_s"}
    assert captured.err.strip().splitlines()[-1] == lines[-1]


@pytest.mark.parametrize("kind", ["encrypted", "garbage"])
def test_unreadable_advert_stops_the_build_with_exit_2(tmp_path: Path, monkeypatch, capsys,
                                                       kind: str) -> None:
    monkeypatch.chdir(tmp_path)
    if kind == "encrypted":
        writer = PdfWriter(clone_from=advert_pdf(tmp_path / "plain.pdf"))
        writer.encrypt("secret", algorithm="AES-128")
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    else:
        data = b"%PDF-1.7\nthis is not a PDF body\n%%EOF\n"
    ad_issue(tmp_path, data)
    Path("out").mkdir()
    Path("out/keep.txt").write_text("previous output", "utf-8")
    assert main(["build", "iss", "-o", "out", "--json"]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    (line,) = [ln for ln in captured.err.splitlines() if "ads/ad.pdf" in ln]
    assert "error[pdf-unreadable]" in line and "iss/issue.yaml:10:" in line
    if kind == "encrypted":
        assert "encrypt" in line
    report = json.loads(captured.out)
    VALIDATOR.validate(report)
    assert [f["check"] for f in report["findings"]] == ["pdf-unreadable"]
    assert sorted(p.name for p in Path("out").iterdir()) == ["keep.txt"]  # OUT unchanged


def test_loading_errors_exit_2_for_build_and_preflight(tmp_path: Path, monkeypatch,
                                                       capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_issue(tmp_path / "iss", issue_yaml(page(1, ONE_COL_AND_AD)), {})
    for args in (["build", "iss", "-o", "out"], ["preflight", "iss"]):
        assert main(args) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 2 and all("error[missing-file]" in ln for ln in err)
    assert not Path("out").exists()
