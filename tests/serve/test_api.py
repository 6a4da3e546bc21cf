"""`xhprint serve` through its JSON API: the pages, their pictures, boxes in grid and in
pixels, the findings as report.json has them, a load error with the last good pages, the
port in use, loopback only."""

from __future__ import annotations

import io
import json
import socket

import pytest
from PIL import Image

from incremental.test_watcher import edit
from serve.conftest import xhprint
from xhprint.build import BuildSettings, build_issue
from xhprint.layout.grid import Grid


@pytest.fixture(scope="module")
def cold(served, session_cache):
    """The same issue built as `xhprint build` builds it."""
    return build_issue(served.issue, BuildSettings(cache_dir=session_cache))


def test_every_page_with_its_picture_boxes_and_grid(served, cold) -> None:
    state = served.api()
    assert state["seq"] >= 1 and state["checked"] and state["errors"] == []
    assert [p["number"] for p in state["pages"]] == [p.number for p in cold.layout.pages]
    tpl = cold.issue.template
    for page, laid in zip(state["pages"], cold.layout.pages, strict=True):
        assert page["section"] == laid.section
        status, png, headers = served.get(page["image"])
        assert status == 200 and headers["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(png))
        assert image.size == (page["width"], page["height"])
        sx, sy = page["width"] / laid.width, page["height"] / laid.height
        assert sx == pytest.approx(sy, rel=1e-3)
        # every item's pixels are its area on the page, scaled to the picture
        areas = {a.id: a for a in laid.areas}
        assert {i["id"] for i in page["items"]} == set(areas)
        for item in page["items"]:
            a = areas[item["id"]]
            assert item["rect"] == pytest.approx([a.x * sx, a.y * sy, a.w * sx, a.h * sy], abs=0.1)
            if a.box is not None:
                assert item["box"] == {"col": a.box.col, "row": a.box.row, "cols": a.box.cols,
                                       "rows": a.box.rows}
        # the grid as issue.yaml counts it: row 1 at the top of the type area
        grid = Grid.for_page(tpl, laid.number)
        assert page["grid"]["rows"] == grid.rows
        assert page["grid"]["top"] == pytest.approx(tpl.margins.top * sy, abs=0.1)
        assert page["grid"]["leading"] == pytest.approx(grid.leading * sy, abs=1e-2)
        assert len(page["grid"]["columns"]) == tpl.columns
        for c, (x, w) in enumerate(page["grid"]["columns"], start=1):
            assert x == pytest.approx(grid.col_x(c) * sx, abs=0.1)
            assert w == pytest.approx(grid.col_width * sx, abs=0.1)
    # on page 1 the masthead takes the first rows; the lead story's box is issue.yaml's
    first = {i["id"]: i for i in state["pages"][0]["items"]}
    assert first["masthead"]["box"] == {"col": 1, "row": 1, "cols": tpl.columns,
                                        "rows": tpl.masthead.rows}
    assert first["lead"]["box"] == {"col": 1, "row": 13, "cols": 5, "rows": 40}


def test_findings_are_report_json_findings(served, cold) -> None:
    state = served.api()
    report = cold.report.to_json()
    assert state["ready_for_press"] == report["ready_for_press"]
    assert state["findings"] == report["findings"]
    for page in state["pages"]:
        mine = [f for f in report["findings"] if f.get("page") == page["number"]]
        assert page["findings"] == mine
        worst = {f["severity"] for f in mine}
        assert page["status"] == ("error" if "error" in worst else
                                  "warning" if worst else "ready")


def test_loose_lines_are_where_the_layout_set_them(served, cold) -> None:
    """The loose-line finding's lines (the cluster story's Latin first line, its word
    spaces stretched), in picture pixels, for the desk to mark when it is clicked."""
    from xhprint.model.frame import TextLine

    state = served.api()
    seen = 0
    for page, laid in zip(state["pages"], cold.layout.pages, strict=True):
        sx, sy = page["width"] / laid.width, page["height"] / laid.height
        lines = [el for el in laid.elements if isinstance(el, TextLine) and el.loose]
        assert [ln["item"] for ln in page["loose"]] == [el.item for el in lines]
        for got, el in zip(page["loose"], lines, strict=True):
            x, y, w, h = el.inked()
            assert got["rect"] == pytest.approx([x * sx, y * sy, w * sx, h * sy], abs=0.1)
        reported = {f["item"] for f in page["findings"] if f["check"] == "loose-line"}
        assert reported == {ln["item"] for ln in page["loose"]}
        seen += len(lines)
    assert seen >= 1


def test_a_yaml_error_is_shown_with_its_line_and_the_last_good_pages_stay(served) -> None:
    before = served.settled()
    yaml = served.issue / "issue.yaml"
    good = yaml.read_text("utf-8")
    edit(yaml, "box: {col: 1, row: 13, cols: 5, rows: 40}", "box: {col: 1, row: 13, cols: 5")
    try:
        broken = served.wait(lambda s: s["seq"] > before["seq"] and s["errors"])
        assert not broken["ready_for_press"]
        where = broken["errors"][0]["where"]
        assert where.startswith(str(yaml)) and where.split(":")[1].isdigit()
        assert broken["pages"] == before["pages"]  # the last good pages, pictures and all
        for page in broken["pages"]:
            assert served.get(page["image"])[0] == 200
    finally:
        yaml.write_text(good, "utf-8")
        edit(yaml, "rows: 40}", "rows: 40}")  # a new mtime even on a coarse clock
    fixed = served.wait(lambda s: s["seq"] > broken["seq"] and s["checked"] and not s["errors"])
    assert [p["image"] for p in fixed["pages"]] == [p["image"] for p in before["pages"]]


def test_the_events_stream_sends_the_state(served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as s:
        s.sendall(b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while b"\n\n" not in data.split(b"\r\n\r\n", 1)[-1]:
            data += s.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    assert b"text/event-stream" in head
    event, payload = body.split(b"\n", 1)
    assert event == b"event: issue"
    assert json.loads(payload.split(b"\n\n")[0].removeprefix(b"data: "))["seq"] >= 1


def test_only_this_computer_by_name(served) -> None:
    assert served.get("/api/issue", {"Host": f"localhost:{served.port}"})[0] == 200
    assert served.get("/api/issue", {"Host": f"desk.example:{served.port}"})[0] == 421
    assert served.get("/nothing")[0] == 404
    assert served.get("/pages/page-01-0000000000000000.png")[0] == 404


def test_a_second_desk_on_the_same_port_says_so_and_exits_2(served, session_cache) -> None:
    p = xhprint("serve", str(served.issue), "--port", str(served.port), cache=session_cache)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 2
    assert f"port {served.port} on 127.0.0.1 is already in use" in err
    assert "Traceback" not in err and out == ""


def test_another_address_only_when_asked_and_with_a_warning(served, session_cache) -> None:
    # 0.0.0.0 is refused here by the port in use: the warning comes first, nothing is exposed
    p = xhprint("serve", str(served.issue), "--host", "0.0.0.0", "--port", str(served.port),
                cache=session_cache)
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 2
    assert "warning: serving on 0.0.0.0, not only this computer" in err
    assert "already in use" in err


def test_not_a_folder(tmp_path, session_cache) -> None:
    p = xhprint("serve", str(tmp_path / "missing"), cache=session_cache)
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 2
    assert "is not a folder" in err and "Traceback" not in err

