"""`xhprint` in the editor's language, as an editor runs it (issue 13, "Done when").

An issue with a typo key, a missing photo and an overset story is built with
LANG=zh_TW.UTF-8 and with LANG=zh_CN.UTF-8. The first two stop loading (exit 2: every
problem listed with file:line:col); the editor fixes them, builds again, and gets the
overset error, the warnings and the verdict (exit 1). Every line printed must be in the
reader's script: no English word outside file paths, check ids, YAML keys and values and
units (tests/i18n/allowed.py), and no character of the other script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from i18n.allowed import english_words
from i18n.sample import make_issue
from xhprint.preflight.script_mix import load_script_tables

REPO = Path(__file__).resolve().parents[2]
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
#: the issue's own names a message may show: story ids and files are the user's words
NAMES = frozenset({"lead", "side", "sectoin", "wid", "wide"})

pytestmark = pytest.mark.skipif(not NOTO.exists(), reason="Debian fonts not installed")


def xhprint(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run([sys.executable, "-m", "xhprint", *args], capture_output=True,
                          text=True, env={**base, **env}, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def issues(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("i18n-issues")
    return make_issue(root / "broken", broken=True), make_issue(root / "fixed", broken=False)


@pytest.fixture(scope="module")
def runs(issues, session_cache, tmp_path_factory):
    """Both builds in both Chinese locales: {(LANG, "broken"|"fixed"): (process, OUT)}."""
    broken, fixed = issues
    out = {}
    for locale in ("zh_TW.UTF-8", "zh_CN.UTF-8"):
        for name, issue in (("broken", broken), ("fixed", fixed)):
            target = tmp_path_factory.mktemp("out") / name
            extra = ["--proof"] if (locale, name) == ("zh_CN.UTF-8", "fixed") else []
            proc = xhprint(["build", str(issue), "-o", str(target), *extra],
                           {"LANG": locale, "XHPRINT_CACHE_DIR": str(session_cache)},
                           issue.parent)
            out[(locale, name)] = (proc, target)
    return out


def at(file: Path, text: str) -> str:
    """`file:line:col` of the first `text` in `file` (1-based), as messages name it."""
    for n, line in enumerate(file.read_text("utf-8").splitlines(), 1):
        if text in line:
            return f"{file}:{n}:{line.index(text) + 1}"
    raise AssertionError(text)


def lines_of(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]


def test_zh_tw_build_of_a_broken_issue_prints_chinese_with_file_line_col(runs, issues):
    proc, _ = runs[("zh_TW.UTF-8", "broken")]
    broken = issues[0]
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    yaml = broken / "issue.yaml"
    assert f"{at(yaml, 'sectoin')}: 錯誤[manifest]: 第1版裡有未知的鍵 'sectoin'；是不是要寫 " \
           f"'section'？ — 這裡可用的鍵：number, section, editor, items" in lines
    page = at(yaml, "- number: 1")  # the page's mapping starts after "- "
    page = f"{page.rsplit(':', 1)[0]}:{int(page.rsplit(':', 1)[1]) + 2}"
    assert f"{page}: 錯誤[manifest]: 第1版缺少必要的鍵 'section' — 在第1版裡加上 `section:`" \
        in lines
    lead = broken / "stories" / "lead.md"
    assert f"{at(lead, 'photos/wid.jpg')}: 錯誤[missing-file]: 第1張圖片：'photos/wid.jpg' " \
           f"不存在 — 是不是要寫 photos/wide.jpg？" in lines
    assert proc.stdout == ""


@pytest.mark.parametrize("locale,severity,other_script", [
    ("zh_TW.UTF-8", "錯誤", "simplified_only"),
    ("zh_CN.UTF-8", "错误", "traditional_only"),
])
def test_acceptance_every_line_is_in_the_reader_s_script(runs, locale, severity, other_script):
    broken, _ = runs[(locale, "broken")]
    fixed, _ = runs[(locale, "fixed")]
    assert (broken.returncode, fixed.returncode) == (2, 1), broken.stderr + fixed.stderr
    printed = lines_of(broken) + lines_of(fixed)
    # the typo key, the missing photo and the overset story are all there, by check id
    for check in ("manifest", "missing-file", "overset"):
        assert any(f"{severity}[{check}]" in line for line in printed), check
    assert fixed.stdout.splitlines()[-1].startswith(
        "不可付印：1 個錯誤" if locale.startswith("zh_TW") else "不可付印：1 个错误")
    wrong = getattr(load_script_tables(), other_script)
    for line in printed:
        assert english_words(line, NAMES) == [], line
        # a line of the story quoted as set (loose-line: 「第二段文字繼續排」) is the
        # issue's own text, in the issue's script; the words around it are the reader's
        ours = re.sub(r"「[^」]*」", "", line)
        assert [ch for ch in ours if ch in wrong] == [], line


def test_report_json_keeps_check_ids_and_carries_the_chosen_language(runs):
    from jsonschema import validate

    from xhprint.preflight.pdf_command import load_report_schema

    _, out = runs[("zh_CN.UTF-8", "fixed")]
    report = json.loads((out / "report.json").read_text("utf-8"))
    validate(report, load_report_schema())
    assert report["lang"] == "zh-Hans" and report["ready_for_press"] is False
    overset = [f for f in report["findings"] if f["check"] == "overset"]
    assert len(overset) == 1 and overset[0]["severity"] == "error"
    assert overset[0]["item"] == "side" and overset[0]["message"].startswith("溢稿：最后一部分")
    assert overset[0]["hint"].startswith("在第1版设 rows:")


def test_slug_and_proof_marks_are_in_the_reader_s_language(runs):
    _, tw = runs[("zh_TW.UTF-8", "fixed")]
    _, cn = runs[("zh_CN.UTF-8", "fixed")]
    slug_tw = PdfReader(tw / "print" / "page-01.pdf").pages[0].extract_text()
    slug_cn = PdfReader(cn / "print" / "page-01.pdf").pages[0].extract_text()
    assert "不可付印 — 1 個錯誤，見 report.json" in slug_tw
    assert "不可付印 — 1 个错误，见 report.json" in slug_cn
    proof = PdfReader(cn / "proof" / "proof.pdf").pages[0].extract_text()
    assert "错误[overset]" in proof and "溢稿" in proof


def test_lang_en_overrides_the_environment_before_or_after_the_command(issues, session_cache):
    broken = issues[0]
    env = {"LANG": "zh_TW.UTF-8", "LC_ALL": "zh_TW.UTF-8",
           "XHPRINT_CACHE_DIR": str(session_cache)}
    after = xhprint(["build", str(broken), "--lang", "en"], env, broken.parent)
    before = xhprint(["--lang=en", "preflight", str(broken)], env, broken.parent)
    for proc in (after, before):
        assert proc.returncode == 2
        assert f"{at(broken / 'issue.yaml', 'sectoin')}: error[manifest]: unknown key " \
               "'sectoin' in page 1; did you mean 'section'?" in proc.stderr
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in proc.stderr.replace(str(broken), "")
                       .replace("要聞", ""))
    hans = xhprint(["preflight", str(broken), "--lang", "zh-Hans"], {"LANG": "C.UTF-8"},
                   broken.parent)
    assert "错误[manifest]: 第1版里有未知的键 'sectoin'" in hans.stderr
