"""PreflightMemo: same findings with or without it; parses and TAC reused by content."""

from __future__ import annotations

import shutil
from pathlib import Path

from crafted_pdfs import MARKS, build_pdf, cmyk_image, good_content
from pypdf.generic import NameObject
from reportlab.lib.units import mm

from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_checks import check_pdf
from xhprint.preflight.pdf_memo import PreflightMemo, image_key


def heavy_ink(c) -> None:
    """The good page plus a 400 % photo, so the TAC check has something to report."""
    good_content(c)
    off = (3 + MARKS) * mm
    c.drawImage(cmyk_image(400, (255, 255, 255, 255)), off + 60 * mm, off + 10 * mm,
                30 * mm, 30 * mm)  # fmt: skip


def test_findings_are_the_same_with_a_memo(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "ink.pdf", heavy_ink, pages=2)
    plain = check_pdf(pdf)
    assert any(f.check == "tac" for f in plain)
    memo = PreflightMemo(tmp_path / "memo")
    assert check_pdf(pdf, memo=memo) == plain
    assert memo.parse_hits == 1  # page 2 draws what page 1 draws: one parse for both
    again = check_pdf(pdf, memo=memo)
    assert again == plain
    assert memo.page_hits == 2 and memo.parse_hits == 1  # both pages' findings replayed
    shutil.rmtree(tmp_path / "memo" / "pagecheck")
    fresh = PreflightMemo(tmp_path / "memo")  # no page records: walked, parses from the store
    assert check_pdf(pdf, memo=fresh) == plain
    assert fresh.page_hits == 0 and fresh.parse_hits == 2 and fresh.tac_hits >= 2


def test_tac_results_survive_the_process_on_disk(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "ink.pdf", heavy_ink)
    first = PreflightMemo(tmp_path / "memo")
    expected = check_pdf(pdf, memo=first)
    entries = [p for p in (tmp_path / "memo" / "tac").rglob("*") if p.is_file()]
    assert len(entries) == 2  # the 200 % and the 400 % photo
    shutil.rmtree(tmp_path / "memo" / "pagecheck")  # the page is walked again
    fresh = PreflightMemo(tmp_path / "memo")
    assert check_pdf(pdf, memo=fresh) == expected
    assert fresh.tac_hits == 2
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:70])  # torn
    shutil.rmtree(tmp_path / "memo" / "pagecheck")
    torn = PreflightMemo(tmp_path / "memo")
    assert check_pdf(pdf, memo=torn) == expected
    assert torn.tac_hits == 0  # a torn entry is measured again


def test_image_key_follows_bytes_and_bounds(tmp_path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(build_pdf(tmp_path / "ink.pdf", heavy_ink))
    images = [x.get_object() for x in reader.pages[0]["/Resources"]["/XObject"].values()]
    keys = {image_key(x, PdfBounds()) for x in images}
    assert len(keys) == 2 and None not in keys
    assert image_key(images[0], PdfBounds(analysis_pixels=1000)) not in keys


def test_parses_are_kept_in_the_store_for_a_new_process(tmp_path: Path) -> None:
    memo = PreflightMemo(tmp_path)
    ops = [([1, NameObject("/F1"), [b"ab", 2.5]], b"Tf")]
    assert memo.operations(b"1 w", lambda: ops) == ops
    calls: list[int] = []
    fresh = PreflightMemo(tmp_path)  # a new process: from the store, names as NameObjects
    again = fresh.operations(b"1 w", lambda: calls.append(1) or ops)
    assert calls == [] and again == ops and isinstance(again[0][0][1], NameObject)
    assert fresh.parse_hits == 1
    fresh.operations(b"2 w", lambda: calls.append(2) or [([2], b"w")])
    assert calls == [2]  # other bytes: parsed


def test_a_parse_with_unusual_operands_is_not_stored(tmp_path: Path) -> None:
    from xhprint.preflight.pdf_memo import pack_operations

    assert pack_operations([([object()], b"Do")]) is None
    assert pack_operations([([1, b"x", NameObject("/N"), {NameObject("/K"): 1}], b"BDC")])
