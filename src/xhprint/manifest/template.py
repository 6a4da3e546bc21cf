"""layouts/NAME.yaml (+ an issue's `layout_overrides:`) → `Template` (manifest.md §4).

Every key of the spec is read here with its default; lengths become pt, CMYK
percentages 0..1 fractions, paths absolute (resolved against the file that wrote
them). All problems are findings; `load_template` raises them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from xhprint.i18n import msg, nmsg
from xhprint.manifest.check import Checker, is_null
from xhprint.manifest.geometry import column_chars, type_area_rows
from xhprint.manifest.paths import display_path, inside_problem, is_file, missing_hint
from xhprint.manifest.yamlsource import Node, load_yaml, merge, ref
from xhprint.model.findings import Finding, InputError
from xhprint.model.source import SourceRef
from xhprint.model.template import (
    BLACK,
    CMYK,
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
PREFLIGHT_INT = ("max_headline_lines", "underset_rows")
PREFLIGHT_KEYS = tuple(PreflightLimits.__dataclass_fields__)
DEFAULT_BLEED_MM = 3.0
LEADING_FACTOR = 1.25  # a style without `leading` gets 1.25 × its size


@dataclass(frozen=True)
class _StyleDefault:
    font: str
    size: float | None  # None: the grid size
    leading: float | None = None  # None: size × LEADING_FACTOR (body, inline_subhead: grid)
    align: str = "justify"
    indent_em: float = 0.0


# manifest.md §4 `styles:` — the defaults when a template leaves a role or key out.
STYLE_DEFAULTS: dict[str, _StyleDefault] = {
    "kicker": _StyleDefault("hei", 12),
    "headline": _StyleDefault("hei-bold", 26, 32, "center"),
    "subhead": _StyleDefault("kai", 12),
    "byline": _StyleDefault("kai", 9),
    "body": _StyleDefault("song", None, None, "justify", 2.0),
    "inline_subhead": _StyleDefault("hei-bold", 9),
    "caption": _StyleDefault("kai", 8, 11),
    "credit": _StyleDefault("kai", 8),
    "label": _StyleDefault("hei-bold", 10),
    "jump": _StyleDefault("kai", 8),
    "jump_head": _StyleDefault("hei-bold", 14),
}
_GRID_LEADING_ROLES = ("body", "inline_subhead")  # set on body rows


class _Paths:
    """Resolves a path node against the folder of the file that wrote it."""

    def __init__(self, c: Checker, bases: dict[str, tuple[Path, bool]]):
        self.c = c
        self.bases = bases  # display name → (base folder, must stay inside it)

    def file(self, node: Node, what: str) -> Path | None:
        rel = self.c.text(node, what)
        if not rel:
            if rel == "":
                self.c.error(node, msg("{key} is empty", key=what), msg("give a file path"))
            return None
        base, inside_only = self.bases.get(node.start_mark.name, (Path("."), True))
        if inside_only:
            problem = inside_problem(base, rel)
            if problem:
                self.c.error(node, msg("{what}: {problem}", what=what, problem=problem),
                             missing_hint(base, rel, msg("use a path inside the issue folder")),
                             check="missing-file")
                return None
            return (base / rel).resolve()
        path = Path(rel) if Path(rel).is_absolute() else base / rel
        if not is_file(path):
            self.c.error(node, msg("{what}: {path!r} does not exist (looked for {looked})",
                                   what=what, path=rel, looked=str(path)),
                         missing_hint(base, rel, msg("paths in a template are relative to the "
                                                     "template file")),
                         check="missing-file")
            return None
        return path.resolve()


def _style(c: Checker, role: str, node: Node | None, grid: tuple[float, float]) -> Style:
    d = STYLE_DEFAULTS[role]
    keys = c.mapping(node, f"styles.{role}", STYLE_KEYS) if node is not None else {}
    keys = keys or {}
    grid_size, grid_leading = grid
    size = d.size if d.size is not None else grid_size
    if "size" in keys:
        got = c.length(keys["size"], f"styles.{role}.size", em=grid_size)
        if got == 0:
            c.error(keys["size"], msg("{key} must be more than 0", key="styles." + role + ".size"),
                    msg("e.g. size: 9pt"))
        size = got or size
    if role in _GRID_LEADING_ROLES and d.leading is None:
        leading = grid_leading
    else:
        leading = d.leading if d.leading is not None else size * LEADING_FACTOR
    if "leading" in keys:
        leading = c.length(keys["leading"], f"styles.{role}.leading", em=size) or leading
    if role == "body":
        # The body is the grid (manifest.md §2): a separate body size would break row alignment.
        for key, value, want in (("size", size, grid_size), ("leading", leading, grid_leading)):
            if key in keys and abs(value - want) > 1e-6:
                c.error(keys[key], msg("styles.body.{key} is {value:g}pt but grid.{key} is "
                                       "{want:g}pt", key=key, value=value, want=want),
                        msg("remove {key} from styles.body (it is the grid's) or change "
                            "grid.{key}", key=key))
    align = d.align
    if "align" in keys:
        align = c.enum(keys["align"], f"styles.{role}.align", ALIGNS) or align
    indent_em = d.indent_em
    if "indent" in keys:
        pt = c.length(keys["indent"], f"styles.{role}.indent", em=size)
        indent_em = pt / size if pt is not None and size else indent_em
    color: CMYK = BLACK
    if "color" in keys:
        color = c.cmyk(keys["color"], f"styles.{role}.color") or BLACK
    font = d.font
    if "font" in keys:
        font = c.text(keys["font"], f"styles.{role}.font") or font
    return Style(font, size, leading, align, indent_em, color)


def _masthead(c: Checker, paths: _Paths, node: Node) -> Masthead | None:
    if is_null(node):
        return None
    keys = c.mapping(node, "masthead", MASTHEAD_KEYS, required=("rows",))
    if keys is None:
        return None
    rows = c.integer(keys["rows"], "masthead.rows", lo=1) if "rows" in keys else None
    title = c.text(keys["title"], "masthead.title") if "title" in keys else None
    logo = paths.file(keys["logo"], "masthead.logo") if "logo" in keys else None
    if "title" not in keys and "logo" not in keys:
        c.error(node, msg("masthead needs a title or a logo"),
                msg("add `title: 徐匯報` or `logo: FILE`"))
    color = c.cmyk(keys["color"], "masthead.color") if "color" in keys else None
    qrs: list[QRCode] = []
    for i, q in enumerate(c.sequence(keys["qr"], "masthead.qr") or [] if "qr" in keys else [], 1):
        qk = c.mapping(q, msg("masthead.qr entry {i}", i=i), ("label", "url"),
                       required=("label", "url"))
        if qk and "label" in qk and "url" in qk:
            label, url = c.text(qk["label"], "qr label"), c.text(qk["url"], "qr url")
            if url == "":
                c.error(qk["url"], msg("{key} is empty", key="qr url"),
                        msg("give the address the code should open"))
            elif label is not None and url is not None:
                qrs.append(QRCode(label, url, ref=ref(qk["label"])))
    lines: list[str] = []
    text_refs: list[tuple[str, SourceRef]] = []
    for n in c.sequence(keys["lines"], "masthead.lines") or [] if "lines" in keys else []:
        s = c.text(n, msg("masthead.lines entry"))
        if s is not None:
            lines.append(s)
            text_refs.append((s, ref(n)))
    permit = c.text(keys["permit"], "masthead.permit") if "permit" in keys else None
    for key, value in (("title", title), ("permit", permit)):
        if value:
            text_refs.append((value, ref(keys[key])))
    if rows is None:
        return None
    return Masthead(rows, title or None, logo, color or BLACK, tuple(qrs), tuple(lines),
                    permit or None, text_refs=tuple(text_refs))


def _preflight(c: Checker, node: Node) -> PreflightLimits:
    keys = c.mapping(node, "preflight", PREFLIGHT_KEYS) or {}
    values: dict[str, float | int] = {}
    for key, value in keys.items():
        got = (c.integer(value, f"preflight.{key}", lo=0) if key in PREFLIGHT_INT
               else c.number(value, f"preflight.{key}"))
        if got is not None:
            values[key] = got
    return PreflightLimits(**values)  # type: ignore[arg-type]


def _pair(c: Checker, node: Node | None, what: str, names: tuple[str, ...],
          em: float | None = None) -> dict[str, float] | None:
    if node is None:
        return None
    keys = c.mapping(node, what, names, required=names)
    if keys is None or any(n not in keys for n in names):
        return None
    out = {n: c.length(keys[n], f"{what}.{n}", em=em) for n in names}
    return None if any(v is None for v in out.values()) else out  # type: ignore[return-value]


def build_template(c: Checker, root: Node, display: str, name: str,
                   bases: dict[str, tuple[Path, bool]]) -> Template | None:
    """A composed (and possibly merged) template node → Template, or None after findings."""
    keys = c.mapping(root, msg("template"), TEMPLATE_KEYS, required=TEMPLATE_REQUIRED)
    if keys is None:
        return None
    paths = _Paths(c, bases)
    grid = _pair(c, keys.get("grid"), "grid", ("size", "leading"))
    grid_size = grid["size"] if grid else None
    trim = _pair(c, keys.get("trim"), "trim", ("width", "height"), em=grid_size)
    margins = _pair(c, keys.get("margins"), "margins", ("top", "bottom", "inside", "outside"),
                    em=grid_size)
    columns = c.integer(keys["columns"], "columns", lo=1) if "columns" in keys else None
    gutter = c.length(keys["gutter"], "gutter", em=grid_size) if "gutter" in keys else None
    bleed = (c.length(keys["bleed"], "bleed", em=grid_size) if "bleed" in keys
             else DEFAULT_BLEED_MM * 72 / 25.4)
    if grid is not None and (grid["size"] <= 0 or grid["leading"] <= 0):
        c.error(keys["grid"], msg("grid size and leading must be more than 0"),
                msg("e.g. grid: {{size: 9pt, leading: 14pt}}"))
        grid = None
    styles: dict[str, Style] = {}
    style_nodes = c.mapping(keys["styles"], "styles", tuple(STYLE_DEFAULTS)) if "styles" in keys else {}
    if grid is not None:
        for role in STYLE_DEFAULTS:
            styles[role] = _style(c, role, (style_nodes or {}).get(role), (grid["size"], grid["leading"]))
    masthead = _masthead(c, paths, keys["masthead"]) if "masthead" in keys else None
    header_rows = 3
    if "header" in keys:
        hk = c.mapping(keys["header"], "header", ("rows",), required=("rows",)) or {}
        if "rows" in hk:
            header_rows = c.integer(hk["rows"], "header.rows", lo=0) or header_rows
    marks, icc = True, None
    if "print" in keys:
        pk = c.mapping(keys["print"], "print", ("marks", "icc")) or {}
        if "marks" in pk:
            got = c.boolean(pk["marks"], "print.marks")
            marks = marks if got is None else got
        if "icc" in pk and c.text(pk["icc"], "print.icc") != "default":
            icc = paths.file(pk["icc"], "print.icc")
    limits = _preflight(c, keys["preflight"]) if "preflight" in keys else PreflightLimits()
    kinsoku = c.enum(keys["kinsoku"], "kinsoku", KINSOKU) if "kinsoku" in keys else "basic"
    punct = (c.enum(keys["punct_style"], "punct_style", PUNCT_STYLES)
             if "punct_style" in keys else "quanjiao")
    region = c.enum(keys["region"], "region", REGIONS) if "region" in keys else ""
    position = (c.enum(keys["punct_position"], "punct_position", PUNCT_POSITIONS)
                if "punct_position" in keys else default_punct_position(region or ""))
    ppi = 150.0
    if "digital" in keys:
        dk = c.mapping(keys["digital"], "digital", ("image_ppi",)) or {}
        if "image_ppi" in dk:
            ppi = c.number(dk["image_ppi"], "digital.image_ppi", lo=1) or ppi
    if "name" in keys:
        name = c.text(keys["name"], "name") or name
    if None in (grid, trim, margins, columns, gutter, bleed):
        return None
    assert grid and trim and margins and columns and gutter is not None and bleed is not None
    t = Template(
        name=name, trim_width=trim["width"], trim_height=trim["height"], bleed=bleed,
        margins=Margins(**margins), columns=columns, gutter=gutter, grid_size=grid["size"],
        grid_leading=grid["leading"], styles=styles, masthead=masthead, header_rows=header_rows,
        print_marks=marks, icc=icc, preflight=limits, kinsoku=kinsoku or "basic",
        punct_style=punct or "quanjiao", region=region or "",
        punct_position=position or default_punct_position(region or ""), digital_image_ppi=ppi,
        paper_name=(masthead.title if masthead and masthead.title else "徐匯報"),
        source=SourceRef(display),
    )
    _check_grid(c, t, keys)
    return t


def default_punct_position(region: str) -> str:
    """Taiwan and Hong Kong papers centre ，。、：；; mainland papers (and a template that
    names no region) set them in the lower left, GB style (typography.md)."""
    return "centred" if region in ("tw", "hk") else "gb"


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


def read_template(path_or_name: str | Path, layouts_dir: Path,
                  overrides_node: Node | None = None,
                  overrides_base: Path | None = None,
                  in_issue: bool = False) -> tuple[Template | None, list[Finding]]:
    """Load and check a template, merging overrides; returns every finding (never raises).

    `in_issue`: the template lives in an issue folder, so its paths must stay inside.
    """
    path, display = template_path(path_or_name, layouts_dir)
    if not is_file(path):
        known = sorted(p.stem for p in layouts_dir.glob("*.yaml")) if layouts_dir.is_dir() else []
        return None, [Finding("missing-file", "error",
                              msg("layout template {path} does not exist", path=display),
                              where=SourceRef(display),
                              hint=msg("known layouts: {names}", names=", ".join(known))
                              if known else msg("there is no layout in {folder}",
                                                folder=str(layouts_dir)))]
    root, findings = load_yaml(path, display)
    if root is None:
        if not findings:
            findings.append(Finding("manifest", "error", msg("template file is empty"),
                                    where=SourceRef(display), hint=msg("see docs/templates.md")))
        return None, findings
    c = Checker(findings)
    bases = {display: (path.parent, in_issue)}
    if overrides_node is not None and not is_null(overrides_node):
        if not isinstance(overrides_node, yaml.MappingNode):
            c.error(overrides_node, msg("layout_overrides must be a mapping of template keys"),
                    msg("e.g. layout_overrides: {{grid: {{leading: 13pt}}}}"))
            return None, findings
        bases[overrides_node.start_mark.name] = (overrides_base or Path("."), True)
        root = merge(root, overrides_node)
    template = build_template(c, root, display, path.stem, bases)
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

