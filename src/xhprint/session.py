"""What survives from one build to the next: the build's settings and its caches.

A `BuildSession` holds the font books (their metrics and composed-paragraph memo), the
image cache (probed and prepared photos), the preflight memo and the QR memo. Every
build runs in a session: a one-off build (`xhprint build`) is a fresh one, a watch or
serve process keeps one across rebuilds. Outputs are the same bytes either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from xhprint.fonts.book import FontBook
from xhprint.i18n import Lang, Translations, translations
from xhprint.images.adverts import AdvertInfo, probe_advert
from xhprint.images.cache import ImageCache
from xhprint.images.probe import ImageInfo, probe_image
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model import AdItem, Finding, InputError, Issue, SourceRef
from xhprint.preflight.pdf_docmemo import DocumentChecks
from xhprint.preflight.pdf_memo import PreflightMemo
from xhprint.render.qr import QrMemo
from xhprint.store import Store
from xhprint.text.words import WordBreaks

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuildSettings:
    """Where the project's shared data lives (templates, fonts), the font cache, and the
    language of the build's messages.

    `fonts_config`/`fonts_dir` replace the project's fonts.yaml and fonts/ folder, so tests
    can build whole issues with the box test font (tests/data/fonts-box.yaml). `lang` is
    the reader's language (`--lang`, else the locale): report.json's messages, the slug's
    NOT FOR PRESS note and the proof marks are in it; the pages are in the issue's own.
    """

    project_root: Path = PROJECT_ROOT
    cache_dir: Path | None = None
    fonts_config: Path | None = None
    fonts_dir: Path | None = None
    lang: Lang = "en"

    @property
    def fonts_yaml(self) -> Path:
        return self.fonts_config or self.project_root / "fonts" / "fonts.yaml"

    @property
    def project_fonts(self) -> Path:
        return self.fonts_dir or self.project_root / "fonts"


def open_fonts(issue_lang: str, settings: BuildSettings, store: Store | None = None) -> FontBook:
    """The font book of a language, its index and metrics kept in `store` (default: the
    settings' cache folder)."""
    from xhprint.fonts.discover import default_cache_dir

    config = load_font_config(settings.fonts_yaml)
    where = store or Store(settings.cache_dir or default_cache_dir())
    return FontBook.open(config, issue_lang, where, settings.project_fonts)


@dataclass(frozen=True)
class MediaFile:
    """A photo or advert file the issue places, as the manifest names it."""

    path: Path
    rel: str  # as written in the issue (findings name it so)
    ref: SourceRef | None
    kind: Literal["photo", "image", "pdf"]  # a story's photo, an image or a PDF advert


def media_files(issue: Issue) -> Iterator[MediaFile]:
    """Every photo of every story, then every advert of every page, in issue order."""
    for story in issue.stories.values():
        for photo in story.photos:
            yield MediaFile(photo.file, photo.rel, photo.ref, "photo")
    for page in issue.pages:
        for item in page.items:
            if isinstance(item, AdItem):
                is_pdf = item.path.suffix.lower() == ".pdf"
                yield MediaFile(item.path, item.rel, item.ref, "pdf" if is_pdf else "image")


def media_paths(issue: Issue) -> list[Path]:
    """Every photo and advert file the issue places (what probe_media reads)."""
    return [media.path for media in media_files(issue)]


def probe_media(issue: Issue, probe: Callable[..., ImageInfo | Finding] = probe_image,
                probe_pdf: Callable[..., AdvertInfo | Finding] = probe_advert,
                ) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[float, float]]]:
    """Pixel sizes of photos (and image adverts), pt sizes of PDF adverts; bad files → InputError.

    `probe` is `probe_image` or an ImageCache's `probe`, `probe_pdf` `probe_advert` or an
    ImageCache's `probe_advert` (the same answers, kept on disk).
    A story photo already measured is not probed again (two stories may share it).
    """
    photos: dict[Path, tuple[int, int]] = {}
    ads: dict[Path, tuple[float, float]] = {}
    findings: list[Finding] = []
    for media in media_files(issue):
        if media.kind == "photo" and media.path in photos:
            continue
        prober = probe_pdf if media.kind == "pdf" else probe
        found = prober(media.path, media.rel, media.ref)
        if isinstance(found, Finding):
            findings.append(found)
        elif isinstance(found, AdvertInfo):
            ads[media.path] = (found.width, found.height)
        else:
            photos[media.path] = (found.width, found.height)
    if findings:
        raise InputError(findings)
    return photos, ads


class BuildSession:
    """Caches one process keeps across builds; nothing here is module-level state."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        # the one disk store every cache of the build is a space of (store.py)
        self.store = Store(cache_dir)
        self.images: ImageCache = ImageCache(self.store)
        # content-stream parses of unchanged pages and photo TAC (preflight/pdf_memo.py)
        self.preflight: PreflightMemo = PreflightMemo(self.store)
        # whole PDFs' findings by their bytes: editions and adverts (preflight/pdf_docmemo.py)
        self.documents: DocumentChecks = DocumentChecks(self.store)
        # encoded QR module runs by text, in memory and on disk (render/qr.py)
        self.qr_symbols: QrMemo = QrMemo(self.store)
        # headline word boundaries by text, in memory and on disk (text/words.py)
        self.words: WordBreaks = WordBreaks(self.store)
        self._books: dict[tuple[str, Path, int], FontBook] = {}
        self._catalogues: dict[str, Translations] = {}
        self._probed: tuple[tuple[Any, ...], Any] | None = None
        self.probes = 0

    @classmethod
    def fresh(cls, settings: BuildSettings) -> BuildSession:
        """A session for one build: the settings' cache folder, else the user's."""
        from xhprint.fonts.discover import default_cache_dir

        return cls(settings.cache_dir or default_cache_dir())

    def probe_media(self, issue: Issue) -> tuple[dict[Path, tuple[int, int]],
                                                 dict[Path, tuple[float, float]]]:
        """probe_media, reused while no photo or advert file changed (mtime, size).

        Probing decodes every photo in full (~10 ms each) to catch truncated files; a
        file whose stat is unchanged since the last successful probe was checked then.
        """
        key = tuple(sorted((str(p), *file_stat(p)) for p in media_paths(issue)))
        if self._probed is None or self._probed[0] != key:
            # InputError propagates, nothing kept
            self._probed = (key, probe_media(issue, self.images.probe, self.images.probe_advert))
            self.probes += 1
        return self._probed[1]

    def translations(self, lang: Lang) -> Translations:
        """The message catalogue of `lang` (None for English), loaded once per session."""
        if lang not in self._catalogues:
            self._catalogues[lang] = translations(lang, self.store)
        return self._catalogues[lang]

    def fonts(self, lang: str, settings: BuildSettings) -> FontBook:
        """The issue language's font book, reopened only when fonts.yaml changes."""
        path = settings.fonts_yaml
        key = (lang, path, path.stat().st_mtime_ns if path.exists() else 0)
        book = self._books.get(key)
        if book is None:
            book = self._books[key] = open_fonts(lang, settings, self.store)
        return book


def file_stat(path: Path) -> tuple[int, int]:
    """(mtime_ns, size) of a file, (-1, -1) when it is gone: enough to see it changed."""
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)  # missing: probe_media reports it
    return (st.st_mtime_ns, st.st_size)
