"""The invisible-character policy (docs/manifest.md "Invisible characters") through a
whole build: findings in the report, and the text a PDF reader extracts."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from hardening.helpers import ISSUE_YAML, write_issue
from xhprint.build import BuildResult, build_issue

BODY = ("甲\u200b乙\ufeff丙\u00ad丁\u202e戊\x07己\x85庚\u00a0辛\u3000壬\t癸\u200d子"
        "\U000f0000丑\u2066寅\u0000卯")
DROPPED = ["U+FEFF", "U+00AD", "U+202E", "U+0007", "U+0085", "U+0009", "U+200D", "U+2066",
           "U+0000"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = write_issue(tmp_path_factory.mktemp("policy") / "iss", ISSUE_YAML,
                         {"stories/s.md": f"---\nheadline: 政策測試\n---\n{BODY}\n"})
    return build_issue(folder)


def test_dropped_characters_are_warnings_that_name_them(built: BuildResult) -> None:
    dropped = [f for f in built.report.findings if f.check == "dropped-char"]
    assert all(f.severity == "warning" and f.where and f.where.line == 4 for f in dropped)
    named = sorted(code for f in dropped for code in DROPPED if code in f.message)
    assert named == sorted(DROPPED)
    assert not any("U+200B" in f.message for f in built.report.findings)  # a silent break


def test_a_character_no_font_has_is_a_missing_glyph_error(built: BuildResult) -> None:
    missing = [f for f in built.report.findings if f.check == "missing-glyph"]
    col = BODY.index("\U000f0000") + 1  # the character's own column, not the paragraph's
    assert [(f.severity, "U+F0000" in f.message, str(f.where).endswith(f"/s.md:4:{col}"))
            for f in missing] == [("error", True, True)]
    assert built.report.exit_status == 1  # built, but not ready for press


@pytest.mark.parametrize("name", ["digital/issue.pdf", "print/issue.pdf"])
def test_pdf_text_follows_the_policy(built: BuildResult, name: str) -> None:
    with pdfplumber.open(io.BytesIO(built.files[name])) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
    body = text[text.index("甲"):text.index("卯") + 1]  # the print slug follows
    # Dropped and silent characters vanish; spaces stay spaces; the missing glyph is a blank.
    assert body.replace("\u00a0", " ") == "甲乙丙丁戊己庚 辛\u3000壬癸子丑寅卯"


def test_policy_doc_lists_what_the_test_checks() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "manifest.md").read_text("utf-8")
    section = doc[doc.index("## Invisible characters"):doc.index("## Paths")]
    for needle in ("U+200B", "U+FEFF", "U+00AD", "bidi", "C0/C1", "missing-glyph", "dropped-char"):
        assert needle in section
