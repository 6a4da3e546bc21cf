"""Page checks kept in the store: an unchanged page is replayed, with the same findings."""

from __future__ import annotations

from pathlib import Path

from crafted_pdfs import MARKS, hairline_pages
from reportlab.lib.units import mm

from xhprint.model import SourceRef
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.pdf_memo import PreflightMemo
from xhprint.preflight.pdf_places import Placed

OFF = (3 + MARKS) * mm


def hairlines(findings) -> list[int | None]:
    return [f.page for f in findings if f.check == "hairline"]


def test_a_second_check_replays_every_page_with_the_same_findings(tmp_path: Path) -> None:
    pdf = hairline_pages(tmp_path, "a", "ghg")
    plain = check_pdf(pdf)
    assert hairlines(plain) == [2]
    assert check_pdf(pdf, memo=PreflightMemo(tmp_path / "store")) == plain
    warm = PreflightMemo(tmp_path / "store")  # a new process
    assert check_pdf(pdf, memo=warm) == plain
    assert warm.page_hits == 3 and warm.parse_hits == 0


def test_a_changed_page_is_walked_and_its_finding_fires(tmp_path: Path) -> None:
    check_pdf(hairline_pages(tmp_path, "before", "gg"), memo=PreflightMemo(tmp_path / "store"))
    after = hairline_pages(tmp_path, "after", "gh")
    memo = PreflightMemo(tmp_path / "store")
    found = check_pdf(after, memo=memo)
    assert found == check_pdf(after)
    assert hairlines(found) == [2]
    assert memo.page_hits == 1  # page 1 is unchanged; page 2 is new and walked


def test_a_moved_page_keeps_its_findings_under_its_new_number(tmp_path: Path) -> None:
    check_pdf(hairline_pages(tmp_path, "before", "ggh"), memo=PreflightMemo(tmp_path / "store"))
    moved = hairline_pages(tmp_path, "moved", "ghg")
    memo = PreflightMemo(tmp_path / "store")
    found = check_pdf(moved, memo=memo)
    assert found == check_pdf(moved)
    assert hairlines(found) == [2]
    assert memo.page_hits == 3  # every page was seen before, two of them elsewhere


def test_findings_name_the_placement_on_the_replayed_page(tmp_path: Path) -> None:
    pdf = hairline_pages(tmp_path, "a", "gh")
    rect = (OFF + 10 * mm, OFF + 60 * mm, OFF + 90 * mm, OFF + 75 * mm)
    placed = (Placed(2, rect, "photo", "photos/x.jpg", "story-1",
                     SourceRef("stories/story-1.md", 3, 1)),)
    plain = check_pdf(pdf, placed=placed)
    assert [f.item for f in plain if f.check == "hairline"] == ["story-1"]
    check_pdf(pdf, placed=placed, memo=PreflightMemo(tmp_path / "store"))
    warm = PreflightMemo(tmp_path / "store")
    assert check_pdf(pdf, placed=placed, memo=warm) == plain
    assert warm.page_hits == 2
    moved = (Placed(2, (0, 0, 1, 1), "photo", "photos/x.jpg", "story-1", None),)
    other = PreflightMemo(tmp_path / "store")  # the placement moved: not the same page check
    assert check_pdf(pdf, placed=moved, memo=other) == check_pdf(pdf, placed=moved)
    assert other.page_hits == 1


def test_corrupt_or_foreign_records_are_misses(tmp_path: Path) -> None:
    import hashlib

    pdf = hairline_pages(tmp_path, "a", "gh")
    plain = check_pdf(pdf)
    check_pdf(pdf, memo=PreflightMemo(tmp_path / "store"))
    entries = [p for p in (tmp_path / "store" / "pagecheck").rglob("*") if p.is_file()]
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:80])  # torn: fails its check
    payload = b'["not", "a record"]'  # passes its check, is no record
    entries[1].write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    memo = PreflightMemo(tmp_path / "store")
    assert check_pdf(pdf, memo=memo) == plain
    assert memo.page_hits == 0


def test_warm_checks_of_the_sample_editions_equal_cold_ones(sample_build, tmp_path) -> None:
    from xhprint.build import check_output

    issue, laid = sample_build.issue, sample_build.layout.pages
    for edition in ("print", "digital"):
        data = sample_build.files[f"{edition}/issue.pdf"]
        cold = check_output(issue, data, edition, None, laid)
        first = PreflightMemo(tmp_path)
        assert check_output(issue, data, edition, first, laid) == cold
        warm = PreflightMemo(tmp_path)
        assert check_output(issue, data, edition, warm, laid) == cold
        assert first.page_hits == 0 and warm.page_hits == len(laid)
