"""`outside-bleed`: content that prints beyond the BleedBox, over the slug line or marks.

A press page is printed to its BleedBox and trimmed to its TrimBox; between the
BleedBox and the MediaBox lie only printer's marks (PDF 32000-1:2008 §14.11.2):
crop marks, registration marks, colour bars, the slug line. So, on a page with a
BleedBox, what is drawn (after clipping, inside the MediaBox, in ink):

* reaching from inside the bleed to beyond it by more than `TOLERANCE_PT` is an
  error: a photo that ran past the trim and the bleed, text that left its column;
* lying wholly outside the bleed is a printer's mark when it is text or a path
  (that is how every layout program writes marks, ours included: render/marks.py
  puts crop marks 1 mm beyond the bleed and the slug line under them), and an
  error when it is an image: no program puts a picture among the marks.

A finding says what the content is (text in a font, an image, a line or shape),
on which side and how far it goes, and whether it covers the slug line or the crop
marks. Content in one of our own placements is named by it (pdf_places.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xhprint.i18n import Message, msg, nmsg
from xhprint.preflight.pdf_places import Placed

BBox = tuple[float, float, float, float]
MM = 72.0 / 25.4
#: how far content may pass the BleedBox before it counts (rounding in other tools)
TOLERANCE_PT = 0.5
_SIDES = ("left", "bottom", "right", "top")
_SIDE_WORDS: dict[str, Message] = {"left": msg("left"), "bottom": msg("bottom"),
                                   "right": msg("right"), "top": msg("top")}


@dataclass(frozen=True)
class Drawn:
    """One painted thing on the page: "text", "image" or "path", as the user would name it."""

    kind: str
    what: Message
    box: BBox
    at: Placed | None = None


@dataclass(frozen=True)
class BleedProblem:
    """What lies beyond the bleed, in words, and the placement it belongs to."""

    message: Message
    at: Placed | None


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def _past(box: BBox, bleed: BBox) -> tuple[float, str]:
    """How far (pt) `box` reaches beyond `bleed`, and on which side most."""
    over = (bleed[0] - box[0], bleed[1] - box[1], box[2] - bleed[2], box[3] - bleed[3])
    i = max(range(4), key=lambda k: over[k])
    return over[i], _SIDES[i]


def _covered(d: Drawn, marks: list[Drawn]) -> frozenset[str]:
    """Which printer's marks `d` lies over: the slug line (text), the crop marks (paths)."""
    return frozenset("slug" if m.kind == "text" else "crop"
                     for m in marks if m is not d and _overlaps(d.box, m.box))


@dataclass(frozen=True)
class _Reach:
    """The furthest reach so far of one named thing: how far, where, in how many places."""

    dist: float
    side: str
    count: int
    covers: frozenset[str]

    def joined(self, dist: float, side: str, covers: frozenset[str]) -> _Reach:
        """This reach and one more place: the further one kept, the places counted."""
        if dist > self.dist:
            return _Reach(dist, side, self.count + 1, covers | self.covers)
        return _Reach(self.dist, self.side, self.count + 1, self.covers | covers)

    def message(self, name: Message) -> Message:
        over = _COVERS.get(self.covers)
        if self.dist == 0.0 and not self.side:
            return (msg("{what} lies outside the BleedBox, in the marks area, over {marks}",
                        what=name, marks=over) if over else
                    msg("{what} lies outside the BleedBox, in the marks area", what=name))
        past = nmsg("{what} runs {mm:.1f} mm past the BleedBox at the {side}",
                    "{what} runs {mm:.1f} mm past the BleedBox at the {side} "
                    "({n} places)", self.count, what=name, mm=self.dist / MM,
                    side=_SIDE_WORDS[self.side], n=self.count)
        return msg("{past}, over {marks}", past=past, marks=over) if over else past


@dataclass
class BleedWatch:
    """Collects what a page draws, then says what lies where it must not."""

    bleed: BBox
    drawn: list[Drawn] = field(default_factory=list)

    def add(self, kind: str, what: Message, box: BBox | None, at: Placed | None = None) -> None:
        if box is not None:
            self.drawn.append(Drawn(kind, what, box, at))

    def _reach(self, d: Drawn) -> tuple[float, str] | None:
        """How far `d` runs past the bleed and where; (0, "") for an image among the
        marks; None when it is fine (within tolerance, or a printer's mark)."""
        if _overlaps(d.box, self.bleed):
            dist, side = _past(d.box, self.bleed)
            return None if dist <= TOLERANCE_PT else (dist, side)
        return (0.0, "") if d.kind == "image" else None

    def problems(self) -> list[BleedProblem]:
        marks = [d for d in self.drawn
                 if d.kind != "image" and not _overlaps(d.box, self.bleed)]
        # One finding per thing named (a photo, a font's text, …): its furthest reach.
        worst: dict[tuple[Message, Placed | None], _Reach] = {}
        for d in self.drawn:
            reach = self._reach(d)
            if reach is None:
                continue
            covers = _covered(d, marks)
            key = (d.at.label(d.what) if d.at else d.what, d.at)
            prev = worst.get(key)
            worst[key] = (_Reach(*reach, 1, covers) if prev is None
                          else prev.joined(*reach, covers))
        return [BleedProblem(r.message(name), at) for (name, at), r in worst.items()]


# What an overhang covers: the slug line (text) and/or the crop marks (lines).
_COVERS: dict[frozenset[str], Message] = {
    frozenset({"slug"}): msg("the slug line"),
    frozenset({"crop"}): msg("the crop marks"),
    frozenset({"slug", "crop"}): msg("the slug line and the crop marks"),
}
