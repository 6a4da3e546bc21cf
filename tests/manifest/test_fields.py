"""The declarative key tables (manifest/fields.py): defaults come from the model dataclass,
what a bad or empty value becomes, derived defaults, sections, rules in table order, and
that every reader's table agrees with the keys its mapping accepts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from manifest_helpers import BASE_ISSUE, REPO, write_issue

from xhprint.manifest import issue, load_issue, load_template, placing, story, template
from xhprint.manifest.check import Checker
from xhprint.manifest.fields import (
    Derived,
    Field,
    Integer,
    Length,
    Rule,
    Scope,
    Section,
    Table,
    Text,
    model_defaults,
    spaced,
)
from xhprint.manifest.yamlsource import Node, parse_yaml
from xhprint.model.findings import Finding
from xhprint.model.issue import StoryItem
from xhprint.model.template import PreflightLimits, Template


@dataclass(frozen=True)
class Thing:
    size: float
    count: int = 3
    label: str = "none"
    leading: float = 0.0
    tags: tuple[str, ...] = field(default_factory=tuple)


def _keys(text: str) -> tuple[Checker, dict[str, Node], list[Finding]]:
    root, problems = parse_yaml(text, "t.yaml")
    assert root is not None and not problems
    findings: list[Finding] = []
    c = Checker(findings)
    keys = c.mapping(root, "thing", ("size", "count", "label", "leading", "box"))
    assert keys is not None
    return c, keys, findings


TABLE = Table(Thing, (
    Field("size", Length(em="grid")),
    Field("count", Integer(lo=1)),
    Field("label", Text(), or_default=True),
    Field("leading", Length(em="size"), or_default=True,
          default=Derived(lambda v: v["size"] * 2)),
))


def test_a_key_left_out_takes_the_model_default() -> None:
    c, keys, findings = _keys("size: 2em\n")
    assert TABLE.read(c, keys, "thing", {"grid": 9}) == {
        "size": 18, "count": 3, "label": "none", "leading": 36}
    assert not findings
    assert model_defaults(Thing) == {"size": None, "count": 3, "label": "none", "leading": 0.0,
                                     "tags": ()}


def test_a_bad_value_is_none_unless_the_field_falls_back_to_its_default() -> None:
    c, keys, findings = _keys("size: 9pt\ncount: 0\nlabel: [a]\nleading: x\n")
    got = TABLE.read(c, keys, "thing")
    assert got == {"size": 9, "count": None, "label": "none", "leading": 18}
    assert [str(f.where) for f in findings] == ["t.yaml:2:8", "t.yaml:3:8", "t.yaml:4:10"]
    assert [f.message for f in findings] == [
        "thing.count must be at least 1, not 0", "thing.label must be text, not a list",
        "thing.leading: bad length 'x': use a number with mm, pt or em, or a bare number (pt)"]


def test_an_empty_value_of_an_or_default_field_is_the_default_a_valid_zero_stays() -> None:
    c, keys, findings = _keys("size: 0\nlabel: ~\nleading: 0\n")
    got = TABLE.read(c, keys, "thing")
    assert (got["size"], got["label"], got["leading"]) == (0, "none", 0)
    assert not findings


def test_the_caller_s_defaults_come_before_the_model_s() -> None:
    c, keys, _ = _keys("size: 4\n")
    got = TABLE.read(c, keys, "thing", defaults={"count": 7, "leading": Derived(lambda v: 1.5)})
    assert (got["count"], got["leading"]) == (7, 1.5)


def test_rules_run_in_table_order_and_see_the_values_read_so_far() -> None:
    seen: list[tuple[str, object]] = []

    def note(at: Scope) -> None:
        seen.append((at.what, dict(at.values)))
        at.c.error(at.keys["size"], "rule")

    table = Table(Thing, (Field("size", Integer()), Rule(note), Field("count", Integer(lo=5))),
                  called=spaced)
    c, keys, findings = _keys("size: 1\ncount: 2\n")
    table.read(c, keys, "thing", {"grid": 1})
    assert seen == [("thing", {"grid": 1, "size": 1})]
    assert [f.message for f in findings] == ["rule", "thing count must be at least 5, not 2"]


def test_a_section_fills_attributes_of_the_same_model() -> None:
    table = Table(Thing, (Section("box", (Field("count", Integer(), attr="count"),
                                          Field("label", Text())), required=("count",)),))
    c, keys, findings = _keys("box: {label: x}\n")
    assert table.read(c, keys, "") == {"count": 3, "label": "x"}
    assert [f.message for f in findings] == ["box is missing the required key 'count'"]
    c, keys, findings = _keys("box: 3\n")
    assert table.read(c, keys, "") == {"count": 3, "label": "none"}
    assert [f.message for f in findings] == ["box must be a mapping (key: value), not '3'"]


def test_a_field_for_an_attribute_the_model_lacks_is_refused() -> None:
    with pytest.raises(TypeError, match="no attribute 'colour'"):
        Table(Thing, (Field("color", Text(), attr="colour"),))


MINIMAL = """\
trim: {width: 200mm, height: 300mm}
margins: {top: 10mm, bottom: 10mm, inside: 10mm, outside: 10mm}
columns: 4
gutter: 1em
grid: {size: 10pt, leading: 15pt}
"""


def _left_out(table: Table, obj: object) -> dict[str, tuple[object, object]]:
    """Attributes of `obj` that differ from the model default of a key left out."""
    model = model_defaults(table.model)
    return {f.attr: (getattr(obj, f.attr), model[f.attr]) for f in table.fields
            if not isinstance(f.default, Derived) and getattr(obj, f.attr) != model[f.attr]}


def test_keys_left_out_give_the_model_s_defaults(tmp_path: Path) -> None:
    """No reader restates a default: what a left-out key gives is the dataclass's default."""
    (tmp_path / "t.yaml").write_text(MINIMAL, "utf-8")
    t = load_template(tmp_path / "t.yaml", REPO / "layouts")
    assert _left_out(template.TEMPLATE_REST, t) == {"name": ("t", None)}  # the file's name
    assert t.bleed == model_defaults(Template)["bleed"] and t.punct_position == "gb"
    folder = write_issue(tmp_path, BASE_ISSUE.replace("box: {col: 1, row: 13, cols: 4, rows: 20}",
                                                      "box: {col: 1, row: 13, cols: 4, rows: 20}"
                                                      "\n      - story: b"), {
        "stories/b.md": "---\nheadline: 乙\nphotos:\n  - file: p.jpg\n---\n正文。\n",
        "p.jpg": b"\xff\xd8"})
    got = load_issue(folder, REPO)
    page = got.pages[0]
    placed, booked = page.items[1], page.items[0]
    assert isinstance(placed, StoryItem) and isinstance(booked, StoryItem)
    assert _left_out(issue.PAGE, page) == {"number": (1, None), "section": ("要聞", None)}
    assert _left_out(placing.ITEM_HINTS, placed) == {}
    assert _left_out(issue.STORY_ITEM, placed) == {"story": ("b", None)}
    b = got.stories["b"]
    assert _left_out(story.STORY, b) == {"headline": ("乙", ""), "photos": (b.photos, ())}
    assert _left_out(story.PHOTO, b.photos[0]) == {}


