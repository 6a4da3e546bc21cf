"""issues/2023-40 keeps the seed's wording: every block, headline and byline of the four
seed stories stands in the extracted page text (whitespace aside, which is where the old
column breaks split words), and nothing of the seed's stories is left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.paths import SEED
from xhprint.manifest.story import load_story

REPO = Path(__file__).resolve().parents[1]
ISSUE = REPO / "issues" / "2023-40"
SEED_STORIES = ("study-session", "ecology", "ai-cluster", "garden")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("shared/seed is not beside the repository")
    return flat(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sid", SEED_STORIES)
def test_story_wording_is_the_seeds(seed: str, sid: str) -> None:
    story = load_story(sid, ISSUE / "stories" / f"{sid}.md", ISSUE)
    pieces = [b.text for b in story.blocks] + [story.headline, story.byline]
    pieces += [p.credit for p in story.photos] + [story.label]
    for piece in filter(None, pieces):
        assert flat(piece) in seed, piece[:30]


def test_no_seed_paragraph_is_left_out(seed: str) -> None:
    stories = [load_story(sid, ISSUE / "stories" / f"{sid}.md", ISSUE) for sid in SEED_STORIES]
    # A picture story's credit ends its text on the page (manifest.md §3).
    used = "|".join(
        "".join(flat(b.text) for b in s.blocks)
        + (flat(s.photos[0].credit) if s.kind == "picture" and s.photos else "")
        for s in stories)
    paragraphs = [flat(p) for p in SEED.read_text(encoding="utf-8").split("\n\n")]
    # Long paragraphs of the seed are story text; each must be used (the old jump line is
    # the engine's job and is not story text).
    for p in paragraphs:
        p = p.replace("(下轉第2版)", "")
        if len(p) > 40:
            assert p in used, p[:30]


def test_old_jump_line_is_not_story_text() -> None:
    text = (ISSUE / "stories" / "ai-cluster.md").read_text(encoding="utf-8")
    assert "下轉" not in text
