"""Tokens with their own break rules: URLs, e-mail addresses, phone numbers, units.

Found in the paragraph text by pattern; `segment` asks which token a character belongs
to and where inside it a line may break. URLs and e-mail addresses break after
/ . - ? & = @ (no hyphen is added, nothing is letter-spaced); a phone number breaks
after its hyphens only (06-▁2136544); a number keeps its unit (386座, 10點) as clreq
§3.1.7 keeps a number with its %/‰/℃.
"""

from __future__ import annotations

import re

URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
URL_TRAILING = ".,;:!?)]'"
# Area code from 0, then groups of digits joined by hyphens: 06-2136544, 021-64872222,
# 0912-345-678. A date (2023-10-02) does not start with 0 and is not one.
PHONE_RE = re.compile(r"(?<![0-9A-Za-z.\-])0[0-9]{1,3}(?:-[0-9]{3,8})+(?![0-9])")
URL_BREAK_AFTER = frozenset("/.-?&=@")

# Measure words and units that follow a number and stay with it (both scripts) ...
UNIT_CHARS = frozenset(
    "年月日時时分秒點点號号期屆届版頁页章節节條条款項项"
    "個个位名人口戶户家所座棟栋幢層层間间套處处站台臺輛辆艘架列班趟次回場场輪轮"
    "元角圓圆萬万億亿千百兆米里尺寸斤兩两噸吨克升度畝亩頃顷"
    "歲岁倍成折週周天晚夜件份張张本冊册篇首部集批類类種种株棵格劑剂床客"
)
# ... and the two-character units that stay whole after a number (5公里, 3億元).
TWO_CHAR_UNITS = frozenset((
    "公里", "公斤", "公尺", "公頃", "公顷", "公噸", "公吨", "釐米", "厘米", "毫米", "千米",
    "萬元", "万元", "億元", "亿元", "千元", "百元", "萬人", "万人", "小時", "小时",
    "平方", "立方", "分鐘", "分钟", "周年", "週年", "年度", "月份", "人次", "萬戶", "万户",
))


def token_masks(text: str) -> tuple[list[int], list[int]]:
    """Per text index: the id (> 0) of the URL or e-mail address it belongs to, and of
    the phone number; 0 outside."""
    url = _url_ids(text)
    return url, _phone_ids(text, url)


def _url_ids(text: str) -> list[int]:
    """Per text index: the id of the URL or e-mail address it is part of, else 0. A URL's
    trailing punctuation is the sentence's, not the address's."""
    url = [0] * len(text)
    n = 0
    for rx in (URL_RE, EMAIL_RE):
        for m in rx.finditer(text):
            start, end = m.start(), _without_trailing(text, m.start(), m.end())
            if any(url[start:end]):
                continue  # the e-mail pattern inside a URL (user@host in a link)
            n += 1
            url[start:end] = [n] * (end - start)
    return url


def _without_trailing(text: str, start: int, end: int) -> int:
    """`end` moved back over punctuation that ends the sentence rather than the URL."""
    while end > start and text[end - 1] in URL_TRAILING:
        end -= 1
    return end


def _phone_ids(text: str, url: list[int]) -> list[int]:
    """Per text index: the id of the phone number it is part of, else 0 (seven digits at
    least, and not inside a URL)."""
    phone = [0] * len(text)
    for k, m in enumerate(PHONE_RE.finditer(text), start=1):
        start, end = m.span()
        if sum(c.isdigit() for c in m.group()) < 7 or any(url[start:end]):
            continue
        phone[start:end] = [k] * (end - start)
    return phone


def url_breaks_between(p: str, q: str) -> bool:
    """Inside a URL or e-mail address: a break after / . - ? & = @ before a letter or
    digit (never between the two slashes of //)."""
    if p == "/":
        return q != "/"
    return p in URL_BREAK_AFTER and q.isalnum()
