"""Colour spaces and colours as a press sees them: which inks, how much ink.

A PDF colour space (PDF 32000-1:2008 §8.6) is reduced to a `ColourSpace` kind
(gray, rgb, cmyk, separation, devicen, lab, pattern, indexed, other) plus the
colorant names of Separation/DeviceN spaces, so checks can ask "is this RGB",
"is this a spot colour" and "how many inks does this colour print with".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from pypdf.generic import NameObject

    return str(obj)[1:] if isinstance(obj, NameObject) else str(obj)


def classify(cs: Any, resources: Any = None, depth: int = 0) -> ColourSpace:
    """Classify a colour-space operand or object; names are looked up in `resources`."""
    from pypdf.generic import ArrayObject, NameObject

    if depth > 8 or cs is None:
        return OTHER
    cs = cs.get_object() if hasattr(cs, "get_object") else cs
    if isinstance(cs, NameObject):
        return _named(cs, resources, depth)
    if not isinstance(cs, ArrayObject) or not cs:
        return OTHER
    family = _name(cs[0])
    reader = _FAMILIES.get(family)
    if reader is None:
        return _BY_NAME.get(family, OTHER)
    try:
        return reader(cs, resources, depth)
    except (IndexError, KeyError, TypeError, ValueError, AttributeError):
        return OTHER


def _named(cs: NameObject, resources: Any, depth: int) -> ColourSpace:
    """A device space by its name, else the resource of that name (§8.6.3, §8.6.5)."""
    found = _BY_NAME.get(_name(cs))
    if found is not None:
        return found
    try:
        named = resources["/ColorSpace"][cs] if resources is not None else None
    except (KeyError, TypeError):
        named = None
    return classify(named, None, depth + 1) if named is not None else OTHER


def _icc_based(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    """[/ICCBased stream]: the profile's /N components say gray, RGB or CMYK (§8.6.5.5)."""
    return _BY_COMPONENTS.get(int(cs[1].get_object().get("/N", 0)), OTHER)


def _indexed(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    base = classify(cs[1], resources, depth + 1)
    return ColourSpace("indexed", 1, base.colorants, base.kind)


def _separation(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    return ColourSpace("separation", 1, (_name(cs[1]),))


def _device_n(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    names = tuple(_name(x) for x in cs[1].get_object())
    return ColourSpace("devicen", len(names), names)


def _lab(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    return ColourSpace("lab", 3)


def _pattern(cs: ArrayObject, resources: Any, depth: int) -> ColourSpace:
    return PATTERN


_BY_COMPONENTS = {1: DEVICE_GRAY, 3: DEVICE_RGB, 4: DEVICE_CMYK}
#: the colour-space families written as arrays, [/Family …] (§8.6.3, Table 61)
_FAMILIES: dict[str, Callable[[ArrayObject, Any, int], ColourSpace]] = {
    "ICCBased": _icc_based, "Indexed": _indexed, "I": _indexed, "Separation": _separation,
    "DeviceN": _device_n, "Lab": _lab, "Pattern": _pattern,
}  # fmt: skip


@dataclass(frozen=True)
class Colour:
    """A current colour: its space and components (0..1)."""

    space: ColourSpace
    comps: tuple[float, ...]

    def inks(self) -> int | None:
        """How many inks this colour separates into; None when unknown (pattern, lab…)."""
        count = _INK_COUNTS.get(self.space.kind)
        return count(self) if count is not None else None

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


def _gray_inks(c: Colour) -> int:
    return 1 if c.comps and c.comps[0] < 1 - _INK_EPS else 0


def _rgb_inks(c: Colour) -> int:
    # Any RGB colour but paper white separates into several process inks.
    return 0 if all(v >= 1 - _INK_EPS for v in c.comps) else 3


def _colorant_inks(c: Colour) -> int:
    """CMYK, Separation, DeviceN: one ink per component that prints; /All prints all four."""
    if "All" in c.space.colorants:
        return 4  # registration: every separation (only spot spaces name colorants)
    return sum(1 for v in c.comps if v > _INK_EPS)


_INK_COUNTS: dict[str, Callable[[Colour], int]] = {
    "gray": _gray_inks, "rgb": _rgb_inks,
    "cmyk": _colorant_inks, "separation": _colorant_inks, "devicen": _colorant_inks,
}  # fmt: skip


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
