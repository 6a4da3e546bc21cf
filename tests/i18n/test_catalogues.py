"""The catalogues against the source: every message the program can print has a real
translation in zh-Hant and zh-Hans, with the same placeholders, in the right script.

The msgids are extracted here, from the source as it is now (tools/i18n.py's extraction),
so a new message without a translation fails this test, not a user at night.
"""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from i18n.allowed import english_words
from xhprint.i18n import CATALOGUES, Message, compile_po, msg, po_path, tr, translations
from xhprint.preflight.script_mix import load_script_tables

REPO = Path(__file__).resolve().parents[2]


def _load_tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _load_tool().template()


@pytest.fixture(scope="module", params=sorted(CATALOGUES))
def catalogue(request) -> tuple[str, Catalog]:
    lang = request.param
    with po_path(lang).open("rb") as fh:
        return lang, read_po(fh, locale=CATALOGUES[lang])


def _ids(m) -> tuple[str, ...]:
    return tuple(m.id) if isinstance(m.id, tuple | list) else (m.id,)


def _strings(m) -> tuple[str, ...]:
    return tuple(m.string) if isinstance(m.string, tuple | list) else (m.string,)


def _is_percent_style(m) -> bool:
    """argparse's msgids are %-formatted; ours use {name} placeholders."""
    return any(loc == "argparse.py" for loc, _ in m.locations)


_PERCENT = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?([a-zA-Z%])")


def placeholders(text: str, percent: bool) -> list[tuple[str, ...]]:
    """The placeholders of `text` with their conversion and format spec, sorted."""
    if percent:
        return sorted((name or "", kind) for name, kind in _PERCENT.findall(text)
                      if kind != "%")
    out = [(field, conversion or "", spec or "")
           for _literal, field, spec, conversion in string.Formatter().parse(text)
           if field is not None]
    return sorted(set(out))


def test_the_extraction_finds_the_program_s_messages(template):
    ids = {_ids(m)[0] for m in template if m.id}
    # a finding, a CLI line, an argparse word and a plural: each kind of source is extracted
    assert "unknown key {key!r} in {what}; did you mean {near!r}?" in ids
    assert "wrote {files}" in ids
    assert "the following arguments are required: %s" in ids
    assert "NOT FOR PRESS — {n} error, see report.json" in ids
    assert len(ids) > 400


def test_every_msgid_has_a_translation_that_is_not_fuzzy(template, catalogue):
    lang, po = catalogue
    missing, fuzzy, empty = [], [], []
    for m in template:
        if not m.id:
            continue
        entry = po.get(m.id, context=m.context)
        if entry is None:
            missing.append(_ids(m)[0])
        elif entry.fuzzy:
            fuzzy.append(_ids(m)[0])
        elif not all(_strings(entry)):
            empty.append(_ids(m)[0])
    assert (missing, fuzzy, empty) == ([], [], []), (
        f"{lang}: run `python tools/i18n.py update` and translate these in {po_path(lang)}")


def test_plural_messages_have_every_plural_form(template, catalogue):
    lang, po = catalogue
    bad = []
    for m in template:
        if not m.id or not isinstance(m.id, tuple | list):
            continue
        entry = po.get(m.id, context=m.context)
        if entry is None or not isinstance(entry.string, tuple | list) \
                or len(entry.string) != po.num_plurals or not all(entry.string):
            bad.append(m.id[0])
    assert bad == [] and po.num_plurals == 1, lang  # Chinese has one form for every count


def test_placeholders_and_their_format_specs_match(template, catalogue):
    lang, po = catalogue
    bad = []
    for m in template:
        if not m.id:
            continue
        entry = po.get(m.id, context=m.context)
        if entry is None:
            continue
        percent = _is_percent_style(m)
        # a plural's one Chinese form serves every count: it has the plural's placeholders
        wanted = placeholders(_ids(m)[-1], percent)
        for text in _strings(entry):
            try:
                got = placeholders(text, percent)
            except ValueError as e:  # an unmatched { or } in the translation
                bad.append((_ids(m)[0], str(e)))
                continue
            if got != wanted:
                bad.append((_ids(m)[0], text))
            if text.endswith("\n") != _ids(m)[0].endswith("\n"):
                bad.append((_ids(m)[0], "trailing newline"))
    assert bad == [], lang


