"""How a translated message is filled in, and which language names we accept.

A space the translation puts beside a placeholder goes when Han characters meet across
it (clreq §3.4: a space separates Han from Latin text, never Han from Han); spaces in
the values themselves stay. Language names come from --lang and from the locale.
"""

from __future__ import annotations

import gettext

import pytest

from xhprint.i18n import msg, parse_language, tr


class _Catalogue(gettext.NullTranslations):
    """A catalogue of one translation (msgid → text), enough to render through."""

    def __init__(self, translated: dict[str, str]):
        super().__init__()
        self.translated = translated

    def gettext(self, message: str) -> str:
        return self.translated.get(message, message)


@pytest.mark.parametrize("translation,args,shown", [
    ("{what} 裡有", {"what": "第2版"}, "第2版裡有"),  # Han meets Han across the space
    ("{what} 裡有", {"what": "page 2"}, "page 2 裡有"),  # Latin beside Han keeps it
    ("在 {what}", {"what": "第2版"}, "在第2版"),
    ("在 {what} 裡", {"what": "第2版"}, "在第2版裡"),
    ("在 {what} 裡", {"what": "A4"}, "在 A4 裡"),
    ("{a} {b}", {"a": "中", "b": "文"}, "中文"),
    ("{a}{b}", {"a": "中 ", "b": "文"}, "中 文"),  # a value's own space stays
    ("{a}  {b}", {"a": "中", "b": "文"}, "中  文"),  # two spaces: neither is between Han
    ("共 {n:,} 頁", {"n": 12000}, "共 12,000 頁"),  # a digit is not Han: the space stays
    ("{value!r} 不是語言", {"value": "x"}, "'x' 不是語言"),
    (" {what}", {"what": "版"}, " 版"),  # a space at the start is not between two characters
    ("{size:.{digits}f} 毫米", {"size": 1.25, "digits": 1}, "1.2 毫米"),
    ("沒有參數", {}, "沒有參數"),
])
def test_a_translation_drops_the_space_only_between_han_characters(translation, args, shown):
    catalogue = _Catalogue({"the message": translation})
    assert tr(msg("the message", **args), catalogue) == shown


def test_a_message_argument_is_translated_before_it_is_filled_in():
    catalogue = _Catalogue({"on {where}": "在 {where}", "page {n}": "第{n}版"})
    assert tr(msg("on {where}", where=msg("page {n}", n=3)), catalogue) == "在第3版"
    assert tr(msg("on {where}", where=msg("page {n}", n=3)), None) == "on page 3"


@pytest.mark.parametrize("value,lang", [
    ("zh-Hant", "zh-Hant"), ("zh-Hans", "zh-Hans"), ("zh_TW.UTF-8", "zh-Hant"),
    ("zh_HK", "zh-Hant"), ("zh_MO.Big5@euro", "zh-Hant"), ("zh_CN.GB2312", "zh-Hans"),
    ("zh_SG", "zh-Hans"), ("zh_MY", "zh-Hans"), ("zh_Hans_TW", "zh-Hant"),  # a region of Hant wins
    ("zh_hant", "zh-Hant"), ("en", "en"), ("en_GB.UTF-8", "en"), ("EN", "en"), ("C", "en"),
    ("POSIX", "en"), ("C.UTF-8", "en"), ("zh", None), ("zh_JP", None), ("de_DE", None),
    ("", None), ("-", None), (".UTF-8", None),
])
def test_language_names_from_the_option_and_the_locale(value, lang):
    assert parse_language(value) == lang
