"""Real QR codes (ISO/IEC 18004) drawn as vector modules in 100 % K.

The symbol's `size` includes the 4-module quiet zone the standard requires
(ISO/IEC 18004 §9.1); the quiet zone is painted white so that a tint under the
symbol cannot stop a phone reading it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

from xhprint.render.compat import qr_encoder
from xhprint.render.ink import set_fill
from xhprint.store import Store, open_store

QUIET_ZONE_MODULES = 4
#: bump when dark_runs changes what it returns for the same text
QR_MEMO_VERSION = 2  # 2: in the store


def dark_runs(data: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The symbol's module count and its dark runs (row, first column, length), top row first."""
    qrencoder = qr_encoder()
    # the same symbol as ReportLab's QrCodeWidget(data, barLevel="M"): automatic version
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(data)
    qr.make()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in itertools.groupby(map(bool, row)):
            n = len(list(group))
            if dark:
                runs.append((r, c, n))
            c += n
    return qr.getModuleCount(), runs


class QrMemo(MutableMapping[str, Any]):
    """`dark_runs` results by text, in memory and in the store's `qr` space.

    Encoding evaluates all 8 masks in pure Python (~7 ms a symbol, plus loading the
    encoder); the result depends only on the text, the error-correction level and the
    encoder, so a fresh `xhprint build` reads it back. The recipe is ReportLab's version,
    the level and the text; the entry repeats the text and is checked.
    """

    def __init__(self, store: Store | Path | None = None):
        self._space = open_store(store).space("qr", QR_MEMO_VERSION)
        self._memory: dict[str, tuple[int, list[tuple[int, int, int]]]] = {}

    def _key(self, data: str) -> str:
        from reportlab import Version

        return self._space.key(Version, "M", data)

    def __getitem__(self, data: str) -> tuple[int, list[tuple[int, int, int]]]:
        found = self._memory.get(data)
        if found is not None:
            return found
        raw = self._space.get(self._key(data))
        if raw is None:
            raise KeyError(data)
        try:
            entry = json.loads(raw)
            if entry["text"] != data:
                raise KeyError(data)
            count = int(entry["count"])
            runs = [(int(r), int(c), int(n)) for r, c, n in entry["runs"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise KeyError(data) from exc
        found = self._memory[data] = (count, runs)
        return found

    def __setitem__(self, data: str, value: tuple[int, list[tuple[int, int, int]]]) -> None:
        count, runs = value
        self._memory[data] = (count, list(runs))
        body = json.dumps({"text": data, "count": count, "runs": [list(r) for r in runs]})
        self._space.put(self._key(data), body.encode("utf-8"))

    def __delitem__(self, data: str) -> None:
        del self._memory[data]

    def __iter__(self) -> Iterator[str]:
        return iter(self._memory)

    def __len__(self) -> int:
        return len(self._memory)


def draw_qr(canvas: Any, data: str, x0: float, y0: float, size: float, digital: bool,
            memo: MutableMapping[str, Any] | None = None) -> None:
    """Draw the symbol with its bottom-left corner at (x0, y0) in PDF space.

    `memo` (Resources.qr_memo, a dict or a `QrMemo`) keeps `dark_runs` by text: the
    encoding is deterministic.

    One filled path of run rectangles (nonzero winding; runs never overlap): a few
    hundred `re` operators instead of ReportLab's drawing tree with a graphics
    state per module, which cost ~60 ms per symbol to write and as much to parse.
    """
    set_fill(canvas, (0.0, 0.0, 0.0, 0.0), digital)
    canvas.rect(x0, y0, size, size, stroke=0, fill=1)
    if memo is None:
        count, runs = dark_runs(data)
    else:
        if data not in memo:
            memo[data] = dark_runs(data)
        count, runs = memo[data]
    box = size / (count + 2 * QUIET_ZONE_MODULES)
    canvas.saveState()
    set_fill(canvas, (0.0, 0.0, 0.0, 1.0), digital)
    path = canvas.beginPath()
    for r, c, n in runs:
        y = y0 + size - (r + QUIET_ZONE_MODULES + 1) * box
        path.rect(x0 + (c + QUIET_ZONE_MODULES) * box, y, n * box, box)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=0)
    canvas.restoreState()
