"""The editors' guides in Chinese: every check the program can report is explained in both,
each guide is in its own script, and README links them near its top."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xhprint.model.checks import CATALOGUE
from xhprint.preflight.script_mix import load_script_tables

REPO = Path(__file__).resolve().parents[2]
GUIDES = {"zh-Hant": REPO / "docs" / "使用說明.md", "zh-Hans": REPO / "docs" / "使用说明.md"}


def check_ids() -> set[str]:
    """Every check id a finding can carry, read from the source."""
    src = "\n".join(p.read_text("utf-8") for p in (REPO / "src" / "xhprint").rglob("*.py"))
    ids = set(re.findall(r'Finding\(\s*(?:check=)?"([a-z][a-z-]*)"', src))
    ids |= set(re.findall(r'check="([a-z][a-z-]*)"', src))
    ids |= set(re.findall(r'out\.add\(\s*"([a-z][a-z-]*)"', src))
    return ids | set(CATALOGUE)


def test_the_source_s_check_ids_are_found():
    ids = check_ids()
    assert {"manifest", "overset", "script-mix", "pdfx", "dropped-char", "publish"} <= ids
    assert len(ids) >= 30


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_check_is_explained(lang):
    text = GUIDES[lang].read_text("utf-8")
    explained = set(re.findall(r"^\| `([a-z][a-z-]*)`", text, re.M))
    assert check_ids() - explained == set()


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_each_guide_is_in_its_own_script(lang):
    text = GUIDES[lang].read_text("utf-8")
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)  # the link to the other guide
    tables = load_script_tables()
    wrong = tables.traditional_only if lang == "zh-Hans" else tables.simplified_only
    assert sorted({ch for ch in text if ch in wrong}) == []


def test_readme_links_both_guides_and_the_glossary_near_its_top():
    head = "\n".join((REPO / "README.md").read_text("utf-8").splitlines()[:20])
    for target in ("docs/使用說明.md", "docs/使用说明.md", "docs/glossary.md"):
        assert f"]({target})" in head, target
