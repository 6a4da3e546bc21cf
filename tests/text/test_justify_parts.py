"""The parts of `set_line`: slots, alignment offset, squeezing and stretching order."""

import pytest
from fake_metrics import FakeMetrics

from xhprint.text import justify as js
from xhprint.text.fitting import Fitting
from xhprint.text.prepare import prepare
from xhprint.text.types import ComposeSpec

EM = 10.0


def _para(text: str, **kw):
    spec = ComposeSpec(size=EM, measure=20 * EM, **kw)
    return prepare(text, [False] * len(text), spec, FakeMetrics(), "song")


@pytest.mark.parametrize(("delta", "justify", "align", "offset"), [
    (4.0, True, "justify", 0.0), (4.0, True, "center", 0.0),
    (4.0, False, "center", 2.0), (4.0, False, "right", 4.0), (4.0, False, "left", 0.0),
    (-2.0, True, "center", -1.0), (-2.0, True, "justify", 0.0), (-2.0, True, "right", -2.0),
])
def test_offset(delta, justify, align, offset) -> None:
    assert js._offset(delta, justify, align) == offset


def test_slots_trim_in_line_context_and_leave_trailing_spaces_empty() -> None:
    p = _para("「中」 ")
    box = js._Slots.of(p, 0, 4, 3)
    assert box.lt == [5.0, 0.0, 0.0, 0.0]  # GB: an opening bracket at line start
    assert box.rt == [0.0, 0.0, 5.0, 0.0]  # … and a closing one at line end
    assert box.slot == [5.0, EM, 5.0, 0.0]
    assert box.gapw == box.extra == [0.0] * 4
    assert box.width() == 20.0
    q = _para("中a")
    assert js._Slots.of(q, 0, 2, 2).gapw == [0.0, 2.5]  # the Han–Latin gap


def test_shrink_takes_spaces_before_marks() -> None:
    p = _para("a b，中")
    e = 5
    box = js._Slots.of(p, 0, e, e)
    assert js._shrink_places(p, 0, e, box)[1] == []  # a ¼ em space has nothing to give
    box.slot[1] = 5.0  # a font whose space is ½ em
    places = js._shrink_places(p, 0, e, box)
    assert places[1] == [(1, 2.5, "s")]  # the space, down to ¼ em
    assert places[3] == [(3, 5.0, "r")]  # ，'s blank
    assert js._shrink(p, 0, e, box, 1.0) == 0.0
    assert box.slot[1] == pytest.approx(4.0) and box.rt[3] == 0.0
    assert js._shrink(p, 0, e, box, 4.0) == 0.0  # the rest of the space, then the mark
    assert box.slot[1] == pytest.approx(2.5) and box.rt[3] == pytest.approx(2.5)
    assert js._shrink(p, 0, e, box, 9.0) == pytest.approx(-6.5)  # what cannot be taken


def test_squeeze_takes_a_fraction_of_each_place() -> None:
    box = js._Slots([0.0] * 3, [0.0] * 3, [EM] * 3, [0.0, 2.5, 0.0], [0.0] * 3)
    js._squeeze(box, [(0, 4.0, "l"), (1, 1.0, "g"), (2, 2.0, "r")], 0.5)
    assert box.lt == [2.0, 0.0, 0.0] and box.rt == [0.0, 0.0, 1.0]
    assert box.slot == [8.0, EM, 9.0] and box.gapw == [0.0, 2.0, 0.0]


def test_stretch_spaces_then_gaps_up_to_their_limits() -> None:
    p = _para("a b中")
    box = js._Slots.of(p, 0, 4, 4)
    rest = js._stretch(p, 4, box, [1], 10.0)
    assert box.slot[1] == pytest.approx(5.0)  # ½ em
    assert box.gapw[3] == pytest.approx(EM / 3)  # ⅓ em
    assert rest == pytest.approx(10.0 - 2.5 - (EM / 3 - 2.5))


def test_expand_goes_to_the_expansion_places_else_the_spaces() -> None:
    p = _para("中文排版")
    spreadable = Fitting.of(p).spreadable
    box = js._Slots.of(p, 0, 4, 4)
    assert js._expansion_places(p, 0, 4, box, spreadable) == [1, 2, 3]
    assert js._expand(p, 0, 4, box, 3.0, spreadable) == 0.0
    assert box.extra == [0.0, 1.0, 1.0, 1.0]
    words = _para("ab cd")
    box = js._Slots.of(words, 0, 5, 5)
    assert js._expansion_places(words, 0, 5, box, Fitting.of(words).spreadable) == []
    assert js._expand(words, 0, 5, box, 6.0, ()) == 0.0
    assert box.slot[2] == pytest.approx(2.5 + 6.0)  # the space takes it all
    solid = _para("abcd")
    box = js._Slots.of(solid, 0, 4, 4)
    assert js._expand(solid, 0, 4, box, 6.0, ()) == 6.0  # stays short: no letter-spacing


def test_places_beside_marks_are_between_cjk_units_only() -> None:
    p = _para("中。」文ab")
    box = js._Slots.of(p, 0, 6, 6)
    assert js._places_beside_marks(p, 0, 6, box) == [1, 2, 3]


def test_expansion_goes_beside_a_compressed_pair_but_never_inside_a_unit() -> None:
    """A pair of marks compressed to 1.5 em takes nothing between its marks, but may
    beside them; nothing goes inside an unbreakable unit (typography.md), not even
    between the Han characters of 3億元."""
    q = _para("說”，他")
    assert q.w0[1] < q.slot[1]  # ” compressed by the pair ”，
    assert Fitting.of(q).spreadable == (False, True, False, True)
    p = _para("約3億元")
    assert p.unit_of[1] == p.unit_of[3] and Fitting.of(p).spreadable == (False,) * 4
    assert Fitting.of(_para("“——”")).spreadable[2] is False  # inside a two-em mark


def test_a_centred_mark_gives_both_blanks_evenly_and_stays_centred() -> None:
    """Centred placement: ，、；：。 may lose the ¼ em on each side (½ em in all), last
    in clreq order, so the mark stays centred in its narrower box; ？ stays 1 em."""
    p = _para("中，文。字？", punct_position="centred")
    box = js._Slots.of(p, 0, 5, 5)
    places = js._shrink_places(p, 0, 5, box)
    assert places[5] == [(1, 2.5, "l"), (1, 2.5, "r"), (3, 2.5, "l"), (3, 2.5, "r")]
    assert js.min_width(p, 0, 5) == pytest.approx(5 * EM - 2 * 5.0)
    assert js._shrink(p, 0, 5, box, 6.0) == 0.0
    assert box.lt[1] == box.rt[1] == box.lt[3] == box.rt[3] == pytest.approx(1.5)
    q = _para("中？文", punct_position="centred")
    assert js.min_width(q, 0, 3) == pytest.approx(3 * EM)
