"""A prepared TrueType subset embedded as one Type 0 font with 2-byte codes (Identity-H).

ReportLab's TTFont splits a face into 256-code simple fonts: a CJK page uses ~1,000
characters, so a line switched subset font every two or three glyphs (Tm + Tf + TJ
each time), which made the content stream ~3× longer and every reader (our own
preflight included) parse that many more operators. A Type 0 font with a
CIDFontType2 descendant (PDF 32000-1 §9.7.4, §9.7.6) shows any glyph of the face
with one 2-byte code, so a line is one TJ.

Codes are the characters' own code points (BMP), and CIDToGIDMap maps them to the
prepared file's glyphs (§9.7.4.2, Table 117): a page's text operators depend only on
its characters, never on what other pages use, so an untouched page renders to the
same bytes after an edit elsewhere. Characters outside the BMP get codes in the
Private Use Area (U+E000 up, skipping any used as text), in sorted order.
The prepared file is embedded as it is (it is already a subset; fonts/prepare.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfdoc

from xhprint.libversion import fonttools_version
from xhprint.render.compat import add_font_to_every_page
from xhprint.store import Space, Store

if TYPE_CHECKING:  # fontTools (~10 ms) is imported only when a face is read
    from fontTools.ttLib import TTFont

_PUA = 0xE000

FLATE_VERSION = 1  # the store space of compressed font streams
FACTS_VERSION = 1  # the store space of a subset's names, metrics and code table


def subset_tag(digest: str) -> str:
    """Six capital letters from the file digest: the subset tag of §9.6.4."""
    n = int(digest[:12], 16)
    return "".join(chr(ord("A") + (n >> (5 * i)) % 26) for i in range(6))


class CIDFont:
    """One prepared face in one document: codes, widths, and (on `embed`) PDF objects.

    `source` is the prepared file, or its bytes (`stem` then names a face whose name
    table has no PostScript name).
    """

    def __init__(self, source: Path | bytes, chars: set[str], resource: str, stem: str = "Font",
                 facts: Space | None = None):
        self.resource = resource  # e.g. XF1 (shown as /XF1 in content streams)
        if isinstance(source, Path):
            data, stem = source.read_bytes(), source.stem
        else:
            data = source
        self.data = data
        digest = hashlib.sha256(data).hexdigest()
        key = facts.key(fonttools_version(), digest, "".join(sorted(chars)), stem) \
            if facts is not None else ""
        found = _stored_facts(facts.get(key)) if facts is not None else None
        if found is None:
            found = _read_facts(data, digest, chars, stem)
            if facts is not None:
                facts.put(key, json.dumps(found, ensure_ascii=False).encode("utf-8"))
        self.name, self.bbox = found["name"], found["bbox"]
        self.ascent, self.descent = found["ascent"], found["descent"]
        self.cap_height = found["cap_height"]
        #: character → (2-byte code as hex, advance in 1/1000 em, glyph id)
        self.glyphs: dict[str, tuple[str, float, int]] = {
            ch: (str(code), width, int(gid)) for ch, (code, width, gid) in found["glyphs"].items()}

    def embed(self, doc: Any, flate: Any = None) -> None:
        """Add the font's objects to `doc` and list it in every page's /Font resources.

        `flate` (a `StoredFlate`) compresses the streams from the store when their
        content has been compressed before; the bytes are the same as ReportLab's own.
        """
        compress = [flate or pdfdoc.PDFZCompress] if doc.compression else None
        font_file = pdfdoc.PDFStream(content=self.data, filters=compress)
        font_file.dictionary["Length1"] = len(self.data)
        descriptor = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("FontDescriptor"),
            "FontName": pdfdoc.PDFName(self.name),
            "Flags": 4,  # symbolic: glyphs outside the standard Latin set (§9.8.2)
            "FontBBox": pdfdoc.PDFArray(self.bbox),
            "ItalicAngle": 0,
            "Ascent": self.ascent,
            "Descent": self.descent,
            "CapHeight": self.cap_height,
            "StemV": 80,
            "FontFile2": doc.Reference(font_file, f"cidFontFile:{self.name}"),
        })
        by_code = sorted((int(code, 16), width, gid) for code, width, gid in self.glyphs.values())
        gid_map = bytearray(2 * (by_code[-1][0] + 1 if by_code else 1))
        for code, _w, gid in by_code:
            struct.pack_into(">H", gid_map, 2 * code, gid)
        cid_to_gid = pdfdoc.PDFStream(content=bytes(gid_map), filters=compress)
        widths: list[object] = []
        for code, width, _gid in by_code:
            if width != 1000:
                # c [w]: the width of one CID in glyph space (§9.7.4.3)
                widths += [code, pdfdoc.PDFArray([_num(width)])]
        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(self.name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"),
                "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0,
            }),
            "FontDescriptor": doc.Reference(descriptor, f"cidFontDescriptor:{self.name}"),
            "DW": 1000,
            "W": pdfdoc.PDFArray(widths),
            "CIDToGIDMap": doc.Reference(cid_to_gid, f"cidToGid:{self.name}"),
        })
        to_unicode = pdfdoc.PDFStream(
            content=unicode_cmap(self.name, [(int(c, 16), ord(ch))
                                                for ch, (c, _w, _g) in self.glyphs.items()], 2),
            filters=compress)
        type0 = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(self.name),
            "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{self.name}")]),
            "ToUnicode": doc.Reference(to_unicode, f"toUnicodeCMap:{self.name}"),
        })
        add_font_to_every_page(doc, self.resource, doc.Reference(type0, self.resource))


def _read_facts(data: bytes, digest: str, chars: set[str], stem: str) -> dict[str, Any]:
    """What a document needs of a subset (the name, metrics and code table), read from it.

    A warm build takes these from the store's `cidfacts` space instead: the subset's bytes
    and characters decide them, and parsing the face costs ~3 ms a face.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    try:
        upem = font["head"].unitsPerEm
        head = font["head"]
        ascent = round(font["hhea"].ascent * 1000 / upem)
        os2 = font["OS/2"] if "OS/2" in font else None
        return {"name": f"{subset_tag(digest)}+{postscript_name(font) or stem}",
                "bbox": [round(v * 1000 / upem) for v in (head.xMin, head.yMin, head.xMax,
                                                          head.yMax)],
                "ascent": ascent, "descent": round(font["hhea"].descent * 1000 / upem),
                "cap_height": round(getattr(os2, "sCapHeight", 0) * 1000 / upem) or ascent,
                "glyphs": _code_table(font, chars)}
    finally:
        font.close()


