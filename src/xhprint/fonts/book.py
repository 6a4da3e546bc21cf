"""The font book: font roles of one language resolved to faces, as the composer's `Metrics`.

Takes a `FontConfig` and a `lang`; answers which face draws a character in a role
(walking the role's fallback chain, manifest.md §5) and with what advance. Face
metrics load lazily from the on-disk cache (fonts/metrics.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from xhprint.fonts.discover import FaceRecord, FontIndex, system_font_dirs
from xhprint.fonts.metrics import METRICS_VERSION, FaceMetrics, face_identity, load_metrics
from xhprint.i18n import msg
from xhprint.model.findings import Finding, InputError
from xhprint.model.fonts import FaceName, FontConfig, RoleFonts, is_private_use
from xhprint.store import Store, open_store
from xhprint.text.stored import StoredCompositions
from xhprint.text.types import FaceGlyph

EM_DASH = "\u2014"
PRIVATE_USE_ROLE = "private_use"  # how `xhprint fonts` lists the private-use faces
# prepare.py widens U+2014 to exactly 1 em with ink edge to edge, so that —— is one
# continuous 2 em dash (typography.md "Line breaking"); the book reports that advance.
EM_DASH_ADVANCE = 1.0
# Marks whose place in the em is regional (typography.md "Punctuation width"): GB fonts
# draw them in the lower left (，。、) or on the left (：；！？), CNS/HK fonts centred.
REGIONAL_MARKS = frozenset("，。、：；！？")
_NOTO_CJK = re.compile(r"^(Noto (?:Sans|Serif)(?: Mono)? CJK) (SC|TC|HK|JP|KR)$")


def regional_family(family: str, position: str) -> str | None:
    """The Noto CJK family whose own forms of REGIONAL_MARKS sit at `position` ("gb":
    the SC face, "centred": TC, or HK for an HK face), None if `family` already has
    them there or is not a Noto CJK family. Pan-CJK Noto fonts ship every regional
    face in the same file, so the sibling is always installed with the face."""
    m = _NOTO_CJK.match(family)
    if not m:
        return None
    want = "SC" if position == "gb" else ("HK" if m.group(2) == "HK" else "TC")
    return None if m.group(2) == want else f"{m.group(1)} {want}"


def prints_nothing(char: str) -> bool:
    """Control and format characters (U+200B, U+FEFF, …) are never missing glyphs."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


@dataclass(frozen=True)
class FontRow:
    """One line of `xhprint fonts`: a role's face in chain order (face None: not found)."""

    role: str
    position: int  # 0 = the role's own face, 1.. = fallbacks
    wanted: FaceName
    face: FaceRecord | None
    bold: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        """(role, family, style, file, face index) as text."""
        if self.face is None:
            return (self.role, self.wanted.family, self.wanted.style, msg("(not found)"), "-")
        return (self.role, self.face.family, self.face.style, str(self.face.path),
                str(self.face.index))