def test_translations_use_no_english_words(catalogue):
    """Outside its placeholders a translation is Chinese, except the allowed words (YAML keys
    and values, file and format names, PDF terms, units: tests/i18n/allowed.py)."""
    lang, po = catalogue
    bad = {}
    for entry in po:
        if not entry.id:
            continue
        for text in _strings(entry):
            literal = re.sub(r"\{[^{}]*\}|%\(\w+\)\w|%\w", " ", text)
            words = english_words(literal)
            if words:
                bad[_ids(entry)[0]] = words
    assert bad == {}, lang


def test_each_catalogue_is_in_its_own_script(catalogue):
    lang, po = catalogue
    tables = load_script_tables()
    wrong = tables.traditional_only if lang == "zh-Hans" else tables.simplified_only
    # the paper's name in an example value (title: 徐匯報) is the user's text, not ours
    examples = {"add `title: 徐匯報` or `logo: FILE`"}
    bad = {_ids(e)[0]: sorted({ch for ch in "".join(_strings(e)) if ch in wrong})
           for e in po if e.id and _ids(e)[0] not in examples}
    assert {k: v for k, v in bad.items() if v} == {}, lang


def test_catalogues_compile_and_translate_a_nested_plural_message(tmp_path):
    for lang in CATALOGUES:
        assert compile_po(po_path(lang).read_bytes())  # Babel compiles it (no fuzzy entries)
    tx = translations("zh-Hant", tmp_path)
    from xhprint.i18n import nmsg
    from xhprint.layout.issue import characters, lines_of

    m = nmsg("{lines} ({chars}) does not fit in the last part",
             "{lines} ({chars}) do not fit in the last part", 12,
             lines=lines_of(12), chars=characters(131))
    assert str(m) == "12 lines (131 characters) do not fit in the last part"
    assert tr(m, tx) == "溢稿：最後一部分排不下 12 行（131 字）"
    hans = translations("zh-Hans", tmp_path)
    assert tr(m, hans) == "溢稿：最后一部分排不下 12 行（131 字）"
    # the compiled catalogue is cached by the .po's digest and read back the same
    assert len([p for p in (tmp_path / "i18n").rglob("*") if p.is_file()]) == 2
    assert tr(m, translations("zh-Hant", tmp_path)) == tr(m, tx)


def test_a_space_beside_a_placeholder_goes_only_between_han_and_latin(tmp_path):
    tx = translations("zh-Hant", tmp_path)
    page = msg("page {n}", n=2)
    assert tr(msg("unknown key {key!r} in {what}", key="sectoin", what=page), tx) \
        == "第2版裡有未知的鍵 'sectoin'"
    assert tr(msg("unknown key {key!r} in {what}", key="sectoin", what="issue.yaml"), tx) \
        == "issue.yaml 裡有未知的鍵 'sectoin'"
    # a space inside a value (a byline, a path) is the user's and stays
    assert tr(msg("{path}: {problem}", path="照片 一", problem=msg("the PDF is encrypted")),
              tx) == "照片 一：PDF 已加密"


def test_a_page_of_a_pdf_file_is_not_a_page_of_the_issue(tmp_path):
    from xhprint.model import Finding

    f = Finding("page-boxes", "error", msg("page has no TrimBox"), page=1, pdf="ad.pdf")
    tx = translations("zh-Hant", tmp_path)
    assert f.describe(tx) == "ad.pdf: 錯誤[page-boxes] [第1版]: 頁面沒有 TrimBox"
    assert f.describe(tx, pdf_pages=True) == "ad.pdf: 錯誤[page-boxes] [第1頁]: 頁面沒有 TrimBox"
    assert f.describe(None, pdf_pages=True) == f.describe() \
        == "ad.pdf: error[page-boxes] [page 1]: page has no TrimBox"


def test_messages_pickle_and_keep_their_translation(tmp_path):
    import pickle

    tx = translations("zh-Hans", tmp_path)
    m = msg("{what} {key}", what=msg("page {page} item {i}", page=3, i=1), key="box")
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Message) and back == m and tr(back, tx) == tr(m, tx) \
        == "第3版第1项 box"
