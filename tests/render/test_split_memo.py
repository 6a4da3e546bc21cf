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
