"""Font roles (fonts/fonts.yaml) as frozen data: per language, each role's fallback chain.

The manifest loader builds a `FontConfig`; the font book resolves its family names
to font files. Nothing here opens a font.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhprint.model.source import SourceRef

# Roles every language must define (manifest.md §5, template `styles:` use them).
REQUIRED_ROLES = ("song", "song-bold", "hei", "hei-bold", "kai")


@dataclass(frozen=True)
class FaceName:
    """One font face named the way a layout editor sees it: family and style."""

    family: str
    style: str = "Regular"
    ref: SourceRef | None = None

    def __str__(self) -> str:
        return f"{self.family} {self.style}"


@dataclass(frozen=True)
class RoleFonts:
    """A role's ordered fallback chain and the role used for `**bold**` runs."""

    name: str
    faces: tuple[FaceName, ...]
    bold: str
    ref: SourceRef | None = None


@dataclass(frozen=True)
class FontConfig:
    """Roles per language (`zh-Hant`, `zh-Hans`)."""

    langs: dict[str, dict[str, RoleFonts]]  # treat as read-only
    source: SourceRef | None = None
    #: per language, the faces made for private-use code points (a newsroom's 造字
    #: font): the only faces a private-use character may print from (manifest.md §5)
    private_use: dict[str, tuple[FaceName, ...]] | None = None

    def private_faces(self, lang: str) -> tuple[FaceName, ...]:
        return (self.private_use or {}).get(lang, ())

    def roles(self, lang: str) -> dict[str, RoleFonts]:
        """The roles of `lang` (KeyError names the language when absent)."""
        try:
            return self.langs[lang]
        except KeyError:
            raise KeyError(f"fonts.yaml defines no fonts for lang {lang!r}") from None


def is_private_use(cp: int) -> bool:
    """U+E000–U+F8FF and planes 15–16: code points that mean something only in the font
    made for them."""
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0x10FFFD
