"""The slug line's prepared subset covers what any issue of the paper prints there."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from xhprint.render.marks import slug_chars, slug_text
from xhprint.render.resources import SlugInfo

BASE = SlugInfo("徐匯報", 40, 1746, dt.date(2023, 10, 2))


@given(number=st.integers(1, 99999), total=st.none() | st.integers(1, 99999),
       date=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), errors=st.integers(0, 500),
       page=st.integers(1, 64), lang=st.sampled_from(["zh-Hant", "zh-Hans"]))
def test_one_subset_serves_every_issue_date_page_and_error_count(number, total, date, errors,
                                                                 page, lang) -> None:
    base = replace(BASE, lang=lang)
    chars = slug_chars(base, [slug_text(base, 1, 2)])
    other = replace(base, issue_number=number, issue_total=total, date=date, errors=errors)
    assert set(slug_text(other, page, max(page, 2))) <= chars


def test_the_paper_and_the_note_are_in_it() -> None:
    chars = slug_chars(BASE, [slug_text(BASE, 1, 2)])
    assert set("徐匯報總第期版共星期一日") <= chars
    assert set(slug_text(replace(BASE, errors=1), 1, 2)) <= chars  # the NOT FOR PRESS note
    assert "总" not in chars  # zh-Hant's slug says 總
