"""Templates: every key and default, units, paths, overrides merge semantics, errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from manifest_helpers import BASE_ISSUE, REPO, write_issue

from xhprint.manifest import load_issue, load_template, read_template
from xhprint.manifest.geometry import column_chars, type_area_rows
from xhprint.manifest.units import LengthError, parse_length
from xhprint.manifest.yamlsource import merge, parse_yaml
from xhprint.model.findings import InputError
from xhprint.model.template import MM, PreflightLimits

LAYOUTS = REPO / "layouts"


def test_units() -> None:
    assert parse_length("350mm") == pytest.approx(350 * 72 / 25.4)
    assert parse_length("9pt") == 9.0
    assert parse_length("12") == 12.0 and parse_length(12) == 12.0
    assert parse_length("2em", em=9) == 18.0
    assert parse_length(" 1.5 mm ") == pytest.approx(1.5 * MM)
    for bad in ("4px", "mm", "-3mm", "1,5mm", "3 cm"):
        with pytest.raises(LengthError):
            parse_length(bad, em=9)
    with pytest.raises(LengthError, match="no size here"):
        parse_length("2em")


def test_broadsheet_grid() -> None:
    t = load_template("broadsheet", LAYOUTS)
    assert (t.trim_width / MM, t.trim_height / MM) == pytest.approx((350, 500))
    type_width = t.trim_width - t.margins.inside - t.margins.outside
    assert type_width / MM == pytest.approx(310)
    assert t.columns == 8 and t.gutter / MM == pytest.approx(4)
    assert column_chars(t) == 11
    gutter = (type_width - 8 * 11 * t.grid_size) / 7
    assert gutter >= t.gutter and gutter / MM == pytest.approx(4.37, abs=0.01)
    assert type_area_rows(t) == math.floor((500 - 36) * MM / 14) == 93
    m = t.masthead
    assert m is not None and m.rows == 12 and m.title == "徐匯報" and t.paper_name == "徐匯報"
    assert [q.label for q in m.qr] == ["徐匯通 APP", "上海徐匯微信", "上海徐匯发布微博", "上海徐匯抖音"]
    assert m.lines == ("《徐匯報》數字報 http://www.xuhuibao.com",) and m.permit == "准印證號(B)0150"
    assert m.color == pytest.approx((0, 1, 1, 0.1))
    assert t.header_rows == 3 and t.kinsoku == "basic" and t.punct_style == "quanjiao"
    assert t.preflight == PreflightLimits() and t.digital_image_ppi == 150 and t.icc is None
    body, head = t.styles["body"], t.styles["headline"]
    assert (body.font, body.size, body.leading, body.indent_em) == ("song", 9, 14, 2)
    assert (head.font, head.size, head.leading, head.align) == ("hei-bold", 26, 32, "center")
    assert set(t.styles) == {"kicker", "headline", "subhead", "byline", "body", "inline_subhead",
                             "caption", "credit", "label", "jump", "jump_head"}


def test_tabloid_grid() -> None:
    t = load_template("tabloid", LAYOUTS)
    assert (t.trim_width / MM, t.trim_height / MM) == pytest.approx((250, 350))
    assert t.columns == 5 and column_chars(t) >= 10
    assert t.masthead is not None and type_area_rows(t) > t.masthead.rows + 40


MINIMAL = """\
trim: {width: 200mm, height: 300mm}
margins: {top: 10mm, bottom: 10mm, inside: 10mm, outside: 10mm}
columns: 4
gutter: 1em
grid: {size: 10pt, leading: 15pt}
"""


def test_minimal_template_defaults(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(MINIMAL, "utf-8")
    t = load_template(tmp_path / "small.yaml", LAYOUTS)
    assert t.name == "small" and t.gutter == 10 and t.bleed == pytest.approx(3 * MM)
    assert t.masthead is None and t.header_rows == 3 and t.print_marks is True
    assert t.styles["body"].size == 10 and t.styles["body"].leading == 15
    assert t.styles["kicker"].size == 12 and t.styles["caption"].leading == 11


def test_template_paths_relative_to_template(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(b"png")
    (tmp_path / "news.icc").write_bytes(b"icc")
    text = MINIMAL + "masthead: {rows: 5, logo: art/logo.png}\nprint: {marks: false, icc: news.icc}\n"
    (tmp_path / "t.yaml").write_text(text, "utf-8")
    t = load_template(tmp_path / "t.yaml", LAYOUTS)
    assert t.masthead is not None and t.masthead.logo == (tmp_path / "art" / "logo.png").resolve()
    assert t.icc == (tmp_path / "news.icc").resolve() and t.print_marks is False


def test_template_errors_all_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("columns: 4", "colums: 4") + (
        "kinsoku: loose\nstyles:\n  body: {leading: 14pt}\n  headlin: {size: 20pt}\n"
        "masthead: {rows: 5, logo: none.png}\n")
    (tmp_path / "t.yaml").write_text(text, "utf-8")
    with pytest.raises(InputError) as err:
        load_template(tmp_path / "t.yaml", LAYOUTS)
    got = {(f.where.line, f.where.col): (f.check, f.message) for f in err.value.findings if f.where}
    d = str(tmp_path / "t.yaml")
    assert all(f.where and f.where.file == d for f in err.value.findings)
    assert got[(3, 1)] == ("manifest", "unknown key 'colums' in template; did you mean 'columns'?")
    assert got[(1, 1)] == ("manifest", "template is missing the required key 'columns'")
    assert got[(6, 10)] == ("manifest", "kinsoku must be one of none, basic, gb, strict, not 'loose'")
    assert got[(8, 19)] == ("manifest", "styles.body.leading is 14pt but grid.leading is 15pt")
    assert got[(9, 3)][1].startswith("unknown key 'headlin' in styles; did you mean 'headline'?")
    assert got[(10, 27)][0] == "missing-file"


def test_grid_that_holds_no_character(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(MINIMAL.replace("columns: 4", "columns: 40"), "utf-8")
    with pytest.raises(InputError, match="do not fit the type width"):
        load_template(tmp_path / "t.yaml", LAYOUTS)


def test_unknown_layout_name(load_errors) -> None:
    errors = load_errors(BASE_ISSUE.replace("layout: broadsheet", "layout: broadshet"))
    assert [e.message for e in errors] == ["unknown layout 'broadshet'; did you mean 'broadsheet'?"]
    assert str(errors[0].where) == "iss/issue.yaml:1:9"


# -- layout_overrides --------------------------------------------------------------
def test_merge_semantics_on_nodes() -> None:
    base, _ = parse_yaml("a: {x: 1, y: [1, 2]}\nb: 2\nl: [1, 2, 3]\n", "base.yaml")
    over, _ = parse_yaml("a: {y: [9]}\nl: [7]\nc: 3\n", "over.yaml")
    assert base is not None and over is not None
    merged = merge(base, over)
    data = yaml.safe_load(yaml.serialize(merged))
    assert data == {"a": {"x": 1, "y": [9]}, "b": 2, "l": [7], "c": 3}
    # each value still points at the file that wrote it
    pairs = {k.value: v for k, v in merged.value}
    assert pairs["b"].start_mark.name == "base.yaml" and pairs["l"].start_mark.name == "over.yaml"


def test_layout_overrides_merge_key_by_key(tmp_path: Path) -> None:
    overrides = (
        "layout_overrides:\n"
        "  grid: {leading: 13pt}\n"                  # mapping: size stays 9pt
        "  masthead:\n"
        "    qr: [{label: 只有一個, url: 'https://example.invalid/q'}]\n"  # list: replaces
        "    rows: 10\n"
        "  columns: 6\n"                             # value: replaces
        "  styles: {headline: {size: 30pt}}\n"       # nested mapping: leading 32pt stays
        "pages:")
    folder = write_issue(tmp_path, BASE_ISSUE.replace("pages:", overrides).replace("row: 13", "row: 11"))
    t = load_issue(folder, REPO).template
    base = load_template("broadsheet", LAYOUTS)
    assert (t.grid_size, t.grid_leading) == (9, 13)
    assert t.styles["body"].leading == 13  # the body is the grid
    assert t.masthead is not None and base.masthead is not None
    assert [q.label for q in t.masthead.qr] == ["只有一個"]
    assert t.masthead.rows == 10 and t.masthead.title == base.masthead.title
    assert t.masthead.lines == base.masthead.lines
    assert t.columns == 6 and t.margins == base.margins
    assert (t.styles["headline"].size, t.styles["headline"].leading) == (30, 32)


def test_override_unknown_key_points_at_issue(load_errors) -> None:
    errors = load_errors(BASE_ISSUE.replace("pages:", "layout_overrides:\n  gird: {size: 9pt}\npages:"))
    assert [(e.message, str(e.where)) for e in errors] == [
        ("unknown key 'gird' in template; did you mean 'grid'?", "iss/issue.yaml:8:3")]


def test_override_path_must_stay_in_issue(load_errors, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"x")
    text = BASE_ISSUE.replace("pages:", "layout_overrides:\n  masthead: {logo: ../logo.png}\npages:")
    errors = load_errors(text)
    assert [(e.check, str(e.where)) for e in errors] == [("missing-file", "iss/issue.yaml:8:20")]


def test_read_template_never_raises(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("trim: [", "utf-8")
    template, findings = read_template(tmp_path / "bad.yaml", LAYOUTS)
    assert template is None and findings and "YAML syntax error" in findings[0].message


@pytest.mark.parametrize("extra,region,position", [
    ("", "", "gb"),  # no region: GB placement (mainland)
    ("region: mainland\n", "mainland", "gb"),
    ("region: tw\n", "tw", "centred"),
    ("region: hk\n", "hk", "centred"),
    ("region: tw\npunct_position: gb\n", "tw", "gb"),  # the key chooses
    ("punct_position: centred\n", "", "centred"),
])
def test_punctuation_placement_follows_region_unless_chosen(tmp_path: Path, extra, region,
                                                            position) -> None:
    (tmp_path / "t.yaml").write_text(MINIMAL + extra, "utf-8")
    t = load_template(tmp_path / "t.yaml", LAYOUTS)
    assert (t.region, t.punct_position) == (region, position)


def test_bad_punctuation_placement_names_the_choices(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(MINIMAL + "punct_position: center\nregion: cn\n", "utf-8")
    with pytest.raises(InputError) as err:
        load_template(tmp_path / "t.yaml", LAYOUTS)
    msgs = sorted(f.message for f in err.value.findings)
    assert msgs == ["punct_position must be one of gb, centred, not 'center'",
                    "region must be one of mainland, tw, hk, not 'cn'"]


def test_a_value_yaml_cannot_build_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    """`2023-13-01` looks like a YAML date but is none: PyYAML raises while building it."""
    (tmp_path / "t.yaml").write_text(MINIMAL + "print: {marks: 2023-13-01}\n", "utf-8")
    template, findings = read_template(tmp_path / "t.yaml", LAYOUTS)
    assert template is None
    assert [(f.message, f.where.line, f.where.col) for f in findings if f.where] == [
        ("print.marks must be true or false, not '2023-13-01'", 6, 16)]


def test_an_icc_that_is_not_text_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(MINIMAL + "print: {icc: [1, 2]}\n", "utf-8")
    template, findings = read_template(tmp_path / "t.yaml", LAYOUTS)
    assert template is None
    assert [(f.message, f.where.line, f.where.col) for f in findings if f.where] == [
        ("print.icc must be text, not a list", 6, 14)]
