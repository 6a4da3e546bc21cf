"""Find font faces by family and style name in the project and system font folders.

Opening every font on the system (hundreds of MB of CJK TTCs) on each run is slow,
so the name tables are read once into an on-disk index keyed by each file's path,
mtime and size; a later run only stats the files and re-reads the changed ones.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

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
            if rec.nameID != fam_id:
                continue
            style = table.getName(sty_id, rec.platformID, rec.platEncID, rec.langID)
            if style is None and sty_id == 17:
                style = table.getName(2, rec.platformID, rec.platEncID, rec.langID)
            try:
                pair = (rec.toUnicode(), style.toUnicode() if style else "Regular")
            except UnicodeDecodeError:
                continue
            if pair not in pairs:
                pairs.append(pair)
    family = table.getDebugName(16) or table.getDebugName(1) or ""
    style = table.getDebugName(17) or table.getDebugName(2) or "Regular"
    key = table.getDebugName(6) or ""
    return key, family, style, tuple(pairs)


def read_faces(path: Path) -> list[dict[str, object]]:
    """The index entries of one font file (one per TTC face); [] if it is not a font."""
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
        try:
            old = json.loads(space.get(key) or b"{}")
        except ValueError:
            old = {}
        old_files: dict[str, dict] = old.get("files", {})
        new_files: dict[str, dict] = {}
        faces: list[FaceRecord] = []
        opened = 0
        for folder in folders:
            for path in _font_files(folder):
                name = str(path.resolve())
                if name in new_files:
                    continue
                try:
                    st = path.stat()
                except OSError:
                    continue
                entry = old_files.get(name)
                if not entry or entry["mtime_ns"] != st.st_mtime_ns or entry["size"] != st.st_size:
                    entry = {"mtime_ns": st.st_mtime_ns, "size": st.st_size,
                             "faces": read_faces(path)}
                    opened += 1
                new_files[name] = entry
                for f in entry["faces"]:
                    faces.append(FaceRecord(
                        key=f["key"], path=Path(name), index=f["index"], family=f["family"],
                        style=f["style"], names=tuple((a, b) for a, b in f["names"])))
        if opened or set(new_files) != set(old_files):
            space.put(key, json.dumps({"files": new_files}, ensure_ascii=False,
                                      sort_keys=True).encode("utf-8"))
        return cls(faces, opened)

    def find(self, family: str, style: str = "Regular") -> FaceRecord | None:
        """The first face (in folder order) whose family and style match."""
        for face in self.faces:
            if face.matches(family, style):
                return face
        return None
