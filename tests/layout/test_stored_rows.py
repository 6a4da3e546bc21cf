"""rows_needed kept in the store (sizing.py, the `answers` space): a new process reads the
answer back without planning, a changed question is planned again, and a corrupt entry
is a miss."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import xhprint.layout.sizing as sizing
from xhprint.build import lay_out_build
from xhprint.layout.grid import Grid
from xhprint.layout.sizing import PartQuestion, rows_needed
from xhprint.layout.story import body_stream
from xhprint.layout.typeset import Typesetter
from xhprint.model import StoryItem
from xhprint.session import BuildSettings, open_fonts, probe_media
from xhprint.store import Store
from xhprint.text.stored import ANSWERS, VERSION
from xhprint.text.words import WordBreaks

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def question(tmp_path):
    """(ask, cache): ask(rows, story tweak) answers rows_needed for the sample's first
    story as a new process would (its own font book and store over `cache`)."""
    issue_dir = tmp_path / "issue"
    shutil.copytree(DATA / "manifest" / "good", issue_dir)
    settings = BuildSettings(cache_dir=tmp_path / "cache", fonts_config=DATA / "fonts-box.yaml",
                             fonts_dir=DATA)
    issue = lay_out_build(issue_dir, settings).issue
    page = issue.pages[0]
    item = next(it for it in page.items if isinstance(it, StoryItem) and it.box is not None)
    sizes, _ads = probe_media(issue)

    def ask(max_rows: int, cache: Path, extra: str = "") -> int | None:
        book = open_fonts(issue.lang, settings, Store(cache))
        tpl = issue.template
        ts = Typesetter(book, issue.lang, tpl.kinsoku, tpl.punct_style,
                        words=WordBreaks(cache))
        story = issue.stories[item.story]
        if extra:
            block = story.blocks[-1]
            story = replace(story, blocks=(*story.blocks[:-1], replace(block, runs=block.runs + (
                replace(block.runs[-1], text=extra),))))
        grid = Grid.for_page(tpl, page.number)
        stream, _f = body_stream(story, ts, tpl, grid, page=page.number,
                                 box_cols=item.box.cols)
        return rows_needed(PartQuestion(story, item, grid, page.number, stream),
                           max_rows, ts, tpl, sizes)

    return ask, tmp_path / "c"


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / ANSWERS / f"v{VERSION}").rglob("*") if p.is_file())


def never_planned(*_args: object) -> None:
    raise AssertionError("planned although the store holds the answer")


def test_a_new_process_reads_the_answer_back(question, monkeypatch):
    ask, cache = question
    cold = ask(40, cache)
    assert cold is not None and len(entries(cache)) == 1
    monkeypatch.setattr(sizing, "_rows_needed", never_planned)
    assert ask(40, cache) == cold


def test_a_changed_question_is_planned_again(question):
    ask, cache = question
    short = ask(40, cache)
    longer = ask(40, cache, "多加一段文字，" * 200)
    assert len(entries(cache)) == 2
    assert short is not None and longer is not None and longer > short
    assert ask(short - 1, cache) is None  # fewer rows than it needs: no answer
    assert len(entries(cache)) == 3


@pytest.mark.parametrize("payload", [b"torn", b"\xe9\x01\x00\x00\x00\xda\x02no",
                                     b"\xa9\x01\xda\x03six"])  # torn; a 1-tuple of a str
def test_a_corrupt_answer_is_a_miss(question, payload):
    import hashlib

    ask, cache = question
    cold = ask(40, cache)
    (entry,) = entries(cache)
    entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert ask(40, cache) == cold
    assert ask(40, cache) == cold  # and it was written again, whole
