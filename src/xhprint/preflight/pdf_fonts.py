"""Find every font a PDF page can use and say whether it is embedded and copyable.

Walks a page's resources, the resources of its form XObjects, tiling patterns
and Type 3 fonts, and the appearance streams of its annotations (PDF 32000-1:2008
§7.8.3, §8.10, §12.5.5), with cycle and depth bounds. Embedding follows §9.9
(FontFile/FontFile2/FontFile3 in the descriptor; Type0 through its descendant,
§9.7); copyability follows §9.10.2 (ToUnicode, or a simple font with a standard
encoding, or a Type0 font with a predefined Unicode CMap).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from pypdf.generic import DictionaryObject, NameObject

from xhprint.preflight.pdf_bounds import Budget
from xhprint.preflight.pdf_events import obj_key

_STANDARD_ENCODINGS = frozenset(
    {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding", "/MacExpertEncoding"}
)
# The base-14 symbol fonts carry a built-in encoding that readers know (§9.6.2.2).
_SYMBOL_FONTS = frozenset({"Symbol", "ZapfDingbats"})
_BASE14_TEXT = frozenset(
    f"{fam}{sty}"
    for fam, styles in (
        ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")),
    )
    for sty in styles
)


@dataclass(frozen=True)
class FontInfo:
    """One font dictionary: its name, subtype, and the two facts preflight needs."""

    key: object
    name: str
    subtype: str
    embedded: bool
    copyable: bool
    in_annotation: bool = False


def _strip_subset(name: str) -> str:
    """ABCDEF+Name → Name (subset tag, §9.6.4)."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isupper() else name


def _has_font_file(descriptor: Any) -> bool:
    descriptor = descriptor.get_object() if descriptor is not None else None
    if not isinstance(descriptor, DictionaryObject):
        return False
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def font_info(font: Any) -> FontInfo:
    """Classify one font dictionary."""
    font = font.get_object()
    subtype = str(font.get("/Subtype", "/Unknown"))[1:]
    name = _strip_subset(str(font.get("/BaseFont", "/(unnamed)"))[1:])
    if subtype == "Type3":
        # Glyphs are content streams inside the font: always embedded; text identity
        # is not recoverable without ToUnicode and is not expected of Type 3 (§9.6.5).
        name = str(font.get("/Name", "/Type3"))[1:]
        return FontInfo(obj_key(font), name, subtype, True, True)
    has_tounicode = "/ToUnicode" in font
    if subtype == "Type0":
        embedded, unicode_cmap = _type0(font)
        return FontInfo(obj_key(font), name, subtype, embedded, has_tounicode or unicode_cmap)
    embedded = _has_font_file(font.get("/FontDescriptor"))
    copyable = has_tounicode or _standard_text(font, name, embedded) or name in _SYMBOL_FONTS
    return FontInfo(obj_key(font), name, subtype, embedded, copyable)


def _type0(font: Any) -> tuple[bool, bool]:
    """A Type 0 font: is its descendant embedded, is its CMap a Unicode one (§9.7.5.2)?"""
    try:
        desc_font = font["/DescendantFonts"][0].get_object()
        embedded = _has_font_file(desc_font.get("/FontDescriptor"))
    except (KeyError, IndexError, TypeError, AttributeError):
        embedded = False
    enc = font.get("/Encoding")
    return embedded, isinstance(enc, NameObject) and str(enc).startswith("/Uni")


def _standard_text(font: Any, name: str, embedded: bool) -> bool:
    """Does a simple font's encoding say which characters its codes are (§9.6.6)?"""
    enc = font.get("/Encoding")
    enc = enc.get_object() if enc is not None else None
    if isinstance(enc, NameObject):
        return str(enc) in _STANDARD_ENCODINGS
    if isinstance(enc, DictionaryObject):
        return "/Differences" in enc or str(enc.get("/BaseEncoding", "")) in _STANDARD_ENCODINGS
    return name in _BASE14_TEXT and not embedded


def page_fonts(page: Any, budget: Budget) -> Iterator[FontInfo]:
    """Every font reachable from a page, each font object once."""
    seen: set[object] = set()
    fonts_seen: set[object] = set()
    yield from _walk(page.get("/Resources"), 0, seen, fonts_seen, budget)
    for annot in _annotations(page):
        for ap in _appearance_streams(annot):
            for f in _walk(ap, 0, seen, fonts_seen, budget):
                yield replace(f, in_annotation=True)


def _annotations(page: Any) -> list[Any]:
    try:
        return [a.get_object() for a in page.get("/Annots", []) or []]
    except (TypeError, AttributeError):
        return []


def _appearance_streams(annot: Any) -> Iterator[Any]:
    """The /N, /R, /D appearances of an annotation, including per-state sub-dicts."""
    try:
        ap = annot.get("/AP")
        ap = ap.get_object() if ap is not None else None
    except AttributeError:
        return
    if not isinstance(ap, DictionaryObject):
        return
    for k in ("/N", "/R", "/D"):
        v = ap.get(k)
        v = v.get_object() if v is not None else None
        if v is None:
            continue
        if hasattr(v, "get_data"):
            yield v
        elif isinstance(v, DictionaryObject):
            yield from (s.get_object() for s in v.values())


def _walk(
    node: Any, depth: int, seen: set[object], fonts_seen: set[object], budget: Budget
) -> Iterator[FontInfo]:
    """Walk a resource dictionary or a stream carrying /Resources."""
    if node is None:
        return
    node = node.get_object()
    key = obj_key(node)
    if key in seen:
        return  # a cycle or a shared dictionary already walked
    seen.add(key)
    budget.check_depth(depth)
    budget.spend_operations(1)
    if hasattr(node, "get_data") or "/Resources" in node:
        yield from _walk(node.get("/Resources"), depth + 1, seen, fonts_seen, budget)
        return
    if not isinstance(node, DictionaryObject):
        return
    yield from _fonts(node, depth, seen, fonts_seen, budget)
    for group in ("/XObject", "/Pattern"):
        for x in _values(node.get(group)):
            if isinstance(x, DictionaryObject) and x.get("/Subtype") != "/Image":
                yield from _walk(x, depth + 1, seen, fonts_seen, budget)


def _values(group: Any) -> Iterator[Any]:
    """The entries of a resource sub-dictionary (/Font, /XObject…), resolved one by one."""
    group = group.get_object() if group is not None else None
    if isinstance(group, DictionaryObject):
        for v in group.values():
            yield v.get_object()


def _fonts(
    node: Any, depth: int, seen: set[object], fonts_seen: set[object], budget: Budget
) -> Iterator[FontInfo]:
    """The fonts of a resource dictionary, each once; a Type 3 font's own resources too."""
    for f in _values(node.get("/Font")):
        fk = obj_key(f)
        if fk in fonts_seen:
            continue
        fonts_seen.add(fk)
        yield font_info(f)
        if f.get("/Subtype") == "/Type3":
            yield from _walk(f.get("/Resources"), depth + 1, seen, fonts_seen, budget)
