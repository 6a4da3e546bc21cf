"""Fuzzing the loader: mutated issue.yaml and story files never raise, and every
failure is a loading finding that says where (issue 6, "Fuzzing").

The loader is called in-process (read_issue) for speed; test_validation_cli.py shows
the same findings reach the user through the CLI with exit status 2.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hardening.helpers import ISSUE_YAML, REPO, STORY, write_issue
from xhprint.manifest import read_issue
from xhprint.model.checks import LOADING_CHECKS

PROFILE = settings.get_profile("hardening")

# Text that stresses a YAML reader: indicators, quotes, escapes, tabs, odd line ends,
# and characters from every plane.
YAMLISH = st.sampled_from([
    ":", "- ", "? ", "&a ", "*a", "!!int ", "!!binary ", "!!python/object:os.system ", "{", "}",
    "[", "]", "'", '"', "\\", "\\0", "\\ud800", "\t", "\r", "\r\n", "\n", "#", "|", ">", "---",
    "...", "%YAML 1.1", "<<: ", "~", "null", ".nan", ".inf", "-1", "0", "1e999", "0x1F",
    "2023-02-30", "yes", "\x00", "\x85", "\u2028", "\ufeff", "\u200b", "../", "/etc/passwd",
    "a" * 300, "標題", "𠀀", "\ue000", "🙂",
])
JUNK = st.one_of(st.text(max_size=20), YAMLISH, st.lists(YAMLISH, max_size=5).map("".join))
KEYS = st.sampled_from(["layout", "lang", "issue", "pages", "number", "total", "date",
                        "section", "editor", "items", "story", "ad", "box", "col", "row",
                        "cols", "rows", "continue", "headline_cols", "layout_overrides",
                        "grid", "columns", "headline", "kind", "photos", "file", "place",
                        "fit", "caption", "label", "contine"])


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A few edits of a valid file: lines deleted, duplicated, swapped, keys and values
    replaced, junk inserted, then maybe truncated."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "key", "value",
                                   "indent"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            indent = " " * draw(st.sampled_from([0, 2, 4, 6, 8]))
            lines.insert(i, f"{indent}{draw(KEYS)}: {draw(JUNK)}")
        elif op in ("key", "value") and lines and ":" in lines[i]:
            key, _, value = lines[i].partition(":")
            if op == "key":
                lines[i] = f"{key[:len(key) - len(key.lstrip())]}{draw(JUNK)}:{value}"
            else:
                lines[i] = f"{key}: {draw(JUNK)}"
        elif op == "indent" and lines:
            lines[i] = " " * draw(st.integers(0, 5)) + lines[i].lstrip()
    out = "\n".join(lines)
    if draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    return out


def _load(issue_yaml: str, story: str | bytes) -> tuple[object, list]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_issue(Path(tmp) / "iss", issue_yaml, {"stories/s.md": story})
        return read_issue(folder, REPO)


def _check(issue: object, findings: list) -> None:
    errors = [f for f in findings if f.severity == "error"]
    assert (issue is None) == bool(errors), findings
    for f in errors:
        assert f.check in LOADING_CHECKS, f
        assert f.where is not None and f.where.file, f
        assert f.message and f.hint, f  # what is wrong and what to do
        f.describe().encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates
        if f.check == "manifest" and "empty" not in f.message:
            assert f.where.line >= 1, f  # names the line it is about


@settings(PROFILE)
@given(mutated(ISSUE_YAML))
def test_mutated_issue_yaml_gives_findings_not_tracebacks(issue_yaml: str) -> None:
    _check(*_load(issue_yaml, STORY))


@settings(PROFILE)
@given(mutated(STORY))
def test_mutated_story_gives_findings_not_tracebacks(story: str) -> None:
    _check(*_load(ISSUE_YAML, story))


@settings(PROFILE)
@given(st.binary(max_size=200), st.sampled_from(["issue", "story"]))
def test_random_bytes_give_findings_not_tracebacks(data: bytes, which: str) -> None:
    if which == "issue":
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_issue(Path(tmp) / "iss")
            (folder / "issue.yaml").write_bytes(data)
            _check(*read_issue(folder, REPO))
    else:
        _check(*_load(ISSUE_YAML, data))
