"""The page-1 masthead and the inner-page header, drawn in their reserved grid rows."""

from __future__ import annotations

from dataclasses import replace

from xhprint.layout.dates import chinese_date, edition_line
from xhprint.layout.grid import Grid
from xhprint.layout.typeset import Typesetter, baseline_in, text_findings, to_text_line
from xhprint.model import BLACK, Finding, Issue, Page, SourceRef, Style
from xhprint.model.frame import Element, ItemArea, QRSymbol, RuleLine

RULE_HEAVY = 2.0
RULE_THIN = 0.5
QR_LABEL_SIZE = 8.0


def _line(ts: Typesetter, text: str, style: Style, x: float, baseline: float, width: float,
          align: str, *, item: str, ref: SourceRef | None, role: str,
          findings: list[Finding], page: int) -> list[Element]:
    r = ts.text(text, style, width, align=align)
    findings += text_findings(r, ref, page=page, item=item)
    out: list[Element] = []
    for k, ln in enumerate(r.lines):
        out.append(to_text_line(ln, x, baseline + k * style.size * 1.25, style, item=item,
                                ref=ref, role=role))
    return out


def masthead(issue: Issue, page: Page, grid: Grid, ts: Typesetter
             ) -> tuple[list[Element], ItemArea | None, list[Finding]]:
    """Title, QR codes with labels, the 數字報 line and the edition line (page 1 only)."""
    tpl = issue.template
    mh = tpl.masthead
    if mh is None:
        return [], None, []
    ref = tpl.source
    L = grid.leading
    top = grid.top
    height = mh.rows * L
    x0, width = grid.left, grid.type_width
    findings: list[Finding] = []
    el: list[Element] = []
    kai = tpl.styles.get("masthead", Style(font="kai", size=min(7 * L, height * 0.55),
                                            leading=0, align="left", color=mh.color))
    # Title: the paper's name large, in its colour, on the left.
    title_rows = max(3, mh.rows - 4)
    title_size = min(kai.size, title_rows * L * 0.82)
    title_style = replace(kai, size=title_size, color=mh.color)
    if mh.title:
        base = top + baseline_in(title_rows * L, title_size)
        el += _line(ts, mh.title, title_style, x0, base, width * 0.5, "left", item="masthead",
                    ref=ref, role="masthead-title", findings=findings, page=page.number)
    small = tpl.styles["byline"]
    # The lines (e.g. 《徐匯報》數字報 …) under the title.
    y = top + title_rows * L
    for text in mh.lines:
        el += _line(ts, text, small, x0, y + baseline_in(L, small.size), width * 0.5, "left",
                    item="masthead", ref=ref, role="masthead-line", findings=findings,
                    page=page.number)
        y += L
    # QR codes with their labels, right-aligned in the title band.
    if mh.qr:
        qr_size = min((title_rows - 1) * L, 72.0)
        label_style = replace(small, size=QR_LABEL_SIZE)
        cell = max(qr_size + 10, 80.0)
        right = x0 + width
        for k, code in enumerate(reversed(mh.qr)):
            cx = right - (k + 1) * cell
            el.append(QRSymbol(cx + (cell - qr_size) / 2, top, qr_size, code.url))
            el += _line(ts, code.label, label_style, cx, top + qr_size + QR_LABEL_SIZE + 2, cell,
                        "center", item="masthead", ref=ref, role="qr-label",
                        findings=findings, page=page.number)
    # Edition line in the last row, between a thin rule above and a heavy rule below.
    ed_row_top = top + (mh.rows - 1) * L
    text = edition_line(mh.permit, issue.number, issue.total, issue.date, issue.lang)
    el.append(RuleLine(x0, ed_row_top, x0 + width, ed_row_top, RULE_THIN, BLACK))
    el += _line(ts, text, small, x0, ed_row_top + baseline_in(L, small.size), width, "left",
                item="masthead", ref=ref, role="edition-line", findings=findings,
                page=page.number)
    bottom = top + height
    el.append(RuleLine(x0, bottom - RULE_HEAVY / 2, x0 + width, bottom - RULE_HEAVY / 2,
                       RULE_HEAVY, BLACK))
    area = ItemArea("masthead", "masthead", x0, top, width, height, title=mh.title or "")
    return el, area, findings


def page_header(issue: Issue, page: Page, grid: Grid, ts: Typesetter
                ) -> tuple[list[Element], ItemArea, list[Finding]]:
    """Inner pages: 第N版 and section on the outside, paper and date, 責任編輯."""
    tpl = issue.template
    rows = tpl.header_rows
    L = grid.leading
    top = grid.top
    x0, width = grid.left, grid.type_width
    findings: list[Finding] = []
    big = replace(tpl.styles["label"], size=min(14.0, rows * L * 0.5))
    small = tpl.styles["byline"]
    ref = page.ref
    base = top + baseline_in((rows - 1) * L, big.size)
    page_word = f"第{page.number}版"
    left_text = f"{page_word}　{page.section}" if page.number % 2 == 0 else ""
    right_text = f"{page.section}　{page_word}" if page.number % 2 == 1 else ""
    el: list[Element] = []
    if left_text:
        el += _line(ts, left_text, big, x0, base, width / 3, "left", item="header", ref=ref,
                    role="header", findings=findings, page=page.number)
    if right_text:
        el += _line(ts, right_text, big, x0 + width * 2 / 3, base, width / 3, "right",
                    item="header", ref=ref, role="header", findings=findings,
                    page=page.number)
    middle = f"{tpl.paper_name}　{chinese_date(issue.date)}"
    if page.editor:
        editor_word = "責任編輯" if issue.lang == "zh-Hant" else "责任编辑"
        middle += f"　{editor_word}：{page.editor}"
    el += _line(ts, middle, small, x0 + width / 4, top + baseline_in((rows - 1) * L, small.size),
                width / 2, "center", item="header", ref=ref, role="header",
                findings=findings, page=page.number)
    y = top + (rows - 1) * L + L / 2
    el.append(RuleLine(x0, y, x0 + width, y, RULE_THIN * 2, BLACK))
    area = ItemArea("header", "header", x0, top, width, rows * L, title=page.section)
    return el, area, findings
