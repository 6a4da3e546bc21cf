"""Headline breaks against the word segmenter, on 58 real-style district headlines.

Every break of a headline set in two or three lines must be one a reader accepts:
after an editor's space or punctuation, before an opening bracket, between two words
of jieba (with the project's user dictionary), or the editor's own newline — never
inside a word or a number with its unit — and no line may hold one character alone.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from fake_metrics import FakeMetrics

from xhprint.store import Store
from xhprint.text.compose import compose_headline
from xhprint.text.punctuation import CLOSING, OPENING, PAUSE, STOP
from xhprint.text.segment import break_opportunities
from xhprint.text.tokens import UNIT_CHARS
from xhprint.text.types import ComposeSpec
from xhprint.text.words import WordBreaks, segment_words

HEADLINES = [ln for ln in (Path(__file__).parents[1] / "data" / "headlines.txt")
             .read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
EM = 10.0
M = FakeMetrics()
MARKS = PAUSE | STOP | CLOSING | set("、…—") | set(",.;:!?)%")


@pytest.fixture(scope="module")
def words() -> WordBreaks:
    return WordBreaks()


def _em_width(text: str) -> float:
    return sum(0.5 if c.isascii() else 1.0 for c in text)


def _reader_break(text: str, b: int, seg: frozenset[int]) -> bool:
    before, after = text[b - 1], text[b]
    return (before == " " or before in MARKS or after in OPENING or after in "(“"
            or b in seg)


def _set(text: str, lines: int, words: WordBreaks):
    measure = math.ceil(_em_width(text) / lines) + 1
    spec = ComposeSpec(size=EM, measure=measure * EM, align="center", lang="zh-Hant")
    return compose_headline(text, spec, M, words=words)


def test_the_list_is_long_and_in_both_scripts() -> None:
    assert len(HEADLINES) >= 50
    assert any("區" in h for h in HEADLINES) and any("区" in h for h in HEADLINES)


@pytest.mark.parametrize("lines", [2, 3])
def test_every_break_is_one_a_reader_accepts(words, lines) -> None:
    bad = []
    for text in HEADLINES:
        res = _set(text, lines, words)
        seg = frozenset(segment_words(text))
        allowed = set(break_opportunities(text))
        for ln in res.lines:
            shown = "".join(g.text for g in ln.glyphs).strip()
            if sum(1 for c in shown if c not in MARKS and c != " ") < 2:
                bad.append(f"one character alone: {shown!r} in {text}")
        for ln in res.lines[:-1]:
            b = ln.end
            ok = b in allowed and _reader_break(text, b, seg)
            unit = text[b - 1].isdigit() and text[b] in UNIT_CHARS
            if not ok or unit:
                bad.append(f"{text[:b]}/{text[b:]}")
    assert not bad, "\n".join(bad)


def test_two_lines_are_balanced(words) -> None:
    """Two-line headlines: the shorter line holds at least half the longer one."""
    uneven = []
    for text in HEADLINES:
        res = _set(text, 2, words)
        if len(res.lines) != 2:
            continue
        w = sorted(ln.width for ln in res.lines)
        if w[0] < 0.5 * w[1]:
            uneven.append(" / ".join("".join(g.text for g in ln.glyphs) for ln in res.lines))
    assert len(uneven) <= 2, uneven


@pytest.mark.parametrize("text,wrong", [
    ("人工智能走進里弄 小區事務", "小/區"),
    ("本區新建 5G 基站 386座", "386/座"),
    ("冬季供暖和用電高峰將至 居民注意安全", "供/暖"),
    ("公園延長開放至晚上 10點", "10/點"),
    ("上海“模速空間”創新生態社區暨人工智能大模型產業生態集聚區揭牌", "人/工"),
])
def test_known_bad_breaks_are_gone(words, text, wrong) -> None:
    left, right = wrong.split("/")
    for measure in range(6, len(text) + 1):
        spec = ComposeSpec(size=EM, measure=measure * EM, align="center")
        res = compose_headline(text, spec, M, words=words)
        for ln in res.lines[:-1]:
            assert not (text[:ln.end].endswith(left) and text[ln.end:].startswith(right)), (
                measure, [text[x.start:x.end] for x in res.lines])


def test_a_quoted_name_stays_whole_when_a_line_can_hold_it(words) -> None:
    """2024-12 page 4 had 區圖書館推出“春日 / 讀書月”系列活動: balanced, but the quoted
    name of the event cut in two. Any measure where the quote fits a line keeps it whole."""
    text = "區圖書館推出“春日讀書月”系列活動"
    quote = (text.index("“"), text.index("”") + 1)
    for measure in range(11, 17):
        spec = ComposeSpec(size=EM, measure=measure * EM, align="center")
        res = compose_headline(text, spec, M, words=words)
        assert len(res.lines) == 2, measure
        cut = res.lines[0].end
        assert not quote[0] < cut < quote[1], (measure, text[:cut], text[cut:])


def test_user_dictionary_keeps_local_names_whole() -> None:
    for text, name in [("漕河涇開發區新增企業", "漕河涇"), ("徐匯濱江西岸藝術季", "徐匯濱江"),
                       ("模速空間揭牌", "模速空間"), ("漕河泾开发区新增企业", "漕河泾")]:
        i = text.index(name)
        assert not any(i < k < i + len(name) for k in segment_words(text)), text


def test_a_newline_is_the_editors_break(words) -> None:
    text = "人工智能走進里弄\n小區事務"
    spec = ComposeSpec(size=EM, measure=20 * EM, align="center")
    res = compose_headline(text, spec, M, words=words)
    assert ["".join(g.text for g in ln.glyphs) for ln in res.lines] == ["人工智能走進里弄", "小區事務"]
    assert not res.issues  # not a dropped control character
    assert res.lines[0].start == 0 and res.lines[-1].end == len(text)
    assert res.lines[0].end == res.lines[1].start


def test_segmentations_come_back_from_the_store(tmp_path, monkeypatch) -> None:
    got = WordBreaks(tmp_path)("冬季供暖和用電高峰")
    [entry] = [p for p in (tmp_path / "words").rglob("*") if p.is_file()]
    payload = ",".join(map(str, sorted(got))).encode("ascii")
    assert entry.read_bytes().endswith(b"\n" + payload)

    def no_jieba(text: str) -> tuple[int, ...]:
        raise AssertionError(f"segmented {text!r} again")

    monkeypatch.setattr("xhprint.text.words.segment_words", no_jieba)
    assert WordBreaks(Store(tmp_path))("冬季供暖和用電高峰") == got  # a new store object
    monkeypatch.undo()
    entry.write_bytes(entry.read_bytes().replace(payload, b"1,2", 1))  # fails its check
    assert WordBreaks(Store(tmp_path))("冬季供暖和用電高峰") == got  # segmented again
    assert entry.read_bytes().endswith(b"\n" + payload)  # and kept again
