"""Page files kept in the store by the issue file they are cut from."""

from __future__ import annotations

import hashlib
from pathlib import Path

from xhprint.render.split_memo import pack, split_kept, unpack
from xhprint.store import Store

PAGES = (b"%PDF-1.6 page one", b"%PDF-1.6 page two\n")


def test_kept_pages_come_back_without_splitting(tmp_path: Path) -> None:
    calls: list[int] = []

    def split():
        calls.append(1)
        return iter(PAGES)

    assert split_kept(b"issue", ("a",), Store(tmp_path), split) == PAGES
    assert split_kept(b"issue", ("a",), Store(tmp_path), split) == PAGES  # a new process
    assert len(calls) == 1
    split_kept(b"issue", ("b",), Store(tmp_path), split)  # other document-level entries
    split_kept(b"other issue", ("a",), Store(tmp_path), split)  # other issue bytes
    assert len(calls) == 3
    assert split_kept(b"issue", ("a",), None, split) == PAGES and len(calls) == 4


def test_an_entry_that_is_not_page_files_is_a_miss(tmp_path: Path) -> None:
    assert unpack(pack(PAGES)) == PAGES
    for bad in (b"[3]\nabc", b"[5, 5]\n%PDF-", b"no sizes", b"[17]\n" + b"x" * 17):
        assert unpack(bad) is None
    split_kept(b"issue", ("a",), Store(tmp_path), lambda: iter(PAGES))
    (entry,) = [p for p in (tmp_path / "printpages").rglob("*") if p.is_file()]
    payload = b"[4]\nnope"
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    calls: list[int] = []
    again = split_kept(b"issue", ("a",), Store(tmp_path), lambda: calls.append(1) or PAGES)
    assert again == PAGES and calls == [1]


def test_the_sample_issue_pages_are_the_same_from_the_store(sample_build, session_cache,
                                                           tmp_path) -> None:
    from dataclasses import replace

    from xhprint.build import lay_out_build
    from xhprint.render.print_pdf import render_print
    from xhprint.session import BuildSettings

    staged = lay_out_build(Path(sample_build.issue.folder), BuildSettings(cache_dir=session_cache))
    pages, template = staged.layout.pages, staged.issue.template
    plain = render_print(pages, template, replace(staged.resources, store=None), staged.slug)
    kept = replace(staged.resources, store=Store(tmp_path))
    first = render_print(pages, template, kept, staged.slug)
    assert [p for p in (tmp_path / "printpages").rglob("*") if p.is_file()]
    again = render_print(pages, template, replace(kept, store=Store(tmp_path)), staged.slug)
    assert first == plain and again == plain and len(plain.pages) == 2
    assert [p for p in (tmp_path / "postpdf").rglob("*") if p.is_file()]

    from xhprint.build import digital_meta
    from xhprint.render.digital_pdf import render_digital

    meta = digital_meta(staged.issue)
    digital = render_digital(pages, template, replace(staged.resources, store=None), meta)
    assert render_digital(pages, template, kept, meta) == digital
    assert render_digital(pages, template, replace(kept, store=Store(tmp_path)), meta) == digital


def test_a_finished_edition_is_kept_by_its_drawn_bytes_and_recipe(tmp_path: Path) -> None:
    from xhprint.render.split_memo import finished_kept

    calls: list[bytes] = []

    def finish(tag: bytes):
        return lambda: calls.append(tag) or b"%PDF-1.6 " + tag

    assert finished_kept(b"drawn", ("a",), Store(tmp_path), finish(b"1")) == b"%PDF-1.6 1"
    assert finished_kept(b"drawn", ("a",), Store(tmp_path), finish(b"2")) == b"%PDF-1.6 1"
    assert finished_kept(b"drawn", ("b",), Store(tmp_path), finish(b"3")) == b"%PDF-1.6 3"
    assert finished_kept(b"other", ("a",), Store(tmp_path), finish(b"4")) == b"%PDF-1.6 4"
    assert calls == [b"1", b"3", b"4"]
    for entry in (p for p in (tmp_path / "postpdf").rglob("*") if p.is_file()):
        payload = b"not a pdf"
        entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert finished_kept(b"drawn", ("a",), Store(tmp_path), finish(b"5")) == b"%PDF-1.6 5"


def test_adverts_are_named_by_content_and_only_for_the_real_merger(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from xhprint.render.adverts import merge_advert
    from xhprint.render.split_memo import advert_recipe

    ad = tmp_path / "ad.pdf"
    ad.write_bytes(b"%PDF-1.4 one")
    pending = [SimpleNamespace(page_index=0, rect=(1.0, 2.0, 3.0, 4.0),
                               placement=SimpleNamespace(source=ad))]
    real = SimpleNamespace(merge_advert=merge_advert)
    first = advert_recipe(pending, real)
    ad.write_bytes(b"%PDF-1.4 two")  # the same file name, other bytes: another key
    assert first is not None and advert_recipe(pending, real) != first
    assert advert_recipe(pending, SimpleNamespace(merge_advert=lambda *a: None)) is None
    ad.unlink()
    assert advert_recipe(pending, real) is None
    assert advert_recipe([], SimpleNamespace(merge_advert=None)) == ()
