"""A fast content-stream tokenizer for the PDF checks, with pypdf as the fallback.

pypdf's `ContentStream` reads a stream byte by byte (hex strings one nibble at a
time), which made parsing our own two editions half of a warm build. This module
reads the common syntax of PDF 32000-1:2008 §7.2 (lexical conventions) and §7.8.2
(content streams) with one compiled regular expression over the decoded bytes:
numbers, names, literal and hexadecimal strings, arrays and operators. It returns
the same `(operands, operator)` list pypdf's `ContentStream.operations` gives, with
plain Python values (int, float, bytes, list) for numbers, strings and arrays and
pypdf `NameObject`s for names, so that the walker's resource look-ups and colour
classification see what they saw before.

Anything outside that common syntax — inline images (BI/ID/EI), dictionaries,
indirect references, names with # escapes, nested or oddly escaped literal strings,
unbalanced brackets, stray delimiters, over-long operators, more tokens than pypdf
allows — makes `fast_operations` return None, and `operations` then hands the whole
stream to pypdf. Hostile and odd PDFs therefore keep pypdf's behaviour and bounds.
"""

from __future__ import annotations

import re
from binascii import unhexlify
from collections.abc import Callable
from typing import Any, Protocol

from pypdf.generic import ContentStream, DecodedStreamObject, NameObject

Operation = tuple[list[Any], bytes]


class ParseMemo(Protocol):
    """Keeps parses of content by its bytes across checks (pdf_memo.PreflightMemo is one)."""

    def operations(self, data: bytes, parse: Callable[[], list[Operation]]) -> list[Operation]:
        """The parse of `data`, made by `parse` only when not known."""
        ...

OPERATOR_LENGTH_LIMIT = 128  # pypdf ContentStream._OPERATOR_LENGTH_LIMIT
# Well under pypdf's 2,000,000-token budget per stream: past it pypdf decides (and raises).
MAX_FAST_TOKENS = 1_000_000

# §7.2.2: white space is NUL, HT, LF, FF, CR, SP (pypdf's WHITESPACES, the same set);
# a regular character is anything but white space and the delimiters ()<>[]{}/%.
_WS_BYTES = b"\x00\t\n\x0c\r "
_WS = rb"\x00\t\n\x0c\r "  # the same, as regex text
_REGULAR = rb"[^\x00\t\n\x0b\x0c\r ()<>\[\]{}/%]"
_SEP = rb"[\t\n\x0c\r ]"  # white space bytes.split() also splits at (no NUL)
# A number ends where a regular character cannot follow (`12abc` is not two tokens here).
_NUM = rb"[+-]?(?:\d+\.?\d*|\.\d+)(?!" + _REGULAR + rb")"
_TOKEN = re.compile(
    rb"[" + _WS + rb"]*(?:"                        # white space before any token (skipped)
    rb"(%[^\r\n]*)"                                # 1 comment
    rb"|((?:" + _NUM + _SEP + rb"*)+)"             # 2 a run of numbers (split by white space)
    rb"|(/" + _REGULAR + rb"*)"                    # 3 name
    rb"|<([0-9A-Fa-f" + _WS + rb"]*)>"             # 4 hex string (never <<, which has no >)
    rb"|\(((?:[^()\\]|\\.)*)\)"                    # 5 literal string without nested ( )
    rb"|\[((?:" + _SEP + rb"*(?:<[0-9A-Fa-f]*>|" + _NUM + rb"))*)" + _SEP + rb"*\]"
    #                                                6 an array of hex strings and numbers (TJ)
    rb"|(\[)"                                      # 7 array start
    rb"|(\])"                                      # 8 array end
    rb"|(" + _REGULAR + rb"+)"                     # 9 a word: an operator, or not understood
    rb")",
    re.DOTALL,
)  # fmt: skip
_ARRAY_ITEM = re.compile(rb"<([0-9A-Fa-f]*)>|([^\t\n\x0c\r <>]+)")
_HEX_SPACE = re.compile(rb"[" + _WS + rb"]+")
# §7.3.4.2: the escapes of a literal string; an unknown escape or an octal over 255
# (pypdf warns and keeps the backslash) is left to pypdf.
_ESCAPE = re.compile(rb"\\([\r\n][\r\n]?|[0-7]{1,3}|.)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f",
            b"(": b"(", b")": b")", b"\\": b"\\"}  # fmt: skip


class _Unsupported(Exception):
    """The stream uses syntax the fast path leaves to pypdf."""


def _unescape(m: re.Match[bytes]) -> bytes:
    e = m.group(1)
    if e in _ESCAPES:
        return _ESCAPES[e]
    if e[0] in b"\r\n":
        return b""  # §7.3.4.2: a backslash before an end-of-line continues the string
    if not e.isdigit():
        raise _Unsupported("unknown escape in a literal string")
    code = int(e, 8)
    if code > 255:
        raise _Unsupported("octal escape over 255")
    return bytes((code,))


def _literal(body: bytes) -> bytes:
    if b"\\" not in body:
        return body
    return _ESCAPE.sub(_unescape, body)


def _hex(body: bytes) -> bytes:
    digits = _HEX_SPACE.sub(b"", body) if body.strip(b"0123456789ABCDEFabcdef") else body
    if len(digits) % 2:
        digits += b"0"  # §7.3.4.3: a missing final digit is 0
    return unhexlify(digits)


