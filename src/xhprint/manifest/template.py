"""layouts/NAME.yaml (+ an issue's `layout_overrides:`) → `Template` (manifest.md §4).

Every key of the spec is read here through a key table (fields.py) whose defaults are
the model's (model/template.py); lengths become pt, CMYK percentages 0..1 fractions,
paths absolute (resolved against the file that wrote them). All problems are
findings; `load_template` raises them together.
"""

from __future__ import annotations

import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from xhprint.i18n import msg, nmsg
from xhprint.manifest.check import Checker, is_null
from xhprint.manifest.fields import (
    Boolean,
    Choice,
    Colour,
    Derived,
    EmFraction,
    Field,
    Integer,
    Length,
    Number,
    Rule,
    Scope,
    Section,
    Table,
    Text,
    sequence_of,
)
from xhprint.manifest.geometry import column_chars, type_area_rows
from xhprint.manifest.paths import display_path, inside_problem, is_file, missing_hint
from xhprint.manifest.yamlsource import KeptNodes, Node, load_yaml, merge, ref
from xhprint.model.findings import Finding, InputError
from xhprint.model.source import SourceRef
from xhprint.model.template import (
    Margins,
    Masthead,
    PreflightLimits,
    QRCode,
    Style,
    Template,
)

TEMPLATE_KEYS = (
    "name", "trim", "bleed", "margins", "columns", "gutter", "grid", "masthead", "header",
    "styles", "print", "preflight", "kinsoku", "punct_style", "region", "punct_position",
    "digital",
)
TEMPLATE_REQUIRED = ("trim", "margins", "columns", "gutter", "grid")
STYLE_KEYS = ("font", "size", "leading", "align", "indent", "color")
ALIGNS = ("justify", "left", "center", "right")
KINSOKU = ("none", "basic", "gb", "strict")
PUNCT_STYLES = ("quanjiao", "kaiming", "banjiao")
REGIONS = ("mainland", "tw", "hk")
PUNCT_POSITIONS = ("gb", "centred")
MASTHEAD_KEYS = ("rows", "title", "logo", "color", "qr", "lines", "permit")
LEADING_FACTOR = 1.25  # a style without `leading` gets 1.25 × its size

_GRID_SIZE = Derived(lambda v: v["grid_size"])
_GRID_LEADING = Derived(lambda v: v["grid_leading"])  # body rows: set on the grid

# manifest.md §4 `styles:` — per role, the defaults that differ from Style's own.
STYLE_DEFAULTS: dict[str, dict[str, object]] = {
    "kicker": {"font": "hei", "size": 12},
    "headline": {"font": "hei-bold", "size": 26, "leading": 32, "align": "center"},
    "subhead": {"font": "kai", "size": 12},
    "byline": {"font": "kai", "size": 9},
    "body": {"font": "song", "size": _GRID_SIZE, "leading": _GRID_LEADING, "indent_em": 2.0},
    "inline_subhead": {"font": "hei-bold", "size": 9, "leading": _GRID_LEADING},
    "caption": {"font": "kai", "size": 8, "leading": 11},
    "credit": {"font": "kai", "size": 8},
    "label": {"font": "hei-bold", "size": 10},
    "jump": {"font": "kai", "size": 8},
    "jump_head": {"font": "hei-bold", "size": 14},
}


class _Paths:
    """Resolves a path node against the folder of the file that wrote it."""

    def __init__(self, c: Checker, bases: dict[str, tuple[Path, bool]]):
        self.c = c
        self.bases = bases  # display name → (base folder, must stay inside it)

    def file(self, node: Node, what: str) -> Path | None:
        rel = self.c.text(node, what)
        if rel == "":
            self.c.error(node, msg("{key} is empty", key=what), msg("give a file path"))
        return self.resolve(node, rel, what) if rel else None

    def resolve(self, node: Node, rel: str, what: str) -> Path | None:
        """`rel` as written at `node`: inside the issue folder, or beside the template."""
        base, inside_only = self.bases.get(node.start_mark.name, (Path("."), True))
        if inside_only:
            return self._inside(node, base, rel, what)
        path = Path(rel) if Path(rel).is_absolute() else base / rel
        if not is_file(path):
            self.c.error(node, msg("{what}: {path!r} does not exist (looked for {looked})",
                                   what=what, path=rel, looked=str(path)),
                         missing_hint(base, rel, msg("paths in a template are relative to the "
                                                     "template file")),
                         check="missing-file")
            return None
        return path.resolve()

    def _inside(self, node: Node, base: Path, rel: str, what: str) -> Path | None:
        problem = inside_problem(base, rel)
        if problem:
            self.c.error(node, msg("{what}: {problem}", what=what, problem=problem),
                         missing_hint(base, rel, msg("use a path inside the issue folder")),
                         check="missing-file")
            return None
        return (base / rel).resolve()


