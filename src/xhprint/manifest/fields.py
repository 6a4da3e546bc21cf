"""Declarative key tables: how the manifest readers turn a YAML mapping into model values.

A reader of a mapping (a template, issue.yaml, a page, an item, a story, a photo) is a
`Table`: per key, the reader kind that turns its node into a value (text, an integer
with its bounds, a length, one of a few words, …), the model attribute it fills, how
messages name it, and what a key left out means — the default of that attribute in
the model dataclass, so each default is written once, in model/. The few rules that
relate keys (a photo's `cols` needs a side place, the body's size is the grid's) are
`Rule`s placed in the table right after the keys they are about, so findings come in
the order the keys are read.

Readers and rules append findings through the `Checker` and never stop: a value
that could not be read is None (or, for an `or_default` field, the default, so the
keys after it are still read as if it were not written).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from xhprint.i18n import Message, msg
from xhprint.manifest.check import Checker
from xhprint.manifest.yamlsource import Node

Values = Mapping[str, Any]


@dataclass(frozen=True)
class Scope:
    """What a reader or rule sees: the checker, the mapping (its node, keys and how messages
    name it), and the values read so far (after the caller's context values)."""

    c: Checker
    keys: Mapping[str, Node]
    what: str
    values: Values
    node: Node | None = None  # the mapping itself, for a rule about it as a whole


class Reader(Protocol):
    """A node → its value, or None after a finding; `name` is the key as messages call it."""

    def __call__(self, at: Scope, node: Node, name: str) -> Any: ...


# -- reader kinds --------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """Text as written (NFC, stripped); a null value is ""."""

    def __call__(self, at: Scope, node: Node, name: str) -> str | None:
        return at.c.text(node, name)


@dataclass(frozen=True)
class Integer:
    """A whole number within `lo`..`hi` (either may be open)."""

    lo: int | None = None
    hi: int | None = None

    def __call__(self, at: Scope, node: Node, name: str) -> int | None:
        return at.c.integer(node, name, lo=self.lo, hi=self.hi)


@dataclass(frozen=True)
class Number:
    """A number of at least `lo`."""

    lo: float = 0.0

    def __call__(self, at: Scope, node: Node, name: str) -> float | None:
        return at.c.number(node, name, lo=self.lo)


@dataclass(frozen=True)
class Length:
    """A length in pt; `em` names the value one em stands for (a size read before, or a
    context value such as the grid size; None: em is not allowed). `above_zero`: 0 is an
    error, with this example as the hint."""

    em: str | None = None
    above_zero: Message | None = None

    def __call__(self, at: Scope, node: Node, name: str) -> float | None:
        value = at.c.length(node, name, em=at.values.get(self.em) if self.em else None)
        if value == 0 and self.above_zero is not None:
            at.c.error(node, msg("{key} must be more than 0", key=name), self.above_zero)
            return None
        return value


@dataclass(frozen=True)
class EmFraction:
    """A length kept as a fraction of the size named `of` (a style's indent: 2em → 2.0)."""

    of: str

    def __call__(self, at: Scope, node: Node, name: str) -> float | None:
        size = at.values[self.of]
        pt = at.c.length(node, name, em=size)
        return pt / size if pt is not None and size else None


@dataclass(frozen=True)
class Choice:
    """One of a few words."""

    choices: tuple[str, ...]

    def __call__(self, at: Scope, node: Node, name: str) -> str | None:
        return at.c.enum(node, name, self.choices)


@dataclass(frozen=True)
class Boolean:
    """true or false."""

    def __call__(self, at: Scope, node: Node, name: str) -> bool | None:
        return at.c.boolean(node, name)


@dataclass(frozen=True)
class Colour:
    """Four CMYK percentages → four 0..1 fractions."""

    def __call__(self, at: Scope, node: Node, name: str) -> tuple[float, ...] | None:
        return at.c.cmyk(node, name)


@dataclass(frozen=True)
class Date:
    """An ISO date, YYYY-MM-DD."""

    def __call__(self, at: Scope, node: Node, name: str) -> object:
        return at.c.date(node, name)


# -- naming ----------------------------------------------------------------------
def dotted(what: str, key: str) -> str:
    """A YAML key path (`styles.body.size`), which reads the same in every language."""
    return f"{what}.{key}" if what else key


def spaced(what: str, key: str) -> str:
    """The mapping's own name, then the key (`page 2 item 1 continue`)."""
    return msg("{what} {key}", what=what, key=key)


# -- tables --------------------------------------------------------------------------
@dataclass(frozen=True)
class Derived:
    """A default computed from the values read before it (a style's leading: 1.25 × its
    size; a template's punct_position: its region's)."""

    of: Callable[[Values], Any]


_MODEL = object()  # Field.default: the model attribute's own default


@dataclass(frozen=True)
class Field:
    """One key: how its node is read, which attribute it fills and what leaving it out means.

    `or_default`: a value that is bad, empty or 0 reads as the default (`name: ~` is the
    template's file name, a bad style size still gives the leading its em). Otherwise a bad
    value is None, so the caller knows not to build from it.
    """

    key: str
    read: Reader
    attr: str = ""  # the model attribute; "" = the key
    or_default: bool = False
    called: Callable[[str], str] | None = None  # the mapping's name → this key's (own msgid)
    default: Any = _MODEL  # a value or Derived; _MODEL: the model attribute's default

    def __post_init__(self) -> None:
        if not self.attr:
            object.__setattr__(self, "attr", self.key)


@dataclass(frozen=True)
class Section:
    """A nested mapping whose keys fill attributes of the same model (`print: {marks, icc}`
    → Template.print_marks and .icc). A section that is not a mapping is reported and its
    keys keep their defaults."""

    key: str
    fields: tuple[Field, ...]
    required: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


@dataclass(frozen=True)
class Rule:
    """A check between keys (a photo's `cols` and its `place`), run where the table lists it:
    after the keys it is about. Keys that could not be read are None in `at.values`."""

    check: Callable[[Scope], None]


@cache
def model_defaults(model: type) -> dict[str, Any]:
    """Each attribute's default in a dataclass (a factory called once); None if it has none."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = None
    return out


@dataclass(frozen=True)
class Table:
    """The keys of one mapping, read in order into attributes of `model`."""

    model: type
    entries: tuple[Field | Section | Rule, ...]
    called: Callable[[str, str], str] = dotted  # (mapping's name, key) → the key's name
    _defaults: dict[str, Any] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        known = model_defaults(self.model)
        for f in self.fields:
            if f.default is _MODEL and f.attr not in known:
                raise TypeError(f"{self.model.__name__} has no attribute {f.attr!r}")
        # each field's own default, looked up once: the model's unless the field says
        object.__setattr__(self, "_defaults", {
            f.attr: known[f.attr] if f.default is _MODEL else f.default for f in self.fields})

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for e in self.entries if not isinstance(e, Rule)
                     for f in (e.fields if isinstance(e, Section) else (e,)))

    @property
    def keys(self) -> tuple[str, ...]:
        """The mapping's keys, in the table's order (what `Checker.mapping` knows)."""
        return tuple(e.key for e in self.entries if not isinstance(e, Rule))

    def read(self, c: Checker, keys: Mapping[str, Node], what: str,
             context: Values | None = None, defaults: Values | None = None,
             node: Node | None = None) -> dict[str, Any]:
        """The value of every field of the table, by attribute name.

        `context`: values readers and rules may refer to (the grid size for em, the issue
        folder); `defaults`: the caller's own defaults (a style role's size), over the
        model's; `node`: the mapping, for rules about it as a whole.
        """
        values: dict[str, Any] = dict(context or {})
        out: dict[str, Any] = {}
        at = Scope(c, keys, what, values, node)
        for entry in self.entries:
            if isinstance(entry, Rule):
                entry.check(at)
            elif isinstance(entry, Section):
                self._section(at, values, entry, defaults or {}, out)
            else:
                out[entry.attr] = values[entry.attr] = self._field(at, entry, defaults or {})
        return out

    def _section(self, outer: Scope, values: dict[str, Any], section: Section,
                 defaults: Values, out: dict[str, Any]) -> None:
        node = outer.keys.get(section.key)
        name = self.called(outer.what, section.key)
        keys = {} if node is None else outer.c.mapping(node, name, section.keys,
                                                       required=section.required) or {}
        at = Scope(outer.c, keys, name, values, node)
        for f in section.fields:
            out[f.attr] = values[f.attr] = self._field(at, f, defaults)

    def _field(self, at: Scope, f: Field, defaults: Values) -> Any:
        node = at.keys.get(f.key)
        if node is None:
            return self._default(f, at.values, defaults)
        got = f.read(at, node, f.called(at.what) if f.called else self.called(at.what, f.key))
        if f.or_default and not got:
            return self._default(f, at.values, defaults)
        return got

    def _default(self, f: Field, values: Values, defaults: Values) -> Any:
        value = defaults.get(f.attr, self._defaults[f.attr])
        return value.of(values) if isinstance(value, Derived) else value


def sequence_of(read_one: Callable[[Scope, Node, int], Any]) -> Reader:
    """A list whose entries are read one by one (1-based `i`); unreadable entries are left out."""

    def read(at: Scope, node: Node, name: str) -> tuple[Any, ...]:
        entries = at.c.sequence(node, name) or []
        got = (read_one(at, n, i) for i, n in enumerate(entries, 1))
        return tuple(v for v in got if v is not None)

    return read