def _stored_facts(data: bytes | None) -> dict[str, Any] | None:
    """A kept entry of the facts space, or None (absent, or not of this shape: a miss)."""
    if data is None:
        return None
    try:
        found = json.loads(data)
        if not isinstance(found, dict) or not isinstance(found.get("glyphs"), dict):
            return None
        for code, width, gid in found["glyphs"].values():
            if not (isinstance(code, str) and isinstance(width, (int, float))
                    and isinstance(gid, int)):
                return None
        if not all(k in found for k in ("name", "bbox", "ascent", "descent", "cap_height")):
            return None
        return found
    except (ValueError, TypeError):
        return None


def _code_table(font: TTFont, chars: set[str]) -> dict[str, tuple[str, float, int]]:
    """Each character the face has → (its 2-byte code as hex, advance in 1/1000 em, glyph
    id): the code point in the BMP, Private Use Area codes beyond it (module docstring)."""
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    order = {name: i for i, name in enumerate(font.getGlyphOrder())}
    hmtx = font["hmtx"]
    used_bmp = {ord(c) for c in chars if ord(c) <= 0xFFFF}
    pua = _PUA
    glyphs: dict[str, tuple[str, float, int]] = {}
    for ch in sorted(chars):
        name = cmap.get(ord(ch))
        if name is None:
            continue
        code = ord(ch)
        if code > 0xFFFF:
            while pua in used_bmp:
                pua += 1
            code, pua = pua, pua + 1
        glyphs[ch] = (f"{code:04X}", round(hmtx[name][0] * 1000 / upem, 3), order[name])
    return glyphs


