"""PyYAML's problem texts ("mapping values are not allowed here") → translatable messages.

PyYAML reports a syntax error in fixed English phrases, some with a character or token
in them. Each phrase the scanner, parser and composer can produce is matched here and
remade as a `Message` with the same English wording, so an editor reading Chinese sees the
problem in Chinese, with the YAML token it names said in words. A phrase
not listed (a newer PyYAML) is reported without its English detail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from xhprint.i18n import Message, msg

# PyYAML token ids (yaml/tokens.py) as "but found %r" shows them; in Chinese, what they are.
_TOKENS: dict[str, Message] = {
    "'<directive>'": msg("'<directive>'"),
    "'<document start>'": msg("'<document start>'"),
    "'<document end>'": msg("'<document end>'"),
    "'<stream start>'": msg("'<stream start>'"),
    "'<stream end>'": msg("'<stream end>'"),
    "'<block sequence start>'": msg("'<block sequence start>'"),
    "'<block mapping start>'": msg("'<block mapping start>'"),
    "'<block end>'": msg("'<block end>'"),
    "'<alias>'": msg("'<alias>'"),
    "'<anchor>'": msg("'<anchor>'"),
    "'<tag>'": msg("'<tag>'"),
    "'<scalar>'": msg("'<scalar>'"),
}


def _token(found: str) -> str | Message:
    """`'<block end>'` → its message; a quoted character ('x', '\\t') stays as written."""
    return _TOKENS.get(found.strip(), found)


_Make = Callable[[re.Match[str]], Message]
_PROBLEMS: tuple[tuple[re.Pattern[str], _Make], ...] = tuple(
    (re.compile(pattern + r"\Z", re.S), make) for pattern, make in (
        (r"mapping values are not allowed here",
         lambda m: msg("mapping values are not allowed here")),
        (r"mapping keys are not allowed here",
         lambda m: msg("mapping keys are not allowed here")),
        (r"sequence entries are not allowed here",
         lambda m: msg("sequence entries are not allowed here")),
        (r"could not find expected ':'", lambda m: msg("could not find expected ':'")),
        (r"found character (.+) that cannot start any token",
         lambda m: msg("found character {char} that cannot start any token", char=m[1])),
        (r"found unexpected end of stream", lambda m: msg("found unexpected end of stream")),
        (r"found unexpected document separator",
         lambda m: msg("found unexpected document separator")),
        (r"found unknown escape character (.+)",
         lambda m: msg("found unknown escape character {char}", char=m[1])),
        (r"found undefined alias (.+)", lambda m: msg("found undefined alias {name}", name=m[1])),
        (r"found undefined tag handle (.+)",
         lambda m: msg("found undefined tag handle {name}", name=m[1])),
        (r"found duplicate anchor (.+); first occurrence",
         lambda m: msg("found duplicate anchor {name}; first occurrence", name=m[1])),
        (r"second occurrence", lambda m: msg("second occurrence")),
        (r"found duplicate YAML directive", lambda m: msg("found duplicate YAML directive")),
        (r"found duplicate key", lambda m: msg("found duplicate key")),
        (r"found incompatible YAML document \(version 1\.\* is required\)",
         lambda m: msg("found incompatible YAML document (version 1.* is required)")),
        (r"found non-specific tag '!'", lambda m: msg("found non-specific tag '!'")),
        (r"duplicate tag handle (.+)", lambda m: msg("duplicate tag handle {name}", name=m[1])),
        (r"invalid indentation or unclosed '\[' or '\{'",
         lambda m: msg("invalid indentation or unclosed '[' or '{{'")),
        (r"expected a single document in the stream",
         lambda m: msg("expected a single document in the stream")),
        (r"but found another document", lambda m: msg("but found another document")),
        (r"expected indentation indicator in the range 1-9, but found 0",
         lambda m: msg("expected indentation indicator in the range 1-9, but found 0")),
        (r"expected escape sequence of (\d+) hexadecimal numbers, but found (.+)",
         lambda m: msg("expected escape sequence of {n} hexadecimal numbers, but found "
                       "{found}", n=m[1], found=m[2])),
        (r"expected URI escape sequence of 2 hexadecimal numbers, but found (.+)",
         lambda m: msg("expected URI escape sequence of 2 hexadecimal numbers, but found "
                       "{found}", found=m[1])),
        (r"expected a comment or a line break, but found (.+)",
         lambda m: msg("expected a comment or a line break, but found {found}",
                       found=_token(m[1]))),
        (r"expected alphabetic or numeric character, but found (.+)",
         lambda m: msg("expected alphabetic or numeric character, but found {found}",
                       found=_token(m[1]))),
        (r"expected chomping or indentation indicators, but found (.+)",
         lambda m: msg("expected chomping or indentation indicators, but found {found}",
                       found=_token(m[1]))),
        (r"expected a digit(?: or '.'| or ' ')?, but found (.+)",
         lambda m: msg("expected a digit, but found {found}", found=_token(m[1]))),
        (r"expected the node content, but found (.+)",
         lambda m: msg("expected the node content, but found {found}", found=_token(m[1]))),
        (r"expected <block end>, but found (.+)",
         lambda m: msg("expected <block end>, but found {found}", found=_token(m[1]))),
        (r"expected '<document start>', but found (.+)",
         lambda m: msg("expected '<document start>', but found {found}", found=_token(m[1]))),
        (r"expected ',' or '([\]}])', but got (.+)",
         lambda m: msg("expected ',' or '{close}', but got {found}", close=m[1],
                       found=_token(m[2]))),
        (r"expected (URI|'!'|'>'|' '), but found (.+)",
         lambda m: msg("expected {expected}, but found {found}", expected=m[1],
                       found=_token(m[2]))),
    ))

_CONTEXTS: dict[str, Message] = {
    "while parsing a block mapping": msg("while parsing a block mapping"),
    "while parsing a flow mapping": msg("while parsing a flow mapping"),
    "while parsing a block collection": msg("while parsing a block collection"),
    "while parsing a flow sequence": msg("while parsing a flow sequence"),
    "while parsing a block node": msg("while parsing a block node"),
    "while parsing a flow node": msg("while parsing a flow node"),
    "while parsing a node": msg("while parsing a node"),
    "while parsing a tag": msg("while parsing a tag"),
    "while scanning a simple key": msg("while scanning a simple key"),
    "while scanning a quoted scalar": msg("while scanning a quoted scalar"),
    "while scanning a double-quoted scalar": msg("while scanning a double-quoted scalar"),
    "while scanning a plain scalar": msg("while scanning a plain scalar"),
    "while scanning a block scalar": msg("while scanning a block scalar"),
    "while scanning an alias": msg("while scanning an alias"),
    "while scanning an anchor": msg("while scanning an anchor"),
    "while scanning a tag": msg("while scanning a tag"),
    "while scanning a directive": msg("while scanning a directive"),
    "while scanning for the next token": msg("while scanning for the next token"),
    "while composing a mapping": msg("while composing a mapping"),
}


def yaml_problem(problem: str | None) -> Message | None:
    """PyYAML's `problem` text as a message, or None when it is not one we know."""
    text = (problem or "").strip()
    for pattern, make in _PROBLEMS:
        m = pattern.match(text)
        if m:
            return make(m)
    return None


def yaml_error_message(problem: str | None, context: str | None) -> Message:
    """`YAML syntax error: <problem> (<context>)` in the reader's language (in English,
    PyYAML's own words)."""
    what = yaml_problem(problem)
    where = _CONTEXTS.get((context or "").strip())
    if what is None:
        return msg("YAML syntax error") if where is None else msg(
            "YAML syntax error ({context})", context=where)
    if where is None:
        return msg("YAML syntax error: {problem}", problem=what)
    return msg("YAML syntax error: {problem} ({context})", problem=what, context=where)
