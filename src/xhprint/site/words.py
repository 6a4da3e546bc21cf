"""The website's navigation words, in the issue's own script (zh-Hant or zh-Hans).

Readers of a 數字報 see the paper's language, not the tool's: 第1版, 上一篇/下一篇,
下載本版PDF. One table per script; the layout's jump lines work the same way
(layout/issue.py `jump_words`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """Every word the site prints around the paper's own text."""

    page: str  # 第{}版
    page_section: str  # 第{}版：{}
    prev_page: str
    next_page: str
    prev_article: str
    next_article: str
    page_nav: str
    page_titles: str
    download_page: str
    download_issue: str
    back_to_page: str  # 返回第{}版
    on_pages: str  # 本文見
    list_sep: str  # 、
    archive: str
    latest: str
    issue_number: str  # 第{}期（總第{}期）
    issue_number_short: str  # 第{}期
    digital_edition: str  # 數字報
    read_issue: str
    year: str  # {}年
    skip_to_content: str
    photo: str  # 圖片


HANT = Words(
    page="第{}版", page_section="第{}版：{}", prev_page="上一版", next_page="下一版",
    prev_article="上一篇", next_article="下一篇", page_nav="版面導航", page_titles="本版標題",
    download_page="下載本版PDF", download_issue="下載全期PDF", back_to_page="返回第{}版",
    on_pages="本文見", list_sep="、", archive="往期", latest="最新一期",
    issue_number="第{}期（總第{}期）", issue_number_short="第{}期", digital_edition="數字報",
    read_issue="閱讀本期", year="{}年", skip_to_content="跳到正文", photo="圖片")

HANS = Words(
    page="第{}版", page_section="第{}版：{}", prev_page="上一版", next_page="下一版",
    prev_article="上一篇", next_article="下一篇", page_nav="版面导航", page_titles="本版标题",
    download_page="下载本版PDF", download_issue="下载全期PDF", back_to_page="返回第{}版",
    on_pages="本文见", list_sep="、", archive="往期", latest="最新一期",
    issue_number="第{}期（总第{}期）", issue_number_short="第{}期", digital_edition="数字报",
    read_issue="阅读本期", year="{}年", skip_to_content="跳到正文", photo="图片")


def words_for(lang: str) -> Words:
    """zh-Hans gets simplified words; anything else (zh-Hant) traditional."""
    return HANS if lang == "zh-Hans" else HANT
