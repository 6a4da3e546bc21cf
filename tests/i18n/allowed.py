"""The Latin words a Chinese message may contain, written out: everything else is English
that should have been translated.

A zh-Hant or zh-Hans reader sees file names, check ids, YAML keys and values, units, and
the names of formats and PDF structures the prepress world uses as they are (TrimBox,
OutputIntent, CMYK). File paths are removed before words are looked at; check ids sit in
`error[check]` brackets and are removed with them.
"""

from __future__ import annotations

import re

# YAML keys of issue.yaml, stories, templates and fonts.yaml (docs/manifest.md, templates.md,
# fonts.md), as they appear in messages, alone or in key paths (styles.body.size).
YAML_KEYS = frozenset("""
layout lang issue pages layout_overrides number total date section editor items story box
continue headline_cols ad col row cols rows kind kicker headline subhead byline label photos
file caption credit place fit name trim bleed margins columns gutter grid masthead header
styles print preflight kinsoku punct_style digital font size leading align indent color title
logo qr lines permit url width height top bottom inside outside marks icc image_ppi body
inline_subhead jump jump_head max_headline_lines underset_rows min_image_ppi warn_image_ppi
max_tac hairline_mm min_text_pt min_bleed_mm max_digital_mb max_photo_crop fonts bold family
style private_use priority min_rows max_rows headline_space region punct_position
""".split())

# YAML values: choices of enum keys, template names, booleans, profiles, languages.
YAML_VALUES = frozenset("""
news picture top-left top-right fill fit justify left center right none basic strict gb
quanjiao kaiming banjiao true false auto default newsprint digital broadsheet tabloid
zh-Hant zh-Hans hei hei-bold song song-bold kai Regular Bold above mainland tw hk centred
""".split())

# Formats, encodings, colour models and units.
FORMATS_AND_UNITS = frozenset("""
PDF YAML JSON XML XMP JPEG PNG TIFF UTF UTF-8 UTF-16 RGB CMYK ICC GCR EOF ppi MiB Mpx MB
YYYY-MM-DD
""".split())

# PDF structures named as prepress tools (Acrobat, PitStop) name them.
PDF_TERMS = frozenset("""
TrimBox BleedBox MediaBox OutputIntent ToUnicode Info Title Trapped True False GTS_PDFX
GTS_PDFXVersion pdfxid DestOutputProfile OutputConditionIdentifier Metadata Width Height
CreationDate ModDate CreateDate ModifyDate dc pdf xmp
""".split())

# The program, its commands and options, environment variables, and the packages and font
# names the hints tell the reader to install or write.
COMMANDS = frozenset("""
xhprint build preflight proof fonts publish suggest serve stories new write help debug json
watch jobs out profile port host Ctrl-C LANG
LC_ALL LC_MESSAGES make setup Debian fonts-noto-cjk fonts-arphic-ukai Noto Serif CJK TC
XH Zaozi
""".split())

# argparse's words for a programmer's mistake in building a parser (never shown to a user
# of xhprint; translated all the same): the names of argparse's own parameters.
ARGPARSE_NAMES = frozenset("required conflict_resolution dest __call__".split())

ALLOWED = YAML_KEYS | YAML_VALUES | FORMATS_AND_UNITS | PDF_TERMS | COMMANDS | ARGPARSE_NAMES

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_LETTERS = re.compile(r"[A-Za-z]{3,}")
_PATH = re.compile(r"\\[uU][0-9a-fA-F]+|\S*/\S*|\S*\.(?:yaml|yml|md|pdf|jpg|jpeg|png|tif|tiff|json|html|css|ttf|"
                   r"ttc|otf|po|mo)\b")
_CHECK = re.compile(r"(?<=[誤误告])\[[a-z][a-z-]*\]|(?<=error)\[[a-z][a-z-]*\]|"
                    r"(?<=warning)\[[a-z][a-z-]*\]")


def latin_words(text: str) -> list[str]:
    """The Latin tokens of `text` that hold a word of three letters or more."""
    return [t for t in _TOKEN.findall(text) if _LETTERS.search(t)]


def allowed_word(word: str, names: frozenset[str] = frozenset()) -> bool:
    """A YAML key or value (zh-Hant, styles.body.size parts), a format, unit, PDF term or
    command, or one of `names` (the story ids and files of the issue at hand)."""
    if word in ALLOWED or word in names or word.strip("-_") in ALLOWED:
        return True
    parts = [p for p in re.split(r"[.\-]", word) if p]
    return len(parts) > 1 and all(p in ALLOWED or p in names or not _LETTERS.search(p)
                                  for p in parts)


def scrub(line: str) -> str:
    """A printed line without its file paths and check ids (file:line:col goes with the path)."""
    return _CHECK.sub("", _PATH.sub(" ", line))


def english_words(line: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The words of a printed line that are not allowed in a Chinese message."""
    return [w for w in latin_words(scrub(line)) if not allowed_word(w, names)]
