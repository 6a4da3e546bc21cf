"""QR symbols: our encoder loading matches ReportLab's widget, and QrMemo keeps them on disk."""

from __future__ import annotations

import hashlib
import json

from xhprint.render.qr import QrMemo, dark_runs, draw_qr


def widget_runs(data: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The reference: ReportLab's QrCodeWidget, as render/qr.py used it before."""
    import itertools

    from reportlab.graphics.barcode.qr import QrCodeWidget

    qr = QrCodeWidget(data, barLevel="M").qr
    qr.make()
    runs = []
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in itertools.groupby(map(bool, row)):
            n = len(list(group))
            if dark:
                runs.append((r, c, n))
            c += n
    return qr.getModuleCount(), runs


def test_encoder_loaded_alone_gives_the_widget_symbol():
    for data in ("https://example.org/2023-40/garden", "徐匯報 第40期", "x" * 120):
        assert dark_runs(data) == widget_runs(data)


class Recorder:
    def __init__(self):
        self.calls = 0

    def __getattr__(self, name):
        def op(*args, **kw):
            self.calls += 1
            return self

        return op


def test_memo_on_disk_serves_a_new_process_and_survives_torn_entries(tmp_path):
    data = "https://example.org/issue/7"
    memo = QrMemo(tmp_path)
    assert data not in memo
    draw_qr(Recorder(), data, 0.0, 0.0, 50.0, digital=False, memo=memo)
    assert memo[data] == dark_runs(data)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 1
    fresh = QrMemo(tmp_path)  # a new process: disk only
    assert data in fresh and fresh[data] == dark_runs(data)
    assert "another text" not in fresh
    entry = json.loads(files[0].read_bytes()[65:])
    entry["text"] = "another text"  # a foreign entry under this key (its check intact)
    body = json.dumps(entry).encode()
    files[0].write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    assert data not in QrMemo(tmp_path)
    files[0].write_bytes(files[0].read_bytes()[:80])  # torn
    assert data not in QrMemo(tmp_path)
    assert data not in QrMemo(None) and len(QrMemo(None)) == 0