class FontBook:
    """Roles → fallback chains of faces for one language; implements `text.types.Metrics`."""

    def __init__(self, lang: str, roles: dict[str, RoleFonts], chains: dict[str, tuple[FaceRecord, ...]],
                 rows: list[FontRow], store: Store, private: tuple[FaceRecord, ...] = (),
                 regional: dict[tuple[str, str], FaceRecord] | None = None):
        self.lang = lang
        self._roles = roles
        self._chains = chains
        self._rows = rows
        self._store = store
        self._private = private  # the only faces private-use code points print from
        self._faces = {f.key: f for chain in (*chains.values(), private) for f in chain}
        # (face key, "gb" | "centred") → the sibling face drawing REGIONAL_MARKS there
        self._regional = dict(regional or {})
        for f in self._regional.values():
            self._faces.setdefault(f.key, f)
        self._metrics: dict[str, FaceMetrics] = {}  # per book, filled lazily
        self._walks: dict[tuple[str, bool], tuple[FaceRecord, ...]] = {}
        # composed paragraphs by (runs, spec, bold role): text/compose.py reads it. It
        # lives as long as this book, whose fonts the compositions depend on.
        self.compose_memo: dict[object, object] = {}

    @classmethod
    def open(cls, config: FontConfig, lang: str, store: Store | Path,
             project_fonts: Path | None) -> FontBook:
        """Resolve every role of `lang`; InputError if a role's first font is not installed."""
        if lang not in config.langs:
            raise InputError([Finding(
                "manifest", "error", msg("fonts.yaml defines no fonts for {lang}", lang=lang),
                where=config.source,
                hint=msg("add a {lang}: section with the font roles (see docs/fonts.md)",
                         lang=lang))])
        roles = config.roles(lang)
        folders = ([project_fonts] if project_fonts else []) + system_font_dirs()
        store = open_store(store)
        index = FontIndex.build(folders, store)
        resolved = {name: _resolve_role(name, roles[name], index, lang) for name in sorted(roles)}
        private = _resolve_private(config.private_faces(lang), index, lang)
        every = (*resolved.values(), private)
        findings = [f for r in every for f in r.missing]
        if findings:
            raise InputError(findings)
        chains = {name: r.faces for name, r in resolved.items()}
        return cls(lang, roles, chains, [row for r in every for row in r.rows], store,
                   private.faces, _regional_siblings(chains, index))

    # -- Metrics protocol ---------------------------------------------------------

    def glyph(self, char: str, role: str, bold: bool = False,
              position: str = "") -> FaceGlyph | None:
        """The first face of the chain (bold: the bold partner's chain first) that has `char`;
        for a regional mark with a `position`, that face's regional sibling (the font's
        own GB or CNS form, never a shifted glyph)."""
        cp = ord(char)
        for face in self._faces_for(cp, role, bold):
            adv = self.metrics(face.key).advance_em(cp)
            if adv is not None:
                if position and char in REGIONAL_MARKS:
                    sib = self._regional.get((face.key, position))
                    sib_adv = self.metrics(sib.key).advance_em(cp) if sib else None
                    if sib is not None and sib_adv is not None:
                        return FaceGlyph(sib.key, sib_adv)
                return FaceGlyph(face.key, EM_DASH_ADVANCE if char == EM_DASH else adv)
        return None

    @cached_property
    def stored_compositions(self) -> StoredCompositions | None:
        """Paragraphs composed with this book, kept in its store (text/compose.py reads
        it); None when a face's file cannot be read (its identity is unknown)."""
        identity = self.identity()
        return StoredCompositions(self._store, identity) if identity is not None else None

    def identity(self) -> str | None:
        """A string that changes whenever a glyph this book answers could: the language,
        each role's bold role and chain, the private-use and regional faces, each face
        by its file's identity (fonts.metrics.face_identity). None if a file is gone."""
        try:
            roles = tuple((name, self._roles[name].bold,
                           tuple(face_identity(f) for f in self._chains[name]))
                          for name in sorted(self._roles))
            private = tuple(face_identity(f) for f in self._private)
            regional = tuple((key, position, face_identity(f))
                             for (key, position), f in sorted(self._regional.items()))
        except OSError:
            return None
        return repr((METRICS_VERSION, self.lang, roles, private, regional))

    # -- everything else ------------------------------------------------------------

    def roles(self) -> list[str]:
        return sorted(self._roles)

    def chain(self, role: str, bold: bool = False) -> tuple[FaceRecord, ...]:
        """The faces tried for `role`, in order."""
        return self._walk(role, bold)

    def face(self, key: str) -> FaceRecord:
        return self._faces[key]

    def metrics(self, key: str) -> FaceMetrics:
        m = self._metrics.get(key)
        if m is None:
            m = self._metrics[key] = load_metrics(self._faces[key], self._store)
        return m

    def describe(self) -> list[FontRow]:
        """Every role's chain, role by role, with the face each name resolved to."""
        return list(self._rows)

    def missing(self, text: Iterable[str], role: str) -> set[str]:
        """Characters of `text` that `role` cannot draw, plain or bold: exactly the
        characters `glyph` finds no face for (so a report and a build always agree)."""
        return {char for char in set(text) if not prints_nothing(char)
                and self.glyph(char, role) is None and self.glyph(char, role, True) is None}

    def _faces_for(self, cp: int, role: str, bold: bool) -> tuple[FaceRecord, ...]:
        """A private-use code point prints only from the private_use faces (whatever glyph
        another face has there, e.g. AR PL UKai's HKSCS forms); anything else walks the
        role's chain."""
        return self._private if is_private_use(cp) else self._walk(role, bold)

    def _walk(self, role: str, bold: bool) -> tuple[FaceRecord, ...]:
        walk = self._walks.get((role, bold))
        if walk is None:
            if role not in self._roles:
                raise KeyError(f"font role {role!r} is not in fonts.yaml for {self.lang} "
                               f"(roles: {', '.join(sorted(self._roles))})")
            order = [self._roles[role].bold, role] if bold else [role]
            faces: list[FaceRecord] = []
            for name in order:
                faces.extend(f for f in self._chains[name] if f not in faces)
            walk = self._walks[(role, bold)] = tuple(faces)
        return walk


