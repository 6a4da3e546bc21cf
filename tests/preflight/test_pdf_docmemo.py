"""Document checks kept in the store: the same bytes are replayed, with the same findings."""

from __future__ import annotations

from pathlib import Path

from crafted_pdfs import MARKS, hairline_pages
from reportlab.lib.units import mm

from xhprint.model import SourceRef
from xhprint.model.template import PreflightLimits
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.pdf_docmemo import DocumentChecks, check_kept
from xhprint.preflight.pdf_places import Placed

OFF = (3 + MARKS) * mm
LIMITS = PreflightLimits()


def kept(pdf: bytes | Path, store: Path, placed: tuple[Placed, ...] = (),
         profile: str = "newsprint") -> tuple[list, int]:  # fmt: skip
    """The findings of a check through a fresh process's memo, and whether it hit."""
    memo = DocumentChecks(store)
    found = check_kept(memo, pdf, profile, LIMITS, label="x.pdf", placed=placed)
    return found, memo.hits


def test_a_second_check_replays_the_cold_findings(tmp_path: Path) -> None:
    pdf = hairline_pages(tmp_path, "a", "ghg")
    cold = check_pdf(pdf, label="x.pdf")
    assert [f.page for f in cold if f.check == "hairline"] == [2]
    assert kept(pdf, tmp_path / "store") == (cold, 0)
    assert kept(pdf, tmp_path / "store") == (cold, 1)
    assert kept(pdf.read_bytes(), tmp_path / "store") == (cold, 1)  # bytes or file alike
    # another profile is another check
    assert kept(pdf, tmp_path / "store", profile="digital") == (
        check_pdf(pdf, "digital", label="x.pdf"), 0)


def test_a_one_byte_change_is_a_miss_and_a_bad_page_still_fires(tmp_path: Path) -> None:
    good = hairline_pages(tmp_path, "good", "gg")
    store = tmp_path / "store"
    kept(good, store)
    data = good.read_bytes()
    at = data.index(b"ReportLab")  # a byte of the Info dictionary's producer
    changed = data[:at] + b"X" + data[at + 1:]
    assert kept(changed, store) == (check_pdf(changed, label="x.pdf"), 0)
    bad = hairline_pages(tmp_path, "bad", "gh")
    found, hits = kept(bad, store)
    assert hits == 0 and found == check_pdf(bad, label="x.pdf")
    assert [f.page for f in found if f.check == "hairline"] == [2]


def test_findings_name_the_placement_when_replayed(tmp_path: Path) -> None:
    pdf = hairline_pages(tmp_path, "a", "gh")
    rect = (OFF + 10 * mm, OFF + 60 * mm, OFF + 90 * mm, OFF + 75 * mm)
    placed = (Placed(2, rect, "photo", "photos/x.jpg", "story-1",
                     SourceRef("stories/story-1.md", 3, 1)),)
    cold = check_pdf(pdf, label="x.pdf", placed=placed)
    assert [f.item for f in cold if f.check == "hairline"] == ["story-1"]
    kept(pdf, tmp_path / "store", placed)
    assert kept(pdf, tmp_path / "store", placed) == (cold, 1)
    moved = (Placed(1, rect, "photo", "photos/x.jpg", "story-1", placed[0].where),)
    assert kept(pdf, tmp_path / "store", moved) == (
        check_pdf(pdf, label="x.pdf", placed=moved), 0)  # on another page: another check


def test_unreadable_documents_and_foreign_entries_are_checked_again(tmp_path: Path) -> None:
    import hashlib

    truncated = hairline_pages(tmp_path, "a", "g").read_bytes()[:-200]
    kept(truncated, tmp_path / "store")
    found, hits = kept(truncated, tmp_path / "store")
    assert hits == 0 and [f.check for f in found] == ["pdf-unreadable"]
    pdf = hairline_pages(tmp_path, "b", "gh")
    kept(pdf, tmp_path / "store")
    [entry] = [p for p in (tmp_path / "store" / "doccheck").rglob("*") if p.is_file()]
    payload = b'{"not": "a record"}'  # passes the store's check, is no record
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert kept(pdf, tmp_path / "store") == (check_pdf(pdf, label="x.pdf"), 0)


def test_warm_checks_of_the_sample_editions_equal_cold_ones(sample_build, tmp_path) -> None:
    from xhprint.build import advert_checks, check_output

    issue, layout = sample_build.issue, sample_build.layout
    for edition in ("print", "digital"):
        data = sample_build.files[f"{edition}/issue.pdf"]
        cold = check_output(issue, data, edition, None, layout.pages)
        first = DocumentChecks(tmp_path)
        assert check_output(issue, data, edition, None, layout.pages, first) == cold
        warm = DocumentChecks(tmp_path)
        assert check_output(issue, data, edition, None, layout.pages, warm) == cold
        assert first.hits == 0 and warm.hits == 1
    cold_ads = advert_checks(issue, layout)
    assert cold_ads and advert_checks(issue, layout, DocumentChecks(tmp_path)) == cold_ads
    warm = DocumentChecks(tmp_path)
    assert advert_checks(issue, layout, warm) == cold_ads and warm.hits == 2
