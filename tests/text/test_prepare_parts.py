"""The parts of `prepare`: glyph resolution, two-em marks, pair compression, widths."""

import pytest
from fake_metrics import FakeMetrics

from xhprint.text import prepare as pr
from xhprint.text.punctuation import K_NONE, K_OPEN, K_PAUSE, K_STOP
from xhprint.text.segment import HAN, IDSP, MARK, NBSP, OTHER, SPACE, char_class
from xhprint.text.types import ComposeSpec

EM = 10.0


class Counting(FakeMetrics):
    def __init__(self) -> None:
        self.asked: list[tuple[str, str, bool, str]] = []

    def glyph(self, char, role, bold=False, position=""):
        self.asked.append((char, role, bold, position))
        return super().glyph(char, role, bold, position)


@pytest.mark.parametrize(("char", "cls", "result"), [
    (" ", SPACE, ("", 0.25, False)), ("\u00a0", NBSP, ("", 0.25, False)),
    ("\u3000", IDSP, ("", 1.0, False)),
    ("\ufe0f", MARK, ("", 0.0, False)), ("\U000e0100", MARK, ("", 0.0, False)),
    ("\u0301", MARK, ("", 1.0, True)), ("é", OTHER, ("", 1.0, True)),
])
def test_no_glyph(char, cls, result) -> None:
    assert pr._no_glyph(char, cls) == result


def test_faces_ask_once_per_character_and_weight_with_the_region_for_punctuation() -> None:
    m = Counting()
    faces = pr._Faces(m, "song", "song-bold", "centred")
    text = "中中，中\u0301é"
    cls = [char_class(c) for c in text]
    bold = [False, True, False, False, False, False]
    chars, face, adv, issues = faces.measure(text, range(len(text)), cls, bold, EM)
    assert m.asked == [("中", "song", False, ""), ("中", "song-bold", True, ""),
                       ("，", "song", False, "centred"), ("\u0301", "song", False, ""),
                       ("é", "song", False, "")]
    assert chars == list(text)
    assert face == ["R", "B", "R", "R", "R", ""]  # the unknown mark takes 中's face
    assert adv == [EM, EM, EM, EM, EM, EM]
    assert [(i.kind, i.char, i.offset) for i in issues] == [
        ("missing-glyph", "\u0301", 4), ("missing-glyph", "é", 5)]


def test_two_em_marks_stretch_narrow_halves_to_one_em() -> None:
    slot, hscale = pr._two_em_marks([True, False, False], [5.0, 5.0, 5.0], EM)
    assert slot == [EM, EM, 5.0]
    assert hscale == [2.0, 2.0, 1.0]
    slot, hscale = pr._two_em_marks([True, False], [EM, 0.0], EM)
    assert slot == [EM, 0.0] and hscale == [1.0, 1.0]  # full or empty glyphs stay


def test_gaps_between_han_and_latin_or_digits() -> None:
    cls = [char_class(c) for c in "中a1中 b"]
    assert pr._gaps(cls, EM) == [0.0, 2.5, 0.0, 2.5, 0.0, 0.0]


def test_unit_of() -> None:
    assert pr._unit_of((0, 2, 3, 5), 5) == [0, 0, 1, 2, 2]
    assert pr._unit_of((0,), 0) == []


def _marks(text: str, position: str = "gb", style: str = "quanjiao") -> pr._Marks:
    spec = ComposeSpec(size=EM, measure=20 * EM, punct_position=position, punct_style=style)
    cls = [char_class(c) for c in text]
    return pr._Marks.of(list(text), cls, [EM] * len(text), EM, spec)


def test_marks_carry_blanks_in_pt() -> None:
    m = _marks("中「，。")
    assert m.kind == [K_NONE, K_OPEN, K_PAUSE, K_STOP]
    assert m.bl == [0.0, 5.0, 0.0, 0.0]
    assert m.br == [0.0, 0.0, 5.0, 5.0]
    assert m.sl == m.sr == [0.0] * 4
    half = _marks("中，", style="banjiao")
    assert half.sr == [0.0, 5.0]


@pytest.mark.parametrize(("text", "position", "who", "left"), [
    ("。」", "gb", 0, False),  # GB: the first mark's right blank
    ("「「", "gb", 1, True),  # two openings: the second's left blank
    ("」」", "gb", 0, False),
    ("，。", "centred", None, None),  # centred: pause marks never compress
    ("。」", "centred", 1, False),  # … a closing bracket's own blank does
    ("「，", "centred", 0, True),  # an opening bracket's left blank, last choice
])
def test_pair_trim(text, position, who, left) -> None:
    m = _marks(text, position)
    room = pr._Room(m, [EM, EM], [0.0, 0.0], [0.0, 0.0])
    got = pr._pair_trim(room, 0, 1, EM, position == "gb")
    assert got == (None if who is None else (who, left))


def test_pairs_use_each_blank_once_and_widths_follow() -> None:
    m = _marks("中。」」文")
    slot = [EM] * 5
    who, left = pr._pairs(m, slot, EM, True)
    assert who == [-1, -1, 1, 2, -1]  # 。」: 。 gives its blank; 」」: the first 」
    assert left == [False] * 5
    w0, cum = pr._widths(slot, m, who, [0.0] * 5, EM)
    assert w0 == [EM, 5.0, 5.0, EM, EM]
    assert cum == [0.0, 10.0, 15.0, 20.0, 30.0, 40.0]


def test_room_spare_and_take() -> None:
    m = _marks("「」")
    room = pr._Room(m, [EM, EM], [0.0, 0.0], [0.0, 0.0])
    assert room.spare(0, True) == 5.0 and room.spare(0, False) == 0.0
    room.take(0, True, 2.0)
    assert room.spare(0, True) == 3.0
    assert room.width(0) == 8.0


def test_prepare_joins_the_parts() -> None:
    spec = ComposeSpec(size=EM, measure=20 * EM)
    p = pr.prepare("中\ufeff「文」", [False] * 5, spec, FakeMetrics(), "song")
    assert p.chars == ["中", "「", "文", "」"]
    assert p.tix == [0, 2, 3, 4]
    assert p.cls == [HAN, char_class("「"), HAN, char_class("」")]
    assert [(i.kind, i.offset) for i in p.issues] == [("dropped-control", 1)]
    assert p.unit_start == (0, 1, 2, 3, 4) and p.unit_of == [0, 1, 2, 3]
    assert p.w0 == [EM] * 4  # quanjiao: full-width marks, no pair here
    assert p.cum == [0.0, 10.0, 20.0, 30.0, 40.0]
    q = pr.prepare("「文」", [False] * 3, ComposeSpec(size=EM, measure=20 * EM,
                                                     punct_style="banjiao"), FakeMetrics(), "song")
    assert q.w0 == [5.0, EM, 5.0]