# -- readers of the keys that are more than a value ------------------------------
def _template_file(at: Scope, node: Node, name: str) -> Path | None:
    """A file named in the template (masthead.logo), resolved against its writer."""
    return at.values["paths"].file(node, name)


def _icc(at: Scope, node: Node, name: str) -> Path | None:
    """`icc: default` is Debian's ghostscript profile (None); anything else a file."""
    rel = at.c.text(node, name)
    if rel is None or rel == "default":
        return None
    return at.values["paths"].file(node, name)


def _qr_code(at: Scope, node: Node, i: int) -> QRCode | None:
    keys = at.c.mapping(node, msg("masthead.qr entry {i}", i=i), ("label", "url"),
                        required=("label", "url"))
    if not keys or "label" not in keys or "url" not in keys:
        return None
    label, url = at.c.text(keys["label"], "qr label"), at.c.text(keys["url"], "qr url")
    if url == "":
        at.c.error(keys["url"], msg("{key} is empty", key="qr url"),
                   msg("give the address the code should open"))
        return None
    if label is None or url is None:
        return None
    return QRCode(label, url, ref=ref(keys["label"]))


def _masthead_line(at: Scope, node: Node, _i: int) -> tuple[str, SourceRef] | None:
    """A small line of the masthead and where it is written."""
    s = at.c.text(node, msg("masthead.lines entry"))
    return None if s is None else (s, ref(node))


def _masthead_node(at: Scope, node: Node, name: str) -> Masthead | None:
    """The page-1 masthead (None: the template has none)."""
    return _masthead(at.c, at.values["paths"], node)


def _body_is_the_grid(at: Scope) -> None:
    """The body is the grid (manifest.md §2): a separate body size would break row alignment."""
    if at.values["role"] != "body":
        return
    for key in ("size", "leading"):
        value, want = at.values[key], at.values[f"grid_{key}"]
        if key in at.keys and abs(value - want) > 1e-6:
            at.c.error(at.keys[key], msg("styles.body.{key} is {value:g}pt but grid.{key} is "
                                         "{want:g}pt", key=key, value=value, want=want),
                       msg("remove {key} from styles.body (it is the grid's) or change "
                           "grid.{key}", key=key))


def _title_or_logo(at: Scope) -> None:
    if "title" not in at.keys and "logo" not in at.keys:
        assert at.node is not None
        at.c.error(at.node, msg("masthead needs a title or a logo"),
                   msg("add `title: 徐匯報` or `logo: FILE`"))


def _limits(at: Scope, node: Node, name: str) -> PreflightLimits:
    keys = at.c.mapping(node, name, PREFLIGHT.keys) or {}
    return PreflightLimits(**PREFLIGHT.read(at.c, keys, name))


def _limit_field(name: str, kind: Any) -> Field:
    """A preflight threshold: whole numbers stay whole (max_headline_lines), the rest any."""
    return Field(name, Integer(lo=0) if kind is int else Number())


_LIMIT_TYPES = typing.get_type_hints(PreflightLimits)
#: preflight.md's thresholds, in the order of PreflightLimits (its defaults apply)
PREFLIGHT = Table(PreflightLimits, tuple(_limit_field(f.name, _LIMIT_TYPES[f.name])
                                         for f in fields(PreflightLimits)))
PREFLIGHT_KEYS = PREFLIGHT.keys

# -- the tables ------------------------------------------------------------------------
#: the grid spacing (lengths may be in em of the grid size)
FRAME = Table(Template, (
    Field("columns", Integer(lo=1)),
    Field("gutter", Length(em="grid_size")),
    Field("bleed", Length(em="grid_size")),
))
STYLE = Table(Style, (
    Field("size", Length(em="grid_size", above_zero=msg("e.g. size: 9pt")), or_default=True),
    Field("leading", Length(em="size"), or_default=True,
          default=Derived(lambda v: v["size"] * LEADING_FACTOR)),
    Rule(_body_is_the_grid),
    Field("align", Choice(ALIGNS), or_default=True),
    Field("indent", EmFraction(of="size"), attr="indent_em"),
    Field("color", Colour(), or_default=True),
    Field("font", Text(), or_default=True),
))
MASTHEAD = Table(Masthead, (
    Field("rows", Integer(lo=1)),
    Field("title", Text(), or_default=True),
    Field("logo", _template_file),
    Rule(_title_or_logo),
    Field("color", Colour(), or_default=True),
    Field("qr", sequence_of(_qr_code)),
    Field("lines", sequence_of(_masthead_line)),  # (line, where) pairs
    Field("permit", Text(), or_default=True),
))
TEMPLATE_REST = Table(Template, (
    Field("masthead", _masthead_node),
    Section("header", (Field("rows", Integer(lo=0), attr="header_rows", or_default=True),),
            required=("rows",)),
    Section("print", (Field("marks", Boolean(), attr="print_marks"), Field("icc", _icc))),
    Field("preflight", _limits),
    Field("kinsoku", Choice(KINSOKU), or_default=True),
    Field("punct_style", Choice(PUNCT_STYLES), or_default=True),
    Field("region", Choice(REGIONS), or_default=True),
    Field("punct_position", Choice(PUNCT_POSITIONS), or_default=True,
          default=Derived(lambda v: default_punct_position(v["region"]))),
    Section("digital", (Field("image_ppi", Number(lo=1), attr="digital_image_ppi",
                              or_default=True),)),
    Field("name", Text(), or_default=True),  # default: the template file's name
))


