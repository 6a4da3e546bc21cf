"""Dates as the paper prints them: 2023年10月2日 星期一 (weekday computed)."""

from __future__ import annotations

import datetime as _dt

_WEEKDAYS = "一二三四五六日"


def chinese_date(d: _dt.date) -> str:
    """`2023年10月2日 星期一` — the same in zh-Hant and zh-Hans."""
    return f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS[d.weekday()]}"


def edition_line(permit: str | None, number: int, total: int, d: _dt.date, lang: str) -> str:
    """The masthead edition line: permit / 第40期(總第1746期) / date weekday."""
    total_word = "總" if lang == "zh-Hant" else "总"
    parts = [p for p in (permit, f"第{number}期({total_word}第{total}期)", chinese_date(d)) if p]
    return " / ".join(parts)
