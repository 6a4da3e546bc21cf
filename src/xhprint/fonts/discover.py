"""Find font faces by family and style name in the project and system font folders.

Opening every font on the system (hundreds of MB of CJK TTCs) on each run is slow,
so the name tables are read once into an on-disk index keyed by each file's path,
mtime and size; a later run only stats the files and re-reads the changed ones.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # fontTools (~10 ms) is imported only when a font file is read
    from fontTools.ttLib import TTCollection, TTFont

from xhprint.store import Store

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
INDEX_VERSION = 2  # 2: in the store
# Name IDs (OpenType `name` table): 1/2 legacy family/subfamily, 16/17 typographic ones.
_FAMILY_STYLE_IDS = ((1, 2), (16, 17))
_REGULAR = {"regular", "book", "normal", "roman", ""}


def system_font_dirs() -> list[Path]:
    """The system folders searched after the project's fonts/ folder."""
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]


def default_cache_dir() -> Path:
    """XHPRINT_CACHE_DIR, else ~/.cache/xhprint (callers pass the result on explicitly)."""
    env = os.environ.get("XHPRINT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "xhprint"


def norm_style(style: str) -> str:
    """Compare styles loosely: case, spaces and Regular/Book/Normal/Roman synonyms."""
    s = style.lower().replace(" ", "").replace("-", "")
    return "regular" if s in _REGULAR else s


def norm_family(family: str) -> str:
    return " ".join(family.lower().split())


@dataclass(frozen=True)
class FaceRecord:
    """One face of a font file: where it is and the names it answers to."""

    key: str  # stable face key: the PostScript name, e.g. NotoSerifCJKtc-Regular
    path: Path
    index: int  # face index inside a TTC (0 for a plain font)
    family: str  # the family name shown to users (name ID 16, else 1)
    style: str
    names: tuple[tuple[str, str], ...]  # every (family, style) pair it matches

    def matches(self, family: str, style: str) -> bool:
        fam, sty = norm_family(family), norm_style(style)
        return any(norm_family(f) == fam and norm_style(s) == sty for f, s in self.names)


def _names(font: TTFont) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    """(key, display family, display style, all family/style pairs) from the name table."""
    table = font["name"]
    pairs: list[tuple[str, str]] = []
    for fam_id, sty_id in _FAMILY_STYLE_IDS:
        for rec in table.names:
            pair = _pair(table, rec, sty_id) if rec.nameID == fam_id else None
            if pair is not None and pair not in pairs:
                pairs.append(pair)
    return (*_display_names(table), tuple(pairs))


def _display_names(table: Any) -> tuple[str, str, str]:
    """(key, family, style) as `xhprint fonts` shows them: the PostScript name, and the
    typographic family and style (16, 17) where the font has them, else the legacy ones."""
    family = table.getDebugName(16) or table.getDebugName(1) or ""
    style = table.getDebugName(17) or table.getDebugName(2) or "Regular"
    return table.getDebugName(6) or "", family, style


def _pair(table: Any, rec: Any, sty_id: int) -> tuple[str, str] | None:
    """(family, style) of a family-name record with the style record of the same platform,
    encoding and language: a typographic family (16) without a typographic style (17)
    takes the legacy style (2), no style at all is Regular. None when either name does
    not decode."""
    style = table.getName(sty_id, rec.platformID, rec.platEncID, rec.langID)
    if style is None and sty_id == 17:
        style = table.getName(2, rec.platformID, rec.platEncID, rec.langID)
    try:
        return rec.toUnicode(), style.toUnicode() if style else "Regular"
    except UnicodeDecodeError:
        return None


def read_faces(path: Path) -> list[dict[str, object]]:
    """The index entries of one font file (one per TTC face); [] if it is not a font."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            holder: TTCollection | TTFont = TTCollection(str(path), lazy=True)
            fonts = list(holder.fonts)
        else:
            holder = TTFont(str(path), lazy=True)
            fonts = [holder]
        out = []
        with holder:
            for index, font in enumerate(fonts):
                key, family, style, pairs = _names(font)
                out.append({"index": index, "key": key or f"{path.stem}-{index}", "family": family,
                            "style": style, "names": [list(p) for p in pairs]})
        return out
    except (TTLibError, OSError, KeyError, AssertionError, ValueError):
        return []


def _font_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs.sort()
        found.extend(Path(root) / f for f in sorted(files) if f.lower().endswith(FONT_SUFFIXES))
    return found


class FontIndex:
    """All faces found in the given folders, in search order (first folder first)."""

    def __init__(self, faces: list[FaceRecord], opened: int):
        self.faces = faces
        self.opened = opened  # how many font files had to be read (0 on a warm index)

    @classmethod
    def build(cls, folders: list[Path], store: Store) -> FontIndex:
        """Index `folders`, reusing the stored index of the same folders for unchanged files
        (one entry of the store's `font-index` space, rewritten when a file changed)."""
        space = store.space("font-index", INDEX_VERSION)
        key = space.key(tuple(str(f) for f in folders))
        old_files = _stored_files(space.get(key))
        new_files: dict[str, dict] = {}
        opened = 0
        for path, name, st in _font_stats(folders):
            entry = old_files.get(name)
            if not entry or not _is_current(entry, st):
                entry = {"mtime_ns": st.st_mtime_ns, "size": st.st_size,
                         "faces": read_faces(path)}
                opened += 1
            new_files[name] = entry
        if opened or set(new_files) != set(old_files):
            space.put(key, json.dumps({"files": new_files}, ensure_ascii=False,
                                      sort_keys=True).encode("utf-8"))
        return cls([face for name, entry in new_files.items()
                    for face in _face_records(name, entry)], opened)

    def find(self, family: str, style: str = "Regular") -> FaceRecord | None:
        """The first face (in folder order) whose family and style match."""
        for face in self.faces:
            if face.matches(family, style):
                return face
        return None


def _font_stats(folders: list[Path]) -> Iterator[tuple[Path, str, os.stat_result]]:
    """Each font file in `folders` once (by its resolved path, the index's name for it),
    in search order, with its stat; a file that cannot be stat'ed is left out."""
    seen: set[str] = set()
    for folder in folders:
        for path in _font_files(folder):
            name = str(path.resolve())
            if name in seen:
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            seen.add(name)
            yield path, name, st


def _stored_files(data: bytes | None) -> dict[str, dict]:
    """The stored index's entries by file name ({} when there is none or it is not JSON)."""
    try:
        old = json.loads(data or b"{}")
    except ValueError:
        old = {}
    files: dict[str, dict] = old.get("files", {})
    return files


def _is_current(entry: dict, st: os.stat_result) -> bool:
    """Whether a stored entry was read from the file as it is now (same mtime and size)."""
    return bool(entry["mtime_ns"] == st.st_mtime_ns and entry["size"] == st.st_size)


def _face_records(name: str, entry: dict) -> list[FaceRecord]:
    """The faces of one indexed file."""
    return [FaceRecord(key=f["key"], path=Path(name), index=f["index"], family=f["family"],
                       style=f["style"], names=tuple((a, b) for a, b in f["names"]))
            for f in entry["faces"]]