def default_punct_position(region: str) -> str:
    """Taiwan and Hong Kong papers centre ，。、：；; mainland papers (and a template that
    names no region) set them in the lower left, GB style (typography.md)."""
    return "centred" if region in ("tw", "hk") else "gb"


# -- reading -----------------------------------------------------------------------------
def _style(c: Checker, role: str, node: Node | None, grid: dict[str, float]) -> Style:
    """One role's style: the template's keys over the role's defaults over Style's."""
    what = f"styles.{role}"
    keys = (c.mapping(node, what, STYLE_KEYS) if node is not None else None) or {}
    context = {"role": role, "grid_size": grid["size"], "grid_leading": grid["leading"]}
    return Style(**STYLE.read(c, keys, what, context, STYLE_DEFAULTS[role]))


def _styles(c: Checker, keys: dict[str, Node], grid: dict[str, float] | None) -> dict[str, Style]:
    """Every role of STYLE_DEFAULTS, as the template sets it (only once the grid is known)."""
    nodes = (c.mapping(keys["styles"], "styles", tuple(STYLE_DEFAULTS)) if "styles" in keys
             else None) or {}
    if grid is None:
        return {}
    return {role: _style(c, role, nodes.get(role), grid) for role in STYLE_DEFAULTS}


def _masthead(c: Checker, paths: _Paths, node: Node) -> Masthead | None:
    """`masthead:` (None: `masthead: ~`, or after findings)."""
    if is_null(node):
        return None
    keys = c.mapping(node, "masthead", MASTHEAD_KEYS, required=("rows",))
    if keys is None:
        return None
    v = MASTHEAD.read(c, keys, "masthead", {"paths": paths}, node=node)
    if v["rows"] is None:
        return None
    lines = v.pop("lines")
    text_refs = (*lines, *((v[key], ref(keys[key])) for key in ("title", "permit") if v[key]))
    return Masthead(**v, lines=tuple(s for s, _ in lines), text_refs=text_refs)


def _pair(c: Checker, node: Node | None, what: str, names: tuple[str, ...],
          em: float | None = None) -> dict[str, float] | None:
    if node is None:
        return None
    keys = c.mapping(node, what, names, required=names)
    if keys is None or any(n not in keys for n in names):
        return None
    out = {n: c.length(keys[n], f"{what}.{n}", em=em) for n in names}
    return None if any(v is None for v in out.values()) else out  # type: ignore[return-value]


def _frame(c: Checker, keys: dict[str, Node]
           ) -> tuple[dict[str, float] | None, dict[str, Any] | None]:
    """(grid, the Template's page geometry); either None after findings."""
    grid = _pair(c, keys.get("grid"), "grid", ("size", "leading"))
    em = grid["size"] if grid else None
    trim = _pair(c, keys.get("trim"), "trim", ("width", "height"), em=em)
    margins = _pair(c, keys.get("margins"), "margins", ("top", "bottom", "inside", "outside"),
                    em=em)
    spacing = FRAME.read(c, keys, "", {"grid_size": em})
    if grid is not None and (grid["size"] <= 0 or grid["leading"] <= 0):
        c.error(keys["grid"], msg("grid size and leading must be more than 0"),
                msg("e.g. grid: {{size: 9pt, leading: 14pt}}"))
        grid = None
    if grid is None or trim is None or margins is None or None in spacing.values():
        return grid, None
    return grid, {"trim_width": trim["width"], "trim_height": trim["height"],
                  "margins": Margins(**margins), "grid_size": grid["size"],
                  "grid_leading": grid["leading"], **spacing}


def build_template(c: Checker, root: Node, display: str, name: str,
                   bases: dict[str, tuple[Path, bool]]) -> Template | None:
    """A composed (and possibly merged) template node → Template, or None after findings."""
    keys = c.mapping(root, msg("template"), TEMPLATE_KEYS, required=TEMPLATE_REQUIRED)
    if keys is None:
        return None
    grid, frame = _frame(c, keys)
    styles = _styles(c, keys, grid)
    rest = TEMPLATE_REST.read(c, keys, "", {"paths": _Paths(c, bases)}, {"name": name})
    if frame is None:
        return None
    masthead = rest["masthead"]
    paper = {"paper_name": masthead.title} if masthead and masthead.title else {}
    t = Template(**frame, styles=styles, **rest, **paper, source=SourceRef(display))
    _check_grid(c, t, keys)
    return t


