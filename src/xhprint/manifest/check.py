"""Typed reading of YAML nodes that records every problem instead of stopping.

Each reader returns the value, or None after adding a finding that says what is
wrong, where (file:line:col from the node's mark) and what to do. Callers keep
going, so one run lists every problem of every file (architecture.md practice 3).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import unicodedata
from collections.abc import Sequence

import yaml
from yaml.constructor import SafeConstructor

from xhprint.i18n import Message, msg
from xhprint.manifest.units import LengthError, parse_length
from xhprint.manifest.yamlsource import Node, ref
from xhprint.model.findings import Finding
from xhprint.model.template import CMYK

_NULL = "tag:yaml.org,2002:null"
_KIND = {yaml.MappingNode: msg("a mapping"), yaml.SequenceNode: msg("a list"),
         yaml.ScalarNode: msg("a value")}


def closest(word: str, known: Sequence[str]) -> str | None:
    """The known word nearest to a typo (difflib ratio), or None if nothing is close at all."""
    best = difflib.get_close_matches(word, known, n=1, cutoff=0.0)
    return best[0] if best else None


def _shown(node: Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    return _KIND.get(type(node), msg("a node"))


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL)


class Checker:
    """Reads nodes of one or more files, appending findings to a shared list.

    `what` names the value in messages: a Message ("page 2 item 1"), or a YAML key path
    such as issue.number, which reads the same in every language.
    """

    def __init__(self, findings: list[Finding], story: str | None = None):
        self.findings = findings
        self.story = story

    def error(self, node: Node, message: Message, hint: Message | None = None,
              check: str = "manifest", page: int | None = None, item: str | None = None) -> None:
        self.findings.append(Finding(check, "error", message, where=ref(node, self.story),
                                     page=page, item=item, hint=hint))

    # -- structure ---------------------------------------------------------
    def mapping(self, node: Node, what: str, known: Sequence[str],
                required: Sequence[str] = ()) -> dict[str, Node] | None:
        """Known keys → value nodes; unknown keys name the closest known key."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, msg("{what} must be a mapping (key: value), not {shown}",
                                 what=what, shown=_shown(node)),
                       msg("write it as {{{keys}}}",
                           keys=", ".join(f"{k}: …" for k in (required or known)[:4])))
            return None
        out: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, msg("a key in {what} must be a plain name", what=what),
                           msg("known keys here: {keys}", keys=", ".join(known)))
                continue
            name = str(key.value)
            if name in known:
                out[name] = value
                continue
            near = closest(name, known)
            self.error(key, msg("unknown key {key!r} in {what}; did you mean {near!r}?",
                                key=name, what=what, near=near) if near else
                       msg("unknown key {key!r} in {what}", key=name, what=what),
                       msg("known keys here: {keys}", keys=", ".join(known)))
        for name in required:
            if name not in out:
                self.error(node, msg("{what} is missing the required key {key!r}",
                                     what=what, key=name),
                           msg("add `{key}:` to {what}", key=name, what=what))
        return out

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, msg("{what} must be a list, not {shown}", what=what,
                                 shown=_shown(node)),
                       msg("write one `- …` line per entry"))
            return None
        return list(node.value)

    def _scalar(self, node: Node, what: str, expected: Message) -> yaml.ScalarNode | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, msg("{what} must be {expected}, not {shown}", what=what,
                                 expected=expected, shown=_shown(node)),
                       msg("write {what} as a single value on its line (quote text with : "
                           "or #)", what=what))
            return None
        return node

    # -- values ------------------------------------------------------------
    def text(self, node: Node, what: str) -> str | None:
        """A string exactly as written (so `permit: 0150` stays 0150), NFC-normalised."""
        if is_null(node):
            return ""
        s = self._scalar(node, what, msg("text"))
        if s is None:
            return None
        value = str(s.value)
        bad = next((ch for ch in value if unicodedata.category(ch) == "Cs"), None)
        if bad is not None:  # only a YAML escape ("\\ud800") can make one; no file can hold it
            self.error(node, msg("{what} contains a lone surrogate U+{code:04X}, which is "
                                 "not a character", what=what, code=ord(bad)),
                       msg("write the character itself, not its UTF-16 half (\\U0001F600, "
                           "not \\ud83d\\ude00)"))
            return None
        return unicodedata.normalize("NFC", value.strip())

    def _construct(self, node: yaml.ScalarNode) -> object:
        """The scalar as YAML types it (int, float, bool, …); None when YAML cannot build it
        (`2023-13-01` looks like a date but is none)."""
        try:
            return SafeConstructor().construct_object(node)
        except (ValueError, yaml.YAMLError):
            return None

    def integer(self, node: Node, what: str, lo: int | None = None,
                hi: int | None = None) -> int | None:
        s = self._scalar(node, what, msg("a whole number"))
        if s is None:
            return None
        value = self._construct(s)
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(node, msg("{what} must be a whole number, not {shown}", what=what,
                                 shown=_shown(node)),
                       msg("write digits only, e.g. 3"))
            return None
        if lo is not None and value < lo or hi is not None and value > hi:
            if hi is not None:
                self.error(node, msg("{what} must be {lo}..{hi}, not {value}", what=what,
                                     lo=lo, hi=hi, value=value),
                           msg("use a whole number {lo} to {hi}", lo=lo, hi=hi))
            else:
                self.error(node, msg("{what} must be at least {lo}, not {value}", what=what,
                                     lo=lo, value=value),
                           msg("use a whole number at least {lo}", lo=lo))
            return None
        return value

    def number(self, node: Node, what: str, lo: float = 0.0) -> float | None:
        s = self._scalar(node, what, msg("a number"))
        if s is None:
            return None
        value = self._construct(s)
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(node, msg("{what} must be a number, not {shown}", what=what,
                                 shown=_shown(node)),
                       msg("write digits only, e.g. 12 or 0.5"))
            return None
        if value < lo:
            self.error(node, msg("{what} must be at least {lo:g}, not {value:g}", what=what,
                                 lo=lo, value=value),
                       msg("use {lo:g} or more", lo=lo))
            return None
        return float(value)

    def boolean(self, node: Node, what: str) -> bool | None:
        s = self._scalar(node, what, msg("true or false"))
        value = self._construct(s) if s is not None else None
        if not isinstance(value, bool):
            if s is not None:
                self.error(node, msg("{what} must be true or false, not {shown}", what=what,
                                     shown=_shown(node)),
                           msg("write true or false"))
            return None
        return value

    def enum(self, node: Node, what: str, choices: Sequence[str]) -> str | None:
        s = self._scalar(node, what, msg("one of {choices}", choices=", ".join(choices)))
        if s is None:
            return None
        value = str(s.value)
        if value not in choices:
            near = closest(value, choices)
            self.error(node, msg("{what} must be one of {choices}, not {value!r}", what=what,
                                 choices=", ".join(choices), value=value),
                       msg("did you mean {near!r}?", near=near) if near else None)
            return None
        return value

    def length(self, node: Node, what: str, em: float | None = None) -> float | None:
        s = self._scalar(node, what, msg("a length"))
        if s is None:
            return None
        raw: str | float = str(s.value)
        try:
            return parse_length(raw, em)
        except LengthError as err:
            self.error(node, msg("{what}: {problem}", what=what, problem=err.message),
                       msg("e.g. 350mm, 9pt, 2em or 12"))
            return None

    def date(self, node: Node, what: str) -> _dt.date | None:
        s = self._scalar(node, what, msg("a date"))
        if s is None:
            return None
        try:
            value = _dt.date.fromisoformat(str(s.value).strip())
        except ValueError:
            value = None
        if value is None or len(str(s.value).strip()) != 10:
            self.error(node, msg("{what} is not a valid date: {value!r}", what=what,
                                 value=s.value),
                       msg("write the date as YYYY-MM-DD, e.g. 2023-10-02"))
            return None
        return value

    def cmyk(self, node: Node, what: str) -> CMYK | None:
        """A colour as four CMYK percentages → four 0..1 fractions."""
        items = self.sequence(node, what)
        if items is None:
            return None
        if len(items) != 4:
            self.error(node, msg("{what} must list 4 CMYK percentages, not {n}", what=what,
                                 n=len(items)),
                       msg("e.g. [0, 100, 100, 10]"))
            return None
        parts = [self.number(n, msg("{what} percentage", what=what)) for n in items]
        if any(p is None for p in parts):
            return None
        values = [float(p) for p in parts if p is not None]
        for n, p in zip(items, values, strict=True):
            if p > 100:
                self.error(n, msg("{what}: {value:g} is over 100 %", what=what, value=p),
                           msg("each CMYK percentage is 0 to 100"))
                return None
        return (values[0] / 100, values[1] / 100, values[2] / 100, values[3] / 100)
