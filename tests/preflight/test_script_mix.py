"""script-mix fires on characters of the other script, with counterpart and place."""

from __future__ import annotations

import pytest

from support.paths import SEED as SHARED_SEED
from xhprint.model.source import SourceRef
from xhprint.preflight.script_mix import load_script_tables, script_mix, script_of

SEED = SHARED_SEED


@pytest.fixture(scope="module")
def tables():
    return load_script_tables()


def test_fires_on_simplified_in_traditional_with_location(tables) -> None:
    text = "今日演講\n專家讲解人工智能图像"
    where = SourceRef("stories/ai.md", 12, 1, "ai")
    found = script_mix([(text, where, 2, "ai")], "zh-Hant", tables)
    assert [f.message.split()[2] for f in found] == ["讲", "图"]
    first = found[0]
    assert first.check == "script-mix" and first.severity == "warning"
    assert "講" in first.message and "圖" in found[1].message
    assert str(first.where) == "stories/ai.md:13:3" and str(found[1].where) == "stories/ai.md:13:9"
    assert first.page == 2 and first.item == "ai"


def test_first_line_column_counts_from_where(tables) -> None:
    found = script_mix([("標題讲", SourceRef("issue.yaml", 5, 10), None, None)], "zh-Hant", tables)
    assert str(found[0].where) == "issue.yaml:5:12"
    unknown = script_mix([("標題讲", SourceRef("issue.yaml", 5), None, None)], "zh-Hant", tables)
    assert str(unknown[0].where) == "issue.yaml:5"


@pytest.mark.parametrize("ch", list("准杰干台里"))
def test_quiet_on_characters_valid_in_both(tables, ch: str) -> None:
    assert ch not in tables.simplified_only
    assert script_mix([(f"水{ch}水", None, 1, None)], "zh-Hant", tables) == []


def test_quiet_on_pure_traditional(tables) -> None:
    text = "徐匯區舉辦人工智能講座，專家介紹圖像識別的優勢與發展。"
    assert script_mix([(text, None, 1, None)], "zh-Hant", tables) == []


def test_zh_hans_fires_on_traditional_only(tables) -> None:
    found = script_mix([("人工智能講座在會場舉行", None, 1, None)], "zh-Hans", tables)
    chars = [f.message.split()[2] for f in found]
    assert chars == ["講", "會", "場", "舉"]
    assert "讲" in found[0].message
    assert script_mix([("人工智能讲座在会场举行", None, 1, None)], "zh-Hans", tables) == []


def test_other_languages_are_not_judged(tables) -> None:
    assert script_mix([("讲講", None, 1, None)], "en", tables) == []
    assert script_of("zh-TW") == "Hant" and script_of("zh_CN") == "Hans" and script_of("ja") is None


def test_seed_page_simplified_characters(tables) -> None:
    """The seed page's stray simplified characters, per what OpenCC's table says of each."""
    expected = {ch for ch in "讲图会场区优势赓" if ch in tables.simplified_only}
    assert {"讲", "图", "会", "场", "区", "优", "势"} <= expected
    # 赓 → 賡 only in STCharacters.txt, so it is simplified-only and must be flagged.
    assert tables.simplified_only.get("赓") == ("賡",)
    text = SEED.read_text(encoding="utf-8")
    lines = [
        (line, SourceRef(SEED.name, n, 1), 1, None) for n, line in enumerate(text.splitlines(), 1)
    ]
    found = script_mix(lines, "zh-Hant", tables)
    flagged = {f.message.split()[2] for f in found}
    assert expected <= flagged
    for f in found:
        ch = f.message.split()[2]
        assert f.where is not None and text.splitlines()[f.where.line - 1][f.where.col - 1] == ch


def test_taiwan_and_hong_kong_standard_forms_are_not_simplified() -> None:
    """群 and 秘 are how Taiwan writes 羣/祕 (OpenCC TWVariants): correct zh-Hant text."""
    from xhprint.model import SourceRef
    from xhprint.preflight.script_mix import script_mix

    found = script_mix([("群眾的祕密與秘書", SourceRef("s.md", 3, 1), 1, "s"),
                        ("讲", SourceRef("s.md", 4, 1), 1, "s")], "zh-Hant")
    assert [f.message.split()[2] for f in found] == ["讲"]
