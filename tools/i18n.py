"""Message catalogues: extract the msgids from the source, merge them into both .po files.

    .venv/bin/python tools/i18n.py extract   # → src/xhprint/i18n/locale/xhprint.pot
    .venv/bin/python tools/i18n.py update    # extract, then merge into zh_Hant and zh_Hans
    .venv/bin/python tools/i18n.py check     # list untranslated or fuzzy entries (exit 1)

Extraction is Babel's, with our keywords: `msg` (the msgid), `nmsg:1,2` (singular,
plural) and `pmsg:1c,2` (a context, then the msgid). argparse's own words ("usage: ", "the following arguments are required: %s")
are extracted from the running Python's argparse.py with its keywords `_` and
`ngettext`: cli.py routes argparse to our catalogue, so they are ours to translate.
`update` keeps every existing translation; a msgid that changed is matched to its old
entry and marked fuzzy (translate it and remove the fuzzy flag), a new one is empty.
tests/i18n fails while any entry is empty or fuzzy.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LOCALE = SRC / "xhprint" / "i18n" / "locale"
POT = LOCALE / "xhprint.pot"
LANGS = {"zh_Hant": "zh_Hant", "zh_Hans": "zh_Hans"}
KEYWORDS = {"msg": None, "nmsg": (1, 2), "pmsg": ((1, "c"), 2)}
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}
# A fixed date keeps the files the same bytes for the same messages.
FIXED_DATE = _dt.datetime(2023, 10, 2, tzinfo=_dt.UTC)
HEADERS = {
    "zh_Hant": "# xhprint messages in Traditional Chinese, in the words of a newspaper's layout desk\n"
               "# (docs/glossary.md).\n#",
    "zh_Hans": "# xhprint messages in Simplified Chinese, in the words of a newspaper's layout desk\n"
               "# (docs/glossary.md).\n#",
    "pot": "# xhprint messages: every msgid of the source and of argparse (tools/i18n.py extract).\n#",
}
META = {"project": "xhprint", "version": "0.1", "copyright_holder": "xhprint",
        "msgid_bugs_address": "", "last_translator": "xhprint", "language_team": "xhprint"}


def template() -> Catalog:
    """Every msgid of the source and of argparse, with where it is used (file, no line)."""
    catalog = Catalog(domain="xhprint", header_comment=HEADERS["pot"], creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, charset="utf-8", fuzzy=False, **META)
    for filename, _lineno, message, comments, context in extract_from_dir(
            SRC, keywords=KEYWORDS, comment_tags=("i18n:",), strip_comment_tags=True):
        catalog.add(message, None, [(f"src/{filename}", None)], auto_comments=comments,
                    context=context)
    for _lineno, message, comments, context in extract_from_file(
            "python", argparse.__file__, keywords=ARGPARSE_KEYWORDS):
        catalog.add(message, None, [("argparse.py", None)], auto_comments=comments,
                    context=context)
    return catalog


def po_path(folder: str) -> Path:
    return LOCALE / folder / "LC_MESSAGES" / "xhprint.po"


def _write(path: Path, catalog: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, ignore_obsolete=True,
             include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def extract() -> Catalog:
    pot = template()
    _write(POT, pot)
    print(f"{POT.relative_to(ROOT)}: {len(pot)} msgids")
    return pot


def update() -> None:
    pot = extract()
    for folder, locale in LANGS.items():
        path = po_path(folder)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=locale)
        else:
            catalog = Catalog(locale=locale, domain="xhprint", creation_date=FIXED_DATE,
                              charset="utf-8", fuzzy=False, **META)
        catalog.header_comment = HEADERS[folder]
        catalog.update(pot, update_creation_date=False)
        catalog.revision_date = FIXED_DATE
        catalog.fuzzy = False
        _write(path, catalog)
        todo = problems(catalog)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} entries, {len(todo)} to translate")


def problems(catalog: Catalog) -> list[str]:
    """msgids whose translation is missing or fuzzy."""
    out = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
        if m.fuzzy or not all(strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def check() -> int:
    bad = 0
    for folder, locale in LANGS.items():
        with po_path(folder).open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        for mid in problems(catalog):
            print(f"{folder}: {mid!r}")
            bad += 1
    return 1 if bad else 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
        return 0
    if command == "update":
        update()
        return 0
    if command == "check":
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
