"""Bounds on reading a PDF, so that any PDF is checked in bounded time and memory.

preflight.md: "PDF checks read content streams with pypdf, bounded in time and
memory: a PDF too large or too deep to check within the bounds is an error
saying so, never a hang." `PdfBounds` holds the limits; `Budget` counts what
one `check_pdf` call has spent and raises `BoundsExceeded` when a limit is hit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from xhprint.i18n import Message, msg
from xhprint.images.coverage import ANALYSIS_PIXELS


@dataclass(frozen=True)
class PdfBounds:
    """Limits for one PDF check (defaults fit a 200-page newspaper with room)."""

    max_pages: int = 2000
    max_file_bytes: int = 2 * 1024**3
    max_content_bytes: int = 128 * 1024**2  # decoded content streams, all pages and forms
    # One page's (or form's) decoded content: a 350×500 mm page of dense text is ~1 MiB;
    # checking the size before tokenising keeps a hostile stream from costing seconds.
    max_stream_bytes: int = 16 * 1024**2
    max_operations: int = 20_000_000  # content-stream operators interpreted
    max_xobject_depth: int = 16  # nested form XObjects / resource dictionaries
    max_image_pixels: int = 50_000_000  # a larger image is not decoded for TAC
    analysis_pixels: int = ANALYSIS_PIXELS  # images are box-averaged to this before TAC
    max_seconds: float = 120.0


class BoundsExceeded(Exception):
    """A bound was hit; the message says which, in words for a press operator."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


@dataclass
class Budget:
    """What one check has spent so far (one per call, never shared)."""

    bounds: PdfBounds
    content_bytes: int = 0
    operations: int = 0
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = time.monotonic() + self.bounds.max_seconds

    def spend_bytes(self, n: int) -> None:
        if n > self.bounds.max_stream_bytes:
            raise BoundsExceeded(msg(
                "a content stream of {size:.0f} MiB decoded is over the {max:g} MiB a page may "
                "hold", size=n / 1024**2, max=self.bounds.max_stream_bytes / 1024**2))
        self.content_bytes += n
        if self.content_bytes > self.bounds.max_content_bytes:
            raise BoundsExceeded(msg("content streams exceed {max:g} MiB decoded",
                                     max=self.bounds.max_content_bytes / 1024**2))

    def spend_operations(self, n: int) -> None:
        self.operations += n
        if self.operations > self.bounds.max_operations:
            raise BoundsExceeded(msg("more than {n:,} drawing operations to interpret",
                                     n=self.bounds.max_operations))
        if self.operations % 4096 < n:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise BoundsExceeded(msg("checking took longer than {s:g} s",
                                     s=self.bounds.max_seconds))

    def check_depth(self, depth: int) -> None:
        if depth > self.bounds.max_xobject_depth:
            raise BoundsExceeded(msg("form XObjects nested deeper than {n} levels",
                                     n=self.bounds.max_xobject_depth))