@dataclass(frozen=True)
class _Resolved:
    """Font names of fonts.yaml looked up in the index: the faces found (each once, in
    order), a row per name for `xhprint fonts`, and an error per name that must be
    installed and is not."""

    faces: tuple[FaceRecord, ...]
    rows: tuple[FontRow, ...]
    missing: tuple[Finding, ...]


def _resolve_role(name: str, role: RoleFonts, index: FontIndex, lang: str) -> _Resolved:
    """A role's fallback chain; only its own (first) face must be installed."""
    faces: list[FaceRecord] = []
    rows: list[FontRow] = []
    missing: list[Finding] = []
    for pos, wanted in enumerate(role.faces):
        face = index.find(wanted.family, wanted.style)
        rows.append(FontRow(name, pos, wanted, face, role.bold))
        if face is None and pos == 0:
            missing.append(Finding(
                "missing-file", "error",
                msg("font {font} (role {role}, {lang}) is not installed",
                    font=str(wanted), role=name, lang=lang),
                where=wanted.ref,
                hint=msg("run make setup (Debian fonts-noto-cjk, fonts-arphic-ukai) "
                         "or put the font in the project's fonts/ folder")))
        if face is not None and face not in faces:
            faces.append(face)
    return _Resolved(tuple(faces), tuple(rows), tuple(missing))


def _resolve_private(wanted_faces: Iterable[FaceName], index: FontIndex, lang: str) -> _Resolved:
    """The private-use faces: every one must be installed (nothing else prints those code
    points)."""
    faces: list[FaceRecord] = []
    rows: list[FontRow] = []
    missing: list[Finding] = []
    for pos, wanted in enumerate(wanted_faces):
        face = index.find(wanted.family, wanted.style)
        rows.append(FontRow(PRIVATE_USE_ROLE, pos, wanted, face, ""))
        if face is None:
            missing.append(Finding(
                "missing-file", "error",
                msg("font {font} (private_use, {lang}) is not installed", font=str(wanted),
                    lang=lang),
                where=wanted.ref,
                hint=msg("put the newsroom's font for made-up characters in the project's "
                         "fonts/ folder, or remove it from private_use")))
        elif face not in faces:
            faces.append(face)
    return _Resolved(tuple(faces), tuple(rows), tuple(missing))


def _regional_siblings(chains: dict[str, tuple[FaceRecord, ...]], index: FontIndex,
                       ) -> dict[tuple[str, str], FaceRecord]:
    """(face key, "gb" | "centred") → the installed sibling face that draws REGIONAL_MARKS
    in that position, for every face of every chain that has one (`regional_family`)."""
    regional: dict[tuple[str, str], FaceRecord] = {}
    for chain in chains.values():
        for face in chain:
            for position in ("gb", "centred"):
                family = regional_family(face.family, position)
                sibling = index.find(family, face.style) if family else None
                if sibling is not None:
                    regional[(face.key, position)] = sibling
    return regional
