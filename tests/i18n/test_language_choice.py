"""Which language a run speaks: --lang anywhere on the command line, else LC_ALL, LC_MESSAGES,
LANG; argparse's own words in it; the language a parameter of the build, not global state."""

from __future__ import annotations

import argparse
import gettext
import json
from pathlib import Path

import pytest

from i18n.sample import make_issue
from xhprint import cli
from xhprint.cli import requested_language
from xhprint.i18n import language_from_env, parse_language

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.mark.parametrize("environ,lang", [
    ({"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
    ({"LANG": "zh_HK.UTF-8"}, "zh-Hant"),
    ({"LANG": "zh_MO"}, "zh-Hant"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
    ({"LANG": "zh_SG.GB2312"}, "zh-Hans"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh-Hant"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "", "LANG": "zh_TW.UTF-8"}, "zh-Hant"),  # an empty variable is not set
])
def test_the_locale_picks_the_language_in_posix_order(environ, lang):
    assert language_from_env(environ) == lang


def test_lang_option_before_or_after_the_command_wins_over_the_locale():
    env = {"LANG": "zh_TW.UTF-8"}
    assert requested_language(["build", "x", "--lang", "en"], env) == "en"
    assert requested_language(["--lang=zh-Hans", "build", "x"], env) == "zh-Hans"
    assert requested_language(["build", "x"], env) == "zh-Hant"
    assert requested_language(["fonts", "--lang", "zh-Hans"], {}) == "zh-Hans"
    # not a language: argparse reports it (in the locale's language)
    assert requested_language(["build", "x", "--lang", "klingon"], env) == "zh-Hant"
    assert requested_language(["build", "--", "--lang", "en"], env) == "zh-Hant"
    assert parse_language("zh-Hant") == "zh-Hant" and parse_language("de_DE") is None


def test_argparse_speaks_chinese_and_is_given_back_its_own_words(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    with pytest.raises(SystemExit) as stop:
        cli.main(["--lang", "zh-Hant", "build"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：xhprint build")
    assert "xhprint build：錯誤：缺少必要的參數：本期資料夾" in err
    # nothing outlives the call: argparse's gettext is the standard one again
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    with pytest.raises(SystemExit):
        cli.main(["build", "--jobs", "two", "x", "--lang", "zh-Hans"])
    assert "参数 --jobs：'two' 不是整数" in capsys.readouterr().err


def test_help_is_translated_with_argparse_s_headings(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--help", "--lang", "zh-Hans"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "位置参数" in out and "选项:" in out and "显示这段说明后结束" in out
    assert "排版一期报纸，输出印刷 PDF、数字报 PDF 和预检报告" in out
    assert "本期文件夹" in out and "--lang {zh-Hant,zh-Hans,en}" in out


@pytest.mark.skipif(not NOTO.exists(), reason="Debian fonts not installed")
def test_fonts_lang_picks_the_fonts_and_the_language(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    status = cli.main(["fonts", "--lang", "zh-Hans"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines()[0] == "zh-Hans 的字体（后备字体缩进列在各角色下）："
    assert "SC" in out  # the simplified faces (Noto … CJK SC) are listed
    status = cli.main(["fonts", "--lang", "en"])
    assert capsys.readouterr().out.startswith("fonts for zh-Hant (fallbacks indented")


@pytest.mark.skipif(not NOTO.exists(), reason="Debian fonts not installed")
def test_the_build_language_is_a_setting_and_outputs_repeat_byte_for_byte(session_cache,
                                                                           tmp_path):
    """Two builds in one process in two languages: each language's outputs are the same
    bytes every time, and the languages differ exactly where a message is shown."""
    from xhprint.build import build_issue
    from xhprint.session import BuildSettings

    issue = make_issue(tmp_path / "issue", broken=False)
    hant = [build_issue(issue, BuildSettings(cache_dir=session_cache, lang="zh-Hant"))
            for _ in range(2)]
    en = build_issue(issue, BuildSettings(cache_dir=session_cache, lang="en"))
    def same(result) -> dict[str, bytes]:  # report.json's timings_s are wall times
        report = json.loads(result.files["report.json"])
        report.pop("timings_s")
        return {**result.files, "report.json": json.dumps(report).encode("utf-8")}

    assert same(hant[0]) == same(hant[1])
    differ = sorted(k for k in en.files if same(en)[k] != same(hant[0])[k])
    # the report's messages, and the print pages' slug (NOT FOR PRESS note)
    assert differ == ["print/issue.pdf", "print/page-01.pdf", "report.json"]
    assert '"lang": "zh-Hant"' in hant[0].files["report.json"].decode("utf-8")