def fast_operations(data: bytes) -> list[Operation] | None:
    """The operations of decoded content `data`, or None when pypdf must parse it."""
    if b"\x00" in data:
        # pypdf reads NUL as white space between tokens but as part of an operator or
        # a name (its delimiter pattern is \s, which lacks NUL): left to pypdf.
        return None
    try:
        return _tokenize(data)
    except (_Unsupported, ValueError, UnicodeDecodeError):
        return None


def _tokenize(data: bytes) -> list[Operation]:
    ops: list[Operation] = []
    operands: list[Any] = []
    stack: list[list[Any]] = []  # open arrays; operands go to stack[-1] when not empty
    target = operands
    names: dict[bytes, NameObject] = {}
    pos = 0
    end = len(data)
    tokens = 0
    match = _TOKEN.match
    while pos < end:
        m = match(data, pos)
        if m is None:
            _only_white_space(data, pos)
            break
        pos = m.end()
        kind = m.lastindex or 0
        if kind == 1:
            continue  # a comment
        tokens += 1
        if tokens > MAX_FAST_TOKENS:
            raise _Unsupported("too many tokens")
        if kind == 9:
            word = m.group(9)
            if stack or word not in _OPERATORS:
                _check_operator(word, bool(stack))
            ops.append((operands, word))
            operands = target = []
        elif kind == 2:
            words = m.group(2).split()
            tokens += len(words) - 1
            target.extend(_numbers(words))
        elif kind == 6:
            items = _tj_array(m.group(6))
            tokens += len(items) + 1
            target.append(items)
        elif kind in _STRINGS:
            target.append(_STRINGS[kind](m.group(kind), names))
        else:
            target = _bracket(kind, stack, target)
    if stack:
        raise _Unsupported("unclosed array")
    return ops


def _only_white_space(data: bytes, pos: int) -> None:
    """Where no token starts, only white space may be left (the end of the stream)."""
    if data[pos:].strip(_WS_BYTES):
        raise _Unsupported(f"unexpected byte {data[pos:pos + 1]!r}")


#: the operators of PDF 32000-1 Annex A that the fast path takes as they are (BI, ID
#: and EI, inline images, are left to pypdf); any other word is checked by _check_operator
_OPERATORS = frozenset(
    b"b B b* B* BDC BMC BT BX c cm CS cs d d0 d1 Do DP EMC ET EX f F f* G g gs h i j J "
    b"K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr "
    b"Ts Tw Tz v w W W* y ' \"".split()
)


def _check_operator(word: bytes, in_array: bool) -> None:
    """Raise _Unsupported unless `word` is an operator the fast path may take."""
    first = word[0]
    if not (65 <= first <= 90 or 97 <= first <= 122 or first in (34, 39)):
        raise _Unsupported(f"not an operator: {word[:20]!r}")
    if in_array or word in (b"BI", b"R") or len(word) > OPERATOR_LENGTH_LIMIT:
        raise _Unsupported(f"operator {word[:20]!r} left to pypdf")


def _numbers(words: list[bytes]) -> list[int | float]:
    return [float(w) if b"." in w else int(w) for w in words]


def _name(raw: bytes, names: dict[bytes, NameObject]) -> NameObject:
    """A name as pypdf's NameObject, made once per stream (kept in `names`)."""
    name = names.get(raw)
    if name is None:
        if b"#" in raw:
            raise _Unsupported("name with # escapes")
        name = names[raw] = NameObject(raw.decode("ascii"))
    return name


def _hex_string(body: bytes, names: dict[bytes, NameObject]) -> bytes:
    return _hex(body)


def _literal_string(body: bytes, names: dict[bytes, NameObject]) -> bytes:
    return _literal(body)


#: the single-token operands by their group in _TOKEN: name, hex string, literal string
_STRINGS: dict[int, Callable[[bytes, dict[bytes, NameObject]], Any]] = {
    3: _name, 4: _hex_string, 5: _literal_string,
}


def _tj_array(body: bytes) -> list[Any]:
    """A TJ array of hex strings and numbers, read in one match."""
    return [(unhexlify(h) if len(h) % 2 == 0 else _hex(h)) if not n else
            (float(n) if b"." in n else int(n))
            for h, n in _ARRAY_ITEM.findall(body)]  # fmt: skip


def _bracket(kind: int, stack: list[list[Any]], target: list[Any]) -> list[Any]:
    """[ (group 7) opens an array, the new target; ] (group 8) closes it into the
    enclosing list, which becomes the target again."""
    if kind == 7:
        stack.append(target)
        return []
    if kind != 8:
        raise _Unsupported("no token")
    if not stack:
        raise _Unsupported("] without [")
    outer = stack.pop()
    outer.append(target)
    return outer


def pypdf_operations(data: bytes, reader: Any) -> list[Operation]:
    """pypdf's parse of decoded content `data` (the reference and the fallback)."""
    holder = DecodedStreamObject()
    holder.set_data(data)
    return list(ContentStream(holder, reader).operations)


def operations(data: bytes, reader: Any) -> list[Operation]:
    """The operations of decoded content: the fast tokenizer, else pypdf."""
    fast = fast_operations(data)
    return fast if fast is not None else pypdf_operations(data, reader)
