"""Post-processed PDFs kept in the store: what pypdf makes of ReportLab's bytes.

Both editions are drawn by ReportLab, then finished by pypdf (page boxes, adverts,
OutputIntent, declarations, /ID: ~15–25 ms an edition), and the print issue file is
cut into page files. Each step's output is a function of its input bytes, of a few
document-level values and of the code; with all of those in the key, a warm build of an
unchanged issue reads the results back (`postpdf` and `printpages` spaces).

The page files, kept by the issue file they are cut from:

Splitting issue.pdf into page-NN.pdf re-reads it, copies each page with its fonts and
images into a new document, adds the OutputIntent and the PDF/X declaration and writes
it (~25 ms a page). What comes out is a function of the issue file's bytes, of what
the page files get at document level (the profile, the title, the issue date and
number) and of the code that does it (this folder's post-processing modules and the
pypdf version): all of it is in the key, so a warm build of an unchanged issue reads
its page files back instead (the `printpages` space).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from xhprint.libversion import pypdf_version
from xhprint.store import Store, file_digest, source_digest

SPLIT_VERSION = 1
#: the modules whose code decides the page files' bytes (with pypdf's version)
_CODE = ("pdfpost.py", "print_pdf.py", "digital_pdf.py", "pdfx.py", "compat.py", "adverts.py",
         "split_memo.py", "../images/adverts.py")


def _code_digest() -> str:
    """The digest of the code that decides the page files' bytes (pdf_pagememo's rule
    for sources that cannot be read)."""
    folder = Path(__file__).resolve().parent
    return source_digest(folder / name for name in _CODE) or "unreadable"


def pack(pages: tuple[bytes, ...]) -> bytes:
    """The page files as one entry: a JSON line of their sizes, then their bytes."""
    return json.dumps([len(p) for p in pages]).encode("ascii") + b"\n" + b"".join(pages)


def unpack(data: bytes) -> tuple[bytes, ...] | None:
    """The page files of an entry, or None when it is not one (a miss)."""
    head, sep, rest = data.partition(b"\n")
    try:
        sizes = json.loads(head)
    except ValueError:
        return None
    if not sep or not isinstance(sizes, list) or not all(
            isinstance(n, int) and n > 0 for n in sizes) or sum(sizes) != len(rest):
        return None
    pages, at = [], 0
    for n in sizes:
        pages.append(rest[at:at + n])
        at += n
    return tuple(pages) if all(p.startswith(b"%PDF-") for p in pages) else None


def split_kept(issue: bytes, recipe: tuple[object, ...], store: Store | None,
               split: Callable[[], Iterable[bytes]]) -> tuple[bytes, ...]:
    """The page files of `issue`: from the store when kept under the same `recipe`
    (what the page files add at document level), else made by `split` and kept."""
    if store is None:
        return tuple(split())
    space = store.space("printpages", SPLIT_VERSION)
    key = space.key(_code_digest(), pypdf_version(), hashlib.sha256(issue).hexdigest(), *recipe)
    found = space.get(key)
    kept = unpack(found) if found is not None else None
    if kept is not None:
        return kept
    pages = tuple(split())
    space.put(key, pack(pages))
    return pages


def advert_recipe(adverts: Sequence[Any], resources: Any) -> tuple[object, ...] | None:
    """The adverts merged into a drawn edition as key data (page, box, file by content),
    or None when they cannot be named so (another merger than render/adverts.py, an
    unreadable file): that edition is finished anew."""
    if not adverts:
        return ()
    from xhprint.render.adverts import merge_advert

    if resources.merge_advert is not merge_advert:
        return None
    try:
        return tuple((ad.page_index, tuple(ad.rect), file_digest(ad.placement.source))
                     for ad in adverts)
    except OSError:
        return None


def finished_kept(drawn: bytes, recipe: tuple[object, ...], store: Store | None,
                  finish: Callable[[], bytes]) -> bytes:
    """What `finish` makes of the drawn bytes `drawn`: kept under `recipe` (everything
    else it adds) in the `postpdf` space."""
    if store is None:
        return finish()
    space = store.space("postpdf", SPLIT_VERSION)
    key = space.key(_code_digest(), pypdf_version(), hashlib.sha256(drawn).hexdigest(), *recipe)
    found = space.get(key)
    if found is not None and found.startswith(b"%PDF-"):
        return found
    made = finish()
    space.put(key, made)
    return made
