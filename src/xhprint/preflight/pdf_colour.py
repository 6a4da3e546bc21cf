"""Colour spaces and colours as a press sees them: which inks, how much ink.

A PDF colour space (PDF 32000-1:2008 §8.6) is reduced to a `ColourSpace` kind
(gray, rgb, cmyk, separation, devicen, lab, pattern, indexed, other) plus the
colorant names of Separation/DeviceN spaces, so checks can ask "is this RGB",
"is this a spot colour" and "how many inks does this colour print with".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf.generic import ArrayObject, NameObject

# PDF 32000 §8.6.6.4: /All paints every separation (registration marks), /None none.
_NOT_SPOT = frozenset({"All", "None"})
_PROCESS = frozenset({"Cyan", "Magenta", "Yellow", "Black"})
_INK_EPS = 0.005  # a component below 0.5 % prints no visible ink


@dataclass(frozen=True)
class ColourSpace:
    """A classified colour space; `base` is the underlying kind of an Indexed space."""

    kind: str
    ncomp: int
    colorants: tuple[str, ...] = ()
    base: str = ""

    @property
    def is_rgb(self) -> bool:
        return self.kind == "rgb" or (self.kind == "indexed" and self.base == "rgb")

    @property
    def is_cmyk(self) -> bool:
        return self.kind == "cmyk" or (self.kind == "indexed" and self.base == "cmyk")

    @property
    def spot_names(self) -> tuple[str, ...]:
        """Colorants that are neither process inks nor registration /All, /None."""
        if self.kind not in ("separation", "devicen"):
            return ()
        return tuple(n for n in self.colorants if n not in _NOT_SPOT and n not in _PROCESS)


DEVICE_GRAY = ColourSpace("gray", 1)
DEVICE_RGB = ColourSpace("rgb", 3)
DEVICE_CMYK = ColourSpace("cmyk", 4)
PATTERN = ColourSpace("pattern", 0)
OTHER = ColourSpace("other", 0)

_BY_NAME = {
    "DeviceGray": DEVICE_GRAY, "G": DEVICE_GRAY, "CalGray": DEVICE_GRAY,
    "DeviceRGB": DEVICE_RGB, "RGB": DEVICE_RGB, "CalRGB": DEVICE_RGB,
    "DeviceCMYK": DEVICE_CMYK, "CMYK": DEVICE_CMYK,
    "Pattern": PATTERN,
}  # fmt: skip


def _name(obj: Any) -> str:
    return str(obj)[1:] if isinstance(obj, NameObject) else str(obj)


def classify(cs: Any, resources: Any = None, depth: int = 0) -> ColourSpace:
    """Classify a colour-space operand or object; names are looked up in `resources`."""
    if depth > 8 or cs is None:
        return OTHER
    cs = cs.get_object() if hasattr(cs, "get_object") else cs
    if isinstance(cs, NameObject):
        n = _name(cs)
        if n in _BY_NAME:
            return _BY_NAME[n]
        try:
            named = resources["/ColorSpace"][cs] if resources is not None else None
        except (KeyError, TypeError):
            named = None
        return classify(named, None, depth + 1) if named is not None else OTHER
    if not isinstance(cs, ArrayObject) or not cs:
        return OTHER
    family = _name(cs[0])
    try:
        if family == "ICCBased":
            n = int(cs[1].get_object().get("/N", 0))
            return {1: DEVICE_GRAY, 3: DEVICE_RGB, 4: DEVICE_CMYK}.get(n, OTHER)
        if family in ("Indexed", "I"):
            base = classify(cs[1], resources, depth + 1)
            return ColourSpace("indexed", 1, base.colorants, base.kind)
        if family == "Separation":
            return ColourSpace("separation", 1, (_name(cs[1]),))
        if family == "DeviceN":
            names = tuple(_name(x) for x in cs[1].get_object())
            return ColourSpace("devicen", len(names), names)
        if family == "Lab":
            return ColourSpace("lab", 3)
        if family == "Pattern":
            return PATTERN
        return _BY_NAME.get(family, OTHER)
    except (IndexError, KeyError, TypeError, ValueError, AttributeError):
        return OTHER


@dataclass(frozen=True)
class Colour:
    """A current colour: its space and components (0..1)."""

    space: ColourSpace
    comps: tuple[float, ...]

    def inks(self) -> int | None:
        """How many inks this colour separates into; None when unknown (pattern, lab…)."""
        kind = self.space.kind
        if kind == "gray":
            return 1 if self.comps and self.comps[0] < 1 - _INK_EPS else 0
        if kind == "cmyk":
            return sum(1 for v in self.comps if v > _INK_EPS)
        if kind == "rgb":
            # Any RGB colour but paper white separates into several process inks.
            return 0 if all(v >= 1 - _INK_EPS for v in self.comps) else 3
        if kind in ("separation", "devicen"):
            if "All" in self.space.colorants:
                return 4
            return sum(1 for v in self.comps if v > _INK_EPS)
        return None

    def tac(self) -> float | None:
        """Total area coverage in % for a CMYK colour, else None."""
        if self.space.kind == "cmyk" and len(self.comps) == 4:
            return 100.0 * sum(self.comps)
        return None

    def describe(self) -> str:
        nums = " ".join(f"{v:g}" for v in self.comps)
        if self.space.kind in ("separation", "devicen"):
            return f"{'/'.join(self.space.colorants)} {nums}"
        return f"{self.space.kind.upper()} {nums}".strip()


def initial_colour(space: ColourSpace) -> Colour:
    """The initial colour of a space after cs/CS (PDF 32000 §8.6.8): black or full tint."""
    if space.kind == "cmyk":
        return Colour(space, (0.0, 0.0, 0.0, 1.0))
    if space.kind == "rgb":
        return Colour(space, (0.0, 0.0, 0.0))
    if space.kind == "gray":
        return Colour(space, (0.0,))
    if space.kind in ("separation", "devicen"):
        return Colour(space, tuple(1.0 for _ in range(max(space.ncomp, 1))))
    return Colour(space, ())
