"""Composed paragraphs and headlines kept in the store (text/stored.py): a new process reads them back
equal to composing, a changed paragraph, style, font or composer is composed again, and a
corrupt entry is a miss."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import xhprint.text.compose as compose_module
from xhprint.build import build_issue
from xhprint.fonts.book import FontBook
from xhprint.manifest.fonts_config import load_font_config
from xhprint.model.issue import Run
from xhprint.session import BuildSettings
from xhprint.store import Store
from xhprint.text.stored import (
    SPACE,
    VERSION,
    code_digest,
    composed_headline,
    composed_paragraph,
    pack,
    unpack,
)
from xhprint.text.types import ComposeSpec

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT = ("「排版」是把文字、圖片安排在版面上的工作，Typst 2024 與 TeX 都是排版系統；"
        "這一段落夠長，會分成好幾行，其中有標點、數字 12.5% 和拉丁字母。")
RUNS = (Run(TEXT[:20]), Run(TEXT[20:30], bold=True), Run(TEXT[30:]))
SPEC = ComposeSpec(size=9, measure=9 * 11.5)


def book(cache: Path) -> FontBook:
    """A font book as a new process opens it: its own Store over the folder."""
    return FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", Store(cache), DATA)


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / SPACE / f"v{VERSION}").rglob("*") if p.is_file())


def never_composed(*_args: object) -> None:
    raise AssertionError("composed although the store holds the paragraph")


def test_a_new_process_reads_the_paragraph_back_equal(tmp_path, monkeypatch):
    cold = composed_paragraph(RUNS, SPEC, book(tmp_path))
    assert len(cold.lines) > 2 and len(entries(tmp_path)) == 1
    monkeypatch.setattr(compose_module, "_compose_paragraph", never_composed)
    assert composed_paragraph(RUNS, SPEC, book(tmp_path)) == cold


@pytest.mark.parametrize("changed", [
    {"runs": (Run(TEXT[:20]), Run(TEXT[20:30]), Run(TEXT[30:]))},  # not bold any more
    {"runs": (Run(TEXT[:20] + "啊"), Run(TEXT[20:]))},
    {"spec": ComposeSpec(size=9, measure=9 * 11)},
    {"spec": ComposeSpec(size=9, measure=9 * 11.5, punct_style="kaiming")},
    {"spec": ComposeSpec(size=9, measure=9 * 11.5, role="hei")},
])
def test_a_changed_paragraph_or_style_is_composed_again(tmp_path, changed):
    composed_paragraph(RUNS, SPEC, book(tmp_path))
    runs, spec = changed.get("runs", RUNS), changed.get("spec", SPEC)
    again = composed_paragraph(runs, spec, book(tmp_path))
    assert len(entries(tmp_path)) == 2
    assert again == compose_module._compose_paragraph(runs, spec, book(tmp_path / "x"), None)


def test_a_headline_is_read_back_equal_and_set_again_when_its_word_breaks_change(
        tmp_path, monkeypatch):
    headline = "市民文化節開幕\n徐匯濱江步道迎來首批遊客"
    spec = ComposeSpec(size=24, measure=24 * 6, role="hei", align="center",
                       first_line_indent=False)

    def words(part: str) -> frozenset[int]:
        return frozenset(range(2, len(part), 2))

    cold = composed_headline(headline, spec, book(tmp_path), words)
    assert len(cold.lines) >= 2 and len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        m.setattr(compose_module, "_compose_headline", never_composed)
        assert composed_headline(headline, spec, book(tmp_path), words) == cold
    other = composed_headline(headline, spec, book(tmp_path), lambda part: frozenset({3}))
    assert len(entries(tmp_path)) == 2
    assert other == compose_module._compose_headline(headline, spec, book(tmp_path / "x"),
                                                     lambda part: frozenset({3}))


def test_a_changed_font_file_is_composed_again(tmp_path):
    fonts = tmp_path / "fonts"
    shutil.copytree(DATA, fonts, ignore=shutil.ignore_patterns("golden", "manifest", "typo"))
    cfg = load_font_config(DATA / "fonts-box.yaml")
    composed_paragraph(RUNS, SPEC, FontBook.open(cfg, "zh-Hant", Store(tmp_path / "c"), fonts))
    (fonts / "boxfont.ttf").write_bytes((fonts / "boxfont.ttf").read_bytes() + b"\0")
    composed_paragraph(RUNS, SPEC, FontBook.open(cfg, "zh-Hant", Store(tmp_path / "c"), fonts))
    assert len(entries(tmp_path / "c")) == 2


def test_the_code_digest_follows_the_composer_source(tmp_path):
    text = Path(compose_module.__file__).parent
    copy = tmp_path / "xhprint" / "text"
    shutil.copytree(text, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(text.parent / "model", copy.parent / "model")
    shutil.copytree(text.parent / "fonts", copy.parent / "fonts")
    before = code_digest(copy)
    assert before is not None and before == code_digest(text)
    (copy / "justify.py").write_text((copy / "justify.py").read_text("utf-8") + "\n#\n", "utf-8")
    assert code_digest(copy) not in (None, before)
    (copy.parent / "fonts" / "book.py").unlink()
    assert code_digest(copy) is None  # unreadable: nothing is kept


@pytest.mark.parametrize("damage", ["torn", "forged", "other shape"])
def test_a_corrupt_entry_is_a_miss(tmp_path, damage):
    cold = composed_paragraph(RUNS, SPEC, book(tmp_path))
    (entry,) = entries(tmp_path)
    raw = entry.read_bytes()
    if damage == "torn":
        entry.write_bytes(raw[: len(raw) // 2])
    else:  # a payload whose checksum is right but which is no composed paragraph
        import hashlib
        import marshal
        payload = raw[65:-7] if damage == "forged" else marshal.dumps((1, 2, 3))
        entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    fresh = book(tmp_path)
    assert composed_paragraph(RUNS, SPEC, fresh) == cold
    assert fresh.stored_compositions is not None
    space = Store(tmp_path).space(SPACE, VERSION)
    assert unpack(space.get(entry.name) or b"") == cold  # written again, whole


def test_pack_round_trips_every_field():
    result = compose_module._compose_paragraph(
        (Run("——「引號」\x07與 Latin-words 相鄰。"),), SPEC,
        FontBook.open(load_font_config(DATA / "fonts-box.yaml"), "zh-Hant", Store(None), DATA),
        None)
    assert any(g.span is not None for ln in result.lines for g in ln.glyphs)
    assert result.issues  # the control character is dropped and reported
    assert unpack(pack(result)) == result
    first = result.lines[0]
    stretched = replace(first, glyphs=(replace(first.glyphs[0], hscale=1.25),
                                       *first.glyphs[1:]))
    made = replace(result, lines=(stretched, *result.lines[1:]))
    assert unpack(pack(made)) == made != result


def test_a_warm_build_composes_nothing_and_equals_a_cold_build(tmp_path, monkeypatch):
    issue = tmp_path / "issue"
    shutil.copytree(DATA / "manifest" / "good", issue)

    def settings(cache: Path) -> BuildSettings:
        return BuildSettings(cache_dir=cache, fonts_config=DATA / "fonts-box.yaml",
                             fonts_dir=DATA)

    cold = build_issue(issue, settings(tmp_path / "cache")).files
    assert entries(tmp_path / "cache")
    monkeypatch.setattr(compose_module, "_compose_paragraph", never_composed)
    monkeypatch.setattr(compose_module, "_compose_headline", never_composed)
    warm = build_issue(issue, settings(tmp_path / "cache")).files
    assert sorted(warm) == sorted(cold)
    assert all(warm[name] == cold[name] for name in cold if name != "report.json")


BUILD_AND_LIST = """
import sys
from pathlib import Path
from xhprint.build import build_issue
from xhprint.session import BuildSettings
data = Path(sys.argv[2])
build_issue(Path(sys.argv[1]), BuildSettings(cache_dir=Path(sys.argv[3]),
            fonts_config=data / "fonts-box.yaml", fonts_dir=data))
print(" ".join(sorted(m for m in sys.modules if m.startswith("xhprint.text"))))
"""


def test_a_warm_process_does_not_load_the_composer(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(DATA / "manifest" / "good", issue)
    cmd = [sys.executable, "-c", BUILD_AND_LIST, str(issue), str(DATA), str(tmp_path / "c")]
    cold = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    warm = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    assert "xhprint.text.compose" in cold and "xhprint.text.prepare" in cold
    assert "xhprint.text.compose" not in warm and "xhprint.text.prepare" not in warm
