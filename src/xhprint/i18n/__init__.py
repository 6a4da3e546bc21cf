"""Messages in the editor's language: zh-Hant, zh-Hans or English (issue 13).

A user-facing text is made with `msg` or `nmsg` where it arises (layout, checks, the
CLI) and stays a `Message`: a `str` holding its English text, which also remembers its
gettext msgid, plural form and arguments. It is translated only where it is shown
(`tr`), so layout and checks never need to know the reader's language, the report
keeps check ids language-neutral, and a message made in a worker process pickles.

The catalogues are gettext .po files in xhprint/i18n/locale/<lang>/LC_MESSAGES/; they
are compiled to .mo at first use (Babel) and kept in the cache folder by the .po's
digest. English is the msgid itself and needs no catalogue.

    msg("{file} does not exist", file=rel)
    nmsg("{n} line does not fit", "{n} lines do not fit", n, n=n)

Babel extracts them (keywords `msg`, `nmsg:1,2` and `pmsg:1c,2`; see tools/i18n.py).
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
import string
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, overload

from xhprint.store import Store, open_store

Lang = Literal["en", "zh-Hant", "zh-Hans"]
#: a language's catalogue as `tr` takes it; None is English (the msgids themselves)
Translations = gettext.NullTranslations | None
LANGS: tuple[Lang, ...] = ("zh-Hant", "zh-Hans", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "xhprint"
MO_VERSION = 1  # the store space of compiled catalogues
#: gettext locale folder names of the catalogued languages
CATALOGUES: dict[str, str] = {"zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}
#: the script and region subtags after zh that name each script; Traditional is asked
#: first, so a Traditional region wins over a Hans script tag (zh_Hans_TW → zh-Hant)
_CHINESE_TAGS: tuple[tuple[Lang, frozenset[str]], ...] = (
    ("zh-Hant", frozenset({"HANT", "TW", "HK", "MO"})),
    ("zh-Hans", frozenset({"HANS", "CN", "SG", "MY"})),
)


class Message(str):
    """A user-facing text: its English wording as a `str`, translatable later by `tr`."""

    msgid: str
    plural: str | None
    n: int | None
    args: tuple[tuple[str, Any], ...]
    context: str | None

    def __new__(cls, msgid: str, args: Mapping[str, Any] | None = None,
                plural: str | None = None, n: int | None = None,
                context: str | None = None) -> Message:
        pairs = tuple((args or {}).items())
        english = _format(plural if plural is not None and n != 1 else msgid, pairs, None)
        self = super().__new__(cls, english)
        self.msgid, self.plural, self.n, self.args = msgid, plural, n, pairs
        self.context = context
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.msgid, dict(self.args), self.plural, self.n, self.context))

    def render(self, translations: gettext.NullTranslations | None) -> str:
        """This message in the language of `translations` (None: English)."""
        if translations is None:
            return str.__str__(self)
        if self.plural is not None:
            text = translations.ngettext(self.msgid, self.plural, self.n or 0)
        elif self.context is not None:
            text = translations.pgettext(self.context, self.msgid)
        else:
            text = translations.gettext(self.msgid)
        return _format(text, self.args, translations)


def to_data(value: Any) -> Any:
    """A message (or an argument value) as plain JSON data, for caches kept on disk."""
    if isinstance(value, Message):
        return {"msgid": value.msgid, "plural": value.plural, "n": value.n,
                "context": value.context, "args": {k: to_data(v) for k, v in value.args}}
    return value


def from_data(data: Any) -> Any:
    """The inverse of `to_data`: a Message again (a plain value stays as it is)."""
    if isinstance(data, dict) and "msgid" in data:
        return Message(data["msgid"], {k: from_data(v) for k, v in data["args"].items()},
                       data["plural"], data["n"], data.get("context"))
    return data


def msg(msgid: str, /, **args: Any) -> Message:
    """A message; `{name}` placeholders take `args` (which may be messages themselves)."""
    return Message(msgid, args)


def pmsg(context: str, msgid: str, /, **args: Any) -> Message:
    """A message whose English is the same as another's but whose translation differs by
    `context` (gettext's msgctxt): "page {n}" of a PDF file is 第N頁, of the issue 第N版."""
    return Message(msgid, args, context=context)


def nmsg(singular: str, plural: str, count: int, /, **args: Any) -> Message:
    """A message with a plural form chosen by `count` (ngettext)."""
    return Message(singular, args, plural, count)


def _format(text: str, args: tuple[tuple[str, Any], ...],
            translations: gettext.NullTranslations | None) -> str:
    values = {k: v.render(translations) if isinstance(v, Message) else v for k, v in args}
    if not values and "{" not in text:
        return text
    if translations is None:
        return text.format(**values)
    return _format_chinese(text, values)


_FORMATTER = string.Formatter()


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _format_chinese(text: str, values: dict[str, Any]) -> str:
    """`text.format(**values)`, where a space the translation puts beside a placeholder is
    dropped when Han characters meet across it ("{what} 裡有" with 第2版 → 第2版裡有): in
    Chinese a space goes between Han and Latin text (clreq §3.4), never between two Han
    characters. Spaces inside the values themselves are never touched."""
    pieces: list[str] = []
    loose: list[int] = []  # indices in the result of template spaces beside a placeholder
    length = 0
    for literal, field, spec, conversion in _FORMATTER.parse(text):
        if literal:
            loose += _spaces_beside_fields(literal, length, after_field=bool(pieces),
                                           before_field=field is not None)
            pieces.append(literal)
            length += len(literal)
        if field is not None:
            shown = _format_field(field, spec, conversion, values)
            pieces.append(shown)
            length += len(shown)
    return _drop_spaces_between_han("".join(pieces), loose)


def _spaces_beside_fields(literal: str, at: int, *, after_field: bool,
                          before_field: bool) -> list[int]:
    """Indices in the result (the literal starts at `at`) of the literal's spaces that
    touch a placeholder: its first character after one, its last before one (a literal
    of one space between two placeholders is listed once)."""
    found = []
    if literal[0] == " " and after_field:
        found.append(at)
    if literal[-1] == " " and before_field and len(literal) > 1:
        found.append(at + len(literal) - 1)
    return found


def _format_field(field: str, spec: str | None, conversion: str | None,
                  values: dict[str, Any]) -> str:
    """One `{field!conversion:spec}` of a template as str.format would fill it in (the
    spec may itself hold placeholders)."""
    value, _ = _FORMATTER.get_field(field, (), values)
    value = _FORMATTER.convert_field(value, conversion)
    return _FORMATTER.format_field(value, _FORMATTER.vformat(spec or "", (), values))


def _drop_spaces_between_han(result: str, loose: list[int]) -> str:
    """`result` without those of the spaces at `loose` that have a Han (wide) character
    on both sides."""
    drop = {i for i in loose if 0 < i < len(result) - 1 and result[i] == " "
            and _wide(result[i - 1]) and _wide(result[i + 1])}
    return "".join(ch for i, ch in enumerate(result) if i not in drop)


@overload
def tr(text: str, translations: Translations) -> str: ...
@overload
def tr(text: None, translations: Translations) -> None: ...
def tr(text: str | None, translations: Translations) -> str | None:
    """`text` in the reader's language: a Message is translated, other text (a file name,
    a check id, words from outside the program) is shown as it is."""
    if text is None or translations is None:
        return text if text is None else str.__str__(text)
    return text.render(translations) if isinstance(text, Message) else text


def language_from_env(environ: Mapping[str, str]) -> Lang:
    """LC_ALL, else LC_MESSAGES, else LANG (POSIX order): zh_TW/zh_HK/zh_MO → zh-Hant,
    zh_CN/zh_SG → zh-Hans, anything else → English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return parse_language(value) or "en"
    return "en"


def parse_language(value: str) -> Lang | None:
    """`zh-Hant`, `zh_TW.UTF-8`, `zh_CN`, `en`, … → a language, or None if not one of ours."""
    code = value.split(".")[0].split("@")[0].replace("-", "_")
    first, *rest = code.split("_")
    if first.lower() == "en" or code in ("C", "POSIX"):
        return "en"
    if first.lower() != "zh":
        return None
    tags = {tag.upper() for tag in rest}
    return next((lang for lang, names in _CHINESE_TAGS if names & tags), None)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / CATALOGUES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(lang: Lang, store: Store | Path | None = None
                 ) -> gettext.NullTranslations | None:
    """The catalogue of `lang` (None for English: the msgids are English).

    The .po is compiled once (Babel) and the .mo kept in the store's `i18n` space by the
    .po's digest.
    """
    if lang == "en":
        return None
    po = po_path(lang).read_bytes()
    space = open_store(store).space("i18n", MO_VERSION)
    data = space.get_or_make(space.key(lang, hashlib.sha256(po).hexdigest()),
                             lambda: compile_po(po))
    return gettext.GNUTranslations(io.BytesIO(data))


def compile_po(po: bytes) -> bytes:
    """A .po catalogue's bytes → .mo bytes (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def default_translations(lang: Lang) -> gettext.NullTranslations | None:
    """`translations` with the user's cache folder (XHPRINT_CACHE_DIR or ~/.cache/xhprint)."""
    env = os.environ.get("XHPRINT_CACHE_DIR")
    cache = Path(env) if env else Path.home() / ".cache" / "xhprint"
    return translations(lang, Store(cache))
