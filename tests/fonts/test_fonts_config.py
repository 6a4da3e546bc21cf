from __future__ import annotations

from pathlib import Path

import pytest

from xhprint.manifest.fonts_config import load_font_config, parse_font_config
from xhprint.model.findings import InputError
from xhprint.model.fonts import REQUIRED_ROLES

REPO = Path(__file__).resolve().parents[2]

MINIMAL = """\
zh-Hant:
  song: {fonts: [A], bold: song-bold}
  song-bold: {fonts: [{family: A, style: Bold}]}
  hei: {fonts: [B]}
  hei-bold: {fonts: [{family: B, style: Bold}, B]}
  kai: {fonts: [C, A], bold: hei-bold}
"""


def test_shipped_fonts_yaml_defines_both_languages_and_required_roles():
    cfg = load_font_config(REPO / "fonts" / "fonts.yaml")
    assert set(cfg.langs) == {"zh-Hant", "zh-Hans"}
    for lang in cfg.langs:
        roles = cfg.roles(lang)
        assert set(REQUIRED_ROLES) <= set(roles)
        assert roles["song"].bold == "song-bold"
        assert roles["kai"].bold == "hei-bold"  # AR PL UKai has no bold
    assert cfg.roles("zh-Hant")["kai"].faces[0].family == "AR PL UKai TW"
    assert cfg.roles("zh-Hans")["song"].faces[0].family == "Noto Serif CJK SC"


def test_faces_styles_and_default_bold_partner():
    cfg = parse_font_config(MINIMAL, "fonts.yaml")
    roles = cfg.roles("zh-Hant")
    assert [(f.family, f.style) for f in roles["hei-bold"].faces] == [("B", "Bold"), ("B", "Regular")]
    assert roles["hei"].bold == "hei-bold"  # ROLE-bold when not given
    assert roles["hei-bold"].bold == "hei-bold"  # a bold role is its own partner
    assert roles["kai"].faces[1].ref.line == 6


def test_unknown_keys_name_file_line_column_and_closest_key():
    text = MINIMAL.replace("kai: {fonts: [C, A]", "kai: {fnts: [C, A]").replace("song-bold}", "song-bld}", 1)
    text += "zh-Hnas:\n  song: {fonts: [A]}\n"
    with pytest.raises(InputError) as info:
        parse_font_config(text, "fonts/fonts.yaml")
    found = {f.message: f for f in info.value.findings}
    assert all(f.check == "manifest" for f in found.values())
    typo = found["unknown key 'fnts' in role kai"]
    assert (typo.where.file, typo.where.line, typo.where.col) == ("fonts/fonts.yaml", 6, 9)
    assert "'fonts'" in typo.hint
    lang = found["unknown key 'zh-Hnas' in fonts.yaml"]
    assert lang.where.line == 7 and "'zh-Hans'" in lang.hint
    bold = found["bold partner 'song-bld' of role song is not a role"]
    assert bold.where.line == 2 and "song-bold" in bold.hint


def test_missing_required_role_and_missing_bold_are_errors():
    text = "zh-Hans:\n  song: {fonts: [A]}\n  kai: {fonts: [C]}\n"
    with pytest.raises(InputError) as info:
        parse_font_config(text, "f.yaml")
    messages = [f.message for f in info.value.findings]
    assert "zh-Hans lacks the required role hei-bold" in messages
    assert "role kai needs bold: (the role used for **bold**)" in messages


def test_yaml_syntax_error_has_position():
    with pytest.raises(InputError) as info:
        parse_font_config("zh-Hant:\n  song: {fonts: [A\n", "f.yaml")
    (finding,) = info.value.findings
    assert finding.where.line >= 2


def test_every_font_file_in_the_repository_has_a_recorded_licence():
    licences = (REPO / "fonts" / "LICENSES.md").read_text(encoding="utf-8")
    files = [p for folder in ("fonts", "tests", "layouts", "issues") if (REPO / folder).is_dir()
             for p in (REPO / folder).rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc", ".otc")]
    assert files, "the box test font is expected"
    for path in files:
        assert str(path.relative_to(REPO)) in licences, path
