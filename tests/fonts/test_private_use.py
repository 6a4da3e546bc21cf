"""Private-use characters print only from the font declared for them (manifest.md §5).

A private-use code point (U+E000–U+F8FF, planes 15–16) means something only in the
newsroom's own 造字 font. AR PL UKai happens to draw HKSCS forms at some of them
(U+E78D up): printing those would give the reader an arbitrary character.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from xhprint.fonts.book import FontBook
from xhprint.manifest.fonts_config import parse_font_config
from xhprint.model.findings import InputError

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
UKAI_PUA = "\ue78d"  # a code point AR PL UKai has a glyph for
PUA = "\ue000"


def zaozi_font(path: Path) -> None:
    """A newsroom 造字 font: glyphs at U+E000 and U+E78D only."""
    pen = TTGlyphPen(None)
    pen.moveTo((0, -120)), pen.lineTo((0, 880)), pen.lineTo((1000, 880)), pen.lineTo((1000, -120))
    pen.closePath()
    names = [".notdef", "zz1", "zz2"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0xE000: "zz1", 0xE78D: "zz2"})
    fb.setupGlyf({n: pen.glyph() for n in names})
    fb.setupHorizontalMetrics({n: (1000, 0) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "XH Zaozi", "styleName": "Regular", "psName": "XHZaozi-Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))


def _config(private: bool, chain_has_zaozi: bool = False) -> str:
    song = "[Xhprint Box, XH Zaozi]" if chain_has_zaozi else "[Xhprint Box]"
    extra = "  private_use: [XH Zaozi]\n" if private else ""
    return (f"zh-Hant:\n{extra}  song: {{fonts: {song}, bold: song-bold}}\n"
            "  song-bold: {fonts: [Xhprint Box]}\n  hei: {fonts: [Xhprint Box]}\n"
            "  hei-bold: {fonts: [Xhprint Box]}\n  kai: {fonts: [Xhprint Box], bold: hei-bold}\n")


@pytest.fixture()
def fonts_dir(tmp_path) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(DATA / "boxfont.ttf", folder / "boxfont.ttf")
    zaozi_font(folder / "zaozi.ttf")
    return folder


def test_private_use_prints_only_from_the_declared_font(fonts_dir, tmp_path) -> None:
    # In a role's chain but not declared for private use: its PUA glyph is not used.
    book = FontBook.open(parse_font_config(_config(False, chain_has_zaozi=True), "f.yaml"),
                         "zh-Hant", tmp_path / "c1", fonts_dir)
    assert book.glyph(PUA, "song") is None
    assert book.missing(PUA + "中", "song") == {PUA}
    # Declared under private_use: every role prints it from there, and nothing else does.
    book = FontBook.open(parse_font_config(_config(True), "f.yaml"), "zh-Hant", tmp_path / "c2",
                         fonts_dir)
    for role in ("song", "kai", "hei-bold"):
        glyph = book.glyph(PUA, role)
        assert glyph is not None and glyph.face == "XHZaozi-Regular"
    assert book.glyph("中", "song").face != "XHZaozi-Regular"
    assert ("private_use", "XH Zaozi") == book.describe()[-1].cells[:2]


def test_private_use_font_not_installed_is_named(fonts_dir, tmp_path) -> None:
    cfg = _config(True).replace("private_use: [XH Zaozi]", "private_use: [Nowhere Zaozi]")
    with pytest.raises(InputError) as err:
        FontBook.open(parse_font_config(cfg, "fonts.yaml"), "zh-Hant", tmp_path / "c", fonts_dir)
    (f,) = err.value.findings
    assert f.check == "missing-file" and "Nowhere Zaozi" in f.message
    assert f.where is not None and (f.where.file, f.where.line) == ("fonts.yaml", 2)


def _issue(folder: Path) -> Path:
    """A tabloid issue with a private-use character in the headline and in the body."""
    (folder / "stories").mkdir(parents=True)
    (folder / "stories" / "name.md").write_text(
        f"---\nheadline: 石{UKAI_PUA}里居民議事會成立\n---\n居民代表共十二人。\n\n"
        f"議事會由石{PUA}里的老住戶組成。\n", encoding="utf-8")
    (folder / "issue.yaml").write_text(
        "layout: tabloid\nlang: zh-Hant\nissue: {number: 1, total: 1, date: 2024-01-05}\n"
        "pages:\n  - number: 1\n    section: 要聞\n    items:\n"
        "      - story: name\n        box: {col: 1, row: 12, cols: 3, rows: 12}\n",
        encoding="utf-8")
    return folder


@pytest.mark.skipif(not UKAI.exists(), reason="Debian fonts not installed (make setup)")
def test_build_and_fonts_agree_on_private_use_characters(tmp_path) -> None:
    issue = _issue(tmp_path / "pua")
    env = {"XHPRINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    build = subprocess.run([sys.executable, "-m", "xhprint", "build", str(issue), "-o",
                            str(tmp_path / "out"), "--json"], capture_output=True, text=True,
                           env=env, cwd=REPO, timeout=300)
    assert build.returncode == 1, build.stderr
    import json

    report = json.loads(build.stdout)
    missing = {(f["message"].split("(")[1].split(")")[0], f["where"]) for f in report["findings"]
               if f["check"] == "missing-glyph"}
    display = f"{issue}/stories/name.md"
    # Each at the character's own line and column (not the story's 1:1).
    assert missing == {("U+E78D", f"{display}:2:12"), ("U+E000", f"{display}:6:6")}
    fonts = subprocess.run([sys.executable, "-m", "xhprint", "fonts", str(issue)],
                           capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert fonts.returncode == 1
    assert "2 without a glyph: U+E000 U+E78D" in fonts.stdout
    assert f"{display}:2:12" in fonts.stdout and f"{display}:6:6" in fonts.stdout