def _check_grid(c: Checker, t: Template, keys: dict[str, Node]) -> None:
    """The grid must hold at least one character per column and rows below the masthead/header."""
    if column_chars(t) < 1:
        c.error(keys["columns"], nmsg("{n} column of {size:g}pt characters with {gutter:g}pt "
                                      "gutters does not fit the type width",
                                      "{n} columns of {size:g}pt characters with {gutter:g}pt "
                                      "gutters do not fit the type width", t.columns,
                                      n=t.columns, size=t.grid_size, gutter=t.gutter),
                msg("use fewer columns, a smaller gutter or smaller margins"))
    rows = type_area_rows(t)
    if t.masthead is not None and t.masthead.rows >= rows:
        c.error(keys["masthead"], msg("masthead.rows {n} leaves no row of the {rows}-row type "
                                      "area", n=t.masthead.rows, rows=rows),
                msg("use fewer masthead rows"))
    if t.header_rows >= rows:
        c.error(keys.get("header", keys["grid"]), msg("header.rows {n} leaves no row of the "
                                                      "{rows}-row type area", n=t.header_rows,
                                                      rows=rows),
                msg("use fewer header rows"))


def template_path(path_or_name: str | Path, layouts_dir: Path) -> tuple[Path, str]:
    """A template name (layouts/NAME.yaml) or path → (path, display name)."""
    s = str(path_or_name)
    if isinstance(path_or_name, Path) or s.endswith((".yaml", ".yml")):
        return Path(s), s
    path = layouts_dir / f"{s}.yaml"
    return path, _from_cwd(path) or display_path(layouts_dir, f"{s}.yaml")


def _from_cwd(path: Path) -> str | None:
    """A project template as the user would type it from here (layouts/x.yaml), if under cwd."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return None


def _no_template(display: str, layouts_dir: Path) -> Finding:
    known = sorted(p.stem for p in layouts_dir.glob("*.yaml")) if layouts_dir.is_dir() else []
    return Finding("missing-file", "error",
                   msg("layout template {path} does not exist", path=display),
                   where=SourceRef(display),
                   hint=msg("known layouts: {names}", names=", ".join(known))
                   if known else msg("there is no layout in {folder}", folder=str(layouts_dir)))


def _overridden(c: Checker, root: Node, overrides_node: Node | None, overrides_base: Path | None,
                bases: dict[str, tuple[Path, bool]]) -> Node | None:
    """The template node with the issue's `layout_overrides:` merged in (None: they are not a
    mapping); `bases` learns where the overrides' paths are relative to."""
    if overrides_node is None or is_null(overrides_node):
        return root
    if not isinstance(overrides_node, yaml.MappingNode):
        c.error(overrides_node, msg("layout_overrides must be a mapping of template keys"),
                msg("e.g. layout_overrides: {{grid: {{leading: 13pt}}}}"))
        return None
    bases[overrides_node.start_mark.name] = (overrides_base or Path("."), True)
    return merge(root, overrides_node)


def read_template(path_or_name: str | Path, layouts_dir: Path,
                  overrides_node: Node | None = None,
                  overrides_base: Path | None = None,
                  in_issue: bool = False,
                  kept: KeptNodes | None = None) -> tuple[Template | None, list[Finding]]:
    """Load and check a template, merging overrides; returns every finding (never raises).

    `in_issue`: the template lives in an issue folder, so its paths must stay inside.
    """
    path, display = template_path(path_or_name, layouts_dir)
    if not is_file(path):
        return None, [_no_template(display, layouts_dir)]
    root, findings = load_yaml(path, display, kept)
    if root is None:
        if not findings:
            findings.append(Finding("manifest", "error", msg("template file is empty"),
                                    where=SourceRef(display), hint=msg("see docs/templates.md")))
        return None, findings
    c = Checker(findings)
    bases = {display: (path.parent, in_issue)}
    merged = _overridden(c, root, overrides_node, overrides_base, bases)
    if merged is None:
        return None, findings
    template = build_template(c, merged, display, path.stem, bases)
    return (template if not any(f.severity == "error" for f in findings) else None), findings


def load_template(path_or_name: str | Path, project_layouts_dir: Path,
                  overrides_node: Node | None = None,
                  overrides_base: Path | None = None) -> Template:
    """A template by name (layouts/NAME.yaml) or path; raises InputError with all problems."""
    template, findings = read_template(path_or_name, project_layouts_dir, overrides_node,
                                       overrides_base)
    if template is None or findings:
        raise InputError(findings)
    return template
