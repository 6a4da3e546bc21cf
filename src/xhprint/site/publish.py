"""A website of many issues: SITE_DIR/<issue-id>/ per issue and an archive index.

`xhprint publish ISSUE_DIR SITE_DIR` writes the issue's site into SITE_DIR/<date>/
(replacing an earlier publication of the same issue as a whole, atomically), then
rewrites SITE_DIR/index.html from every issue.json it finds: the latest issue with
its front page and titles, and 往期 by year and date. The index depends only on
those files, so publishing the same issue again gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xhprint.atomicfile import write_atomic
from xhprint.i18n import Message, msg
from xhprint.layout.dates import chinese_date
from xhprint.model import Finding, InputError
from xhprint.model.source import SourceRef
from xhprint.render.output import write_outputs
from xhprint.site.html import Meta, document, esc
from xhprint.site.issue_site import ISSUE_JSON_VERSION, stylesheet
from xhprint.site.words import Words, words_for

#: what an issue's pages link to as 往期, relative to the issue's site root
ARCHIVE_HREF = "../index.html"
_ISSUE_ID = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SITE_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_./-]*")


@dataclass(frozen=True)
class Published:
    """One issue found in the site folder (from its issue.json)."""

    id: str
    paper: str
    lang: str
    number: int
    total: int | None
    date: _dt.date
    front_image: str
    front_size: tuple[int, int]
    front_titles: tuple[tuple[str, str], ...]  # (title, file in the issue's folder)


def issue_id(date: _dt.date) -> str:
    """The issue's folder in the site: its date, so folders sort by date (2023-10-02)."""
    return date.isoformat()


def publish_site(site_dir: Path, ident: str, files: Mapping[str, bytes]) -> list[Published]:
    """Replace SITE_DIR/<ident>/ with `files` and rewrite the index; the issues now listed.

    The site folder is read first, so a broken issue.json stops the run before
    anything is written.
    """
    site_dir = Path(site_dir)
    others = [p for p in read_site_dir(site_dir) if p.id != ident]
    write_outputs(site_dir / ident, files)
    published = sorted([*others, _parse(site_dir / ident / "issue.json", ident)],
                       key=lambda p: (p.date, p.number), reverse=True)
    write_atomic(site_dir / "style.css", stylesheet())
    write_atomic(site_dir / "index.html", archive_html(published).encode("utf-8"))
    return published


def read_site_dir(site_dir: Path) -> list[Published]:
    """Every issue in the site folder: its sub-folders named like a date with an issue.json.

    A missing folder holds none (publish creates it); a file there, or an issue.json
    that cannot be read, raises InputError.
    """
    site_dir = Path(site_dir)
    if site_dir.exists() and not site_dir.is_dir():
        raise InputError([_problem(site_dir, msg("it is a file, not a folder"),
                                   msg("name a folder for the website (it is created if "
                                       "missing)"))])
    if not site_dir.is_dir():
        return []
    found = []
    for folder in sorted(site_dir.iterdir()):
        if folder.is_dir() and _ISSUE_ID.fullmatch(folder.name) and (folder / "issue.json").exists():
            found.append(_parse(folder / "issue.json", folder.name))
    return found


def _problem(path: Path, what: Message, hint: Message) -> Finding:
    return Finding("publish", "error", msg("{path}: {problem}", path=str(path), problem=what),
                   where=SourceRef(str(path)), hint=hint)


def _parse(path: Path, ident: str) -> Published:
    """An issue.json read back, checked enough that the index can trust it."""
    hint = msg("publish that issue again, or remove its folder")
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("version") != ISSUE_JSON_VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {ISSUE_JSON_VERSION}")
        front = data["front"] or {}
        titles = tuple((str(a["title"]), _site_path(a["file"])) for a in front.get("articles", []))
        total = data["total"]
        return Published(ident, str(data["paper"]), str(data["lang"]), int(data["number"]),
                         int(total) if total is not None else None,
                         _dt.date.fromisoformat(data["date"]),
                         _site_path(front.get("image", "")) if front else "",
                         (int(front.get("width", 0)), int(front.get("height", 0))), titles)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise InputError([_problem(path, msg("not an issue.json xhprint can read"),
                                   hint)]) from None


def _site_path(value: Any) -> str:
    """A path inside an issue's folder, as issue_site writes them (nothing else is linked)."""
    text = str(value)
    if text and (not _SITE_PATH.fullmatch(text) or ".." in text.split("/")):
        raise ValueError(f"unexpected path {text!r}")
    return text


def _edition(w: Words, p: Published) -> str:
    number = (w.issue_number.format(p.number, p.total) if p.total
              else w.issue_number_short.format(p.number))
    return f"{chinese_date(p.date)} {number}"


def archive_html(published: Sequence[Published]) -> str:
    """SITE_DIR/index.html: the latest issue, then every issue by year (newest first)."""
    latest = published[0]
    w = words_for(latest.lang)
    name = f"{latest.paper}{w.digital_edition}"
    base = f"{latest.id}/"
    titles = "\n".join(f'<li><a href="{base}{esc(f)}">{esc(t)}</a></li>'
                       for t, f in latest.front_titles)
    image = ""
    if latest.front_image:
        fw, fh = latest.front_size
        image = (f'<a href="{base}index.html"><img src="{base}{esc(latest.front_image)}" '
                 f'width="{fw}" height="{fh}" alt="{esc(_edition(w, latest))}"></a>')
    years: dict[int, list[Published]] = {}
    for p in published:
        years.setdefault(p.date.year, []).append(p)
    by_year = "\n".join(
        f"<section><h3>{w.year.format(year)}</h3>\n<ul>\n"
        + "\n".join(f'<li><a href="{p.id}/index.html">{esc(_edition(w, p))}</a></li>'
                    for p in issues)
        + "\n</ul></section>" for year, issues in years.items())
    body = (f'<a class="skip" href="#main">{w.skip_to_content}</a>\n'
            f'<header class="top">\n<a class="paper" href="index.html">{esc(latest.paper)}'
            f"<span>{w.digital_edition}</span></a>\n</header>\n"
            '<main id="main" class="archive-view">\n'
            f'<section class="latest">\n<div>{image}</div>\n<div>\n<h2>{w.latest}</h2>\n'
            f"<p>{esc(_edition(w, latest))}</p>\n<ol>\n{titles}\n</ol>\n"
            f'<p><a class="read" href="{base}index.html">{w.read_issue}</a></p>\n</div>\n'
            "</section>\n"
            f'<div class="years">\n<h2>{w.archive}</h2>\n{by_year}\n</div>\n</main>\n')
    meta = Meta(title=name, description=f"{name} {_edition(w, latest)}",
                og_image=f"{base}{latest.front_image}" if latest.front_image else "",
                og_image_alt=_edition(w, latest))
    return document(latest.lang, meta, "", body, name)