def test_the_tables_read_every_key_their_mapping_accepts() -> None:
    """A key the mapping accepts but no table (or reader) reads would be silently ignored."""
    assert set(template.TEMPLATE_KEYS) == {*template.FRAME.keys, *template.TEMPLATE_REST.keys,
                                          "trim", "margins", "grid", "styles"}
    assert set(template.STYLE_KEYS) == set(template.STYLE.keys)
    assert set(template.MASTHEAD_KEYS) == set(template.MASTHEAD.keys)
    assert set(template.PREFLIGHT_KEYS) == {f.name for f in dataclasses.fields(PreflightLimits)}
    assert set(issue.ISSUE_KEYS) == {*issue.ISSUE.keys, "layout", "pages", "layout_overrides"}
    assert set(issue.PAGE_KEYS) == {*issue.PAGE.keys, "items"}
    assert set(issue.STORY_ITEM_KEYS) == {*issue.STORY_ITEM.keys, *placing.ITEM_HINTS.keys}
    assert set(issue.AD_ITEM_KEYS) == set(issue.AD_ITEM.keys)
    assert set(issue.BOX_KEYS) == set(issue.BOX.keys)
    assert set(placing.PHOTO_SIZE_KEYS) == set(placing.PHOTO_SIZE.keys)
    assert set(story.STORY_KEYS) == set(story.STORY.keys)
    assert set(story.PHOTO_KEYS) == {*story.PHOTO.keys, "file"}