def postscript_name(font: TTFont) -> str | None:
    """Name ID 6 chosen as fontTools' `getDebugName(6)` does, read from the raw table.

    Decoding the `name` table through fontTools imports its OpenType table machinery
    (`otTables`, ~40 ms at start-up) for one ASCII string. The table layout is OpenType
    `name` format 0/1 (count, string offset, 12-byte records); Windows English (3, 0x409)
    wins, then Mac English (1, 0), then the last decodable record. Anything unexpected
    goes to fontTools.
    """
    try:
        return _pick_name(_postscript_records(font.reader["name"]))
    except (KeyError, ValueError, struct.error):
        return font["name"].getDebugName(6)


def _postscript_records(raw: bytes) -> Iterator[tuple[int, int, str]]:
    """(platform, language, text) of each name ID 6 record, in table order."""
    _fmt, count, base = struct.unpack_from(">HHH", raw, 0)
    for i in range(count):
        pid, eid, lid, nid, length, off = struct.unpack_from(">6H", raw, 6 + 12 * i)
        if nid != 6:
            continue
        data = raw[base + off: base + off + length]
        if len(data) != length:
            raise ValueError("name record outside the table")
        if pid == 0 or (pid == 3 and eid in (0, 1, 10)):
            yield pid, lid, data.decode("utf-16-be")
        elif pid == 1 and eid == 0:
            yield pid, lid, data.decode("mac_roman")
        else:
            raise ValueError("encoding left to fontTools")


def _pick_name(records: Iterator[tuple[int, int, str]]) -> str | None:
    """Windows English, else the first Mac English, else the last record read."""
    mac = some = None
    for pid, lid, text in records:
        some = text
        if (pid, lid) == (3, 0x409):
            return text or mac or some
        if (pid, lid) == (1, 0) and mac is None:
            mac = text
    return mac or some


def _utf16_hex(cp: int) -> str:
    """A code point as UTF-16BE hex: a surrogate pair outside the BMP (PDF 1.7 §9.10.3)."""
    return chr(cp).encode("utf-16-be").hex().upper()


def unicode_cmap(fontname: str, pairs: list[tuple[int, int]], code_bytes: int) -> str:
    """ToUnicode CMap: (code, code point) pairs, codes of `code_bytes` bytes (§9.10.3).

    Targets are UTF-16BE, so U+25562 (𥕢) is `<D855DD62>` (ReportLab 5 writes `<%04X>`,
    which truncates it to U+2562 on extraction).
    """
    digits = 2 * code_bytes
    top = max((c for c, _ in pairs), default=0)
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<{0:0{digits}X}> <{(0xFFFF if code_bytes == 2 else max(top, 0)):0{digits}X}>",
        "endcodespacerange",
    ]
    pairs = sorted(pairs)
    # At most 100 entries per beginbfchar block (PDF 1.7 §9.10.3 / Adobe TN 5411).
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{c:0{digits}X}> <{_utf16_hex(cp)}>" for c, cp in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _num(v: float) -> float | int:
    return int(v) if v == int(v) else v


class StoredFlate:
    """FlateDecode for ReportLab streams whose content repeats from build to build (font
    programs, their maps): compressed once, then read back from the store's `flate` space
    by content digest. zlib at ReportLab's level, so the bytes are what ReportLab writes
    (the zlib version is in the recipe)."""

    pdfname = "FlateDecode"

    def __init__(self, store: Store):
        self._space = store.space("flate", FLATE_VERSION)

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        key = self._space.key(zlib.ZLIB_VERSION, hashlib.sha256(data).hexdigest())
        return self._space.get_or_make(key, lambda: zlib.compress(data))

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)
