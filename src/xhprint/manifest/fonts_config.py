"""fonts/fonts.yaml → `FontConfig` (docs/fonts.md describes the format).

Reads the YAML node tree (not plain data) so every error can name its file, line and
column; all errors of the file are collected and raised together in one `InputError`
(architecture.md practice 3).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from xhprint.i18n import Message, msg
from xhprint.i18n.system import os_reason
from xhprint.manifest.yamlerrors import yaml_error_message
from xhprint.model.findings import Finding, InputError
from xhprint.model.fonts import REQUIRED_ROLES, FaceName, FontConfig, RoleFonts
from xhprint.model.source import SourceRef

LANGS = ("zh-Hant", "zh-Hans")
ROLE_KEYS = ("fonts", "bold")
FACE_KEYS = ("family", "style")
PRIVATE_USE_KEY = "private_use"  # beside the roles of a language (not a role name: "_")
_ROLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class _Collector:
    """Accumulates findings for one file."""

    def __init__(self, file: str):
        self.file = file
        self.findings: list[Finding] = []

    def ref(self, node: yaml.Node) -> SourceRef:
        mark = node.start_mark
        return SourceRef(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, message: Message, hint: Message | None = None) -> None:
        self.findings.append(Finding("manifest", "error", message, where=self.ref(node), hint=hint))

    def unknown_key(self, key: yaml.Node, known: tuple[str, ...], what: str) -> None:
        close = difflib.get_close_matches(str(key.value), known, n=1, cutoff=0.5)
        hint = (msg("did you mean {near!r}?", near=close[0]) if close
                else msg("known keys: {keys}", keys=", ".join(known)))
        self.error(key, msg("unknown key {key!r} in {what}", key=key.value, what=what), hint)


def _scalar(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value.strip():
        return node.value.strip()
    return None


def _face(c: _Collector, node: yaml.Node) -> FaceName | None:
    """A face is `Family` (style Regular) or `{family: Family, style: Bold}`."""
    if isinstance(node, yaml.ScalarNode):
        family = _scalar(node)
        if family is None:
            c.error(node, msg("a font must be a family name"))
            return None
        return FaceName(family, "Regular", c.ref(node))
    if isinstance(node, yaml.MappingNode):
        values: dict[str, str] = {}
        for key, value in node.value:
            if key.value not in FACE_KEYS:
                c.unknown_key(key, FACE_KEYS, msg("a font"))
                continue
            text = _scalar(value)
            if text is None:
                c.error(value, msg("{key} must be a non-empty name", key=key.value))
                continue
            values[key.value] = text
        if "family" not in values:
            c.error(node, msg("a font needs family:"),
                    msg("e.g. {{family: Noto Serif CJK TC, style: Bold}}"))
            return None
        return FaceName(values["family"], values.get("style", "Regular"), c.ref(node))
    c.error(node, msg("a font must be a family name or {{family: …, style: …}}"))
    return None


def _role(c: _Collector, name_node: yaml.Node, node: yaml.Node) -> RoleFonts | None:
    name = str(name_node.value)
    if not _ROLE_NAME.match(name):
        c.error(name_node, msg("bad role name {name!r}", name=name),
                msg("roles are lower-case words like song-bold"))
        return None
    if not isinstance(node, yaml.MappingNode):
        c.error(node, msg("role {name} must be a mapping with fonts: (and bold:)", name=name))
        return None
    faces: list[FaceName] = []
    bold: str | None = None
    for key, value in node.value:
        if key.value == "fonts":
            faces.extend(_faces(c, name, value))
        elif key.value == "bold":
            bold = _bold_name(c, name, value)
        else:
            c.unknown_key(key, ROLE_KEYS, msg("role {name}", name=name))
    if not any(key.value == "fonts" for key, _ in node.value):
        c.error(name_node, msg("role {name} has no fonts: list", name=name))
    if not faces:
        return None
    return RoleFonts(name, tuple(faces), bold or "", c.ref(name_node))


def _faces(c: _Collector, role: str, node: yaml.Node) -> list[FaceName]:
    """A role's `fonts:` list, in fallback order."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        c.error(node, msg("fonts of role {name} must be a non-empty list", name=role))
        return []
    return [f for f in (_face(c, item) for item in node.value) if f is not None]


def _bold_name(c: _Collector, role: str, node: yaml.Node) -> str | None:
    bold = _scalar(node)
    if bold is None:
        c.error(node, msg("bold of role {name} must name a role", name=role))
    return bold


def _private_use(c: _Collector, node: yaml.Node, private: list[FaceName]) -> None:
    """`private_use: [Family, …]`: the faces private-use code points print from."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        c.error(node, msg("private_use must be a non-empty list of fonts"),
                msg("e.g. private_use: [XH Zaozi] (the newsroom's own font for made-up "
                    "characters)"))
        return
    private.extend(f for f in (_face(c, item) for item in node.value) if f is not None)


def _lang(c: _Collector, lang_node: yaml.Node, node: yaml.Node,
          private: list[FaceName]) -> dict[str, RoleFonts]:
    if not isinstance(node, yaml.MappingNode):
        c.error(node, msg("{lang} must map role names to fonts", lang=lang_node.value))
        return {}
    roles, names = _roles(c, node, private)
    for required in REQUIRED_ROLES:
        if required not in names:
            c.error(lang_node, msg("{lang} lacks the required role {name}", lang=lang_node.value,
                                   name=required))
    for name, role in list(roles.items()):
        bold = _bold_partner(c, name, role.bold, names)
        if bold is not None:
            roles[name] = RoleFonts(role.name, role.faces, bold, role.ref)
    return roles


def _roles(c: _Collector, node: yaml.MappingNode, private: list[FaceName]
           ) -> tuple[dict[str, RoleFonts], dict[str, yaml.Node]]:
    """The roles of one language (and where each name is written); `private` gets the
    private-use faces."""
    roles: dict[str, RoleFonts] = {}
    names: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if key.value == PRIVATE_USE_KEY:
            _private_use(c, value, private)
        elif key.value in names:
            c.error(key, msg("role {name} defined twice", name=key.value))
        else:
            names[key.value] = key
            role = _role(c, key, value)
            if role is not None:
                roles[role.name] = role
    return roles, names


def _bold_partner(c: _Collector, name: str, bold: str, names: dict[str, yaml.Node]
                  ) -> str | None:
    """The role **bold** text of `name` uses (manifest.md §5): explicit, else ROLE-bold, else
    a -bold role is its own; None after a finding."""
    if bold and bold in names:
        return bold
    if bold:
        close = difflib.get_close_matches(bold, list(names), n=1)
        c.error(names[name], msg("bold partner {bold!r} of role {name} is not a role",
                                 bold=bold, name=name),
                msg("did you mean {near!r}?", near=close[0]) if close else None)
        return None
    if f"{name}-bold" in names:
        return f"{name}-bold"
    if name.endswith("-bold"):
        return name
    c.error(names[name], msg("role {name} needs bold: (the role used for **bold**)", name=name),
            msg("e.g. bold: hei-bold"))
    return None


def parse_font_config(text: str, file: str) -> FontConfig:
    """Parse fonts.yaml text; `file` is how errors name it. Raises InputError."""
    c = _Collector(file)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = SourceRef(file, mark.line + 1, mark.column + 1) if mark else SourceRef(file)
        raise InputError([Finding("manifest", "error",
                                  yaml_error_message(getattr(exc, "problem", None),
                                                     getattr(exc, "context", None)),
                                  where=where)]) from None
    langs: dict[str, dict[str, RoleFonts]] = {}
    private: dict[str, tuple[FaceName, ...]] = {}
    if not isinstance(root, yaml.MappingNode):
        raise InputError([Finding("manifest", "error",
                                  msg("fonts.yaml must map languages to roles"),
                                  where=SourceRef(file, 1, 1))])
    for key, value in root.value:
        if key.value not in LANGS:
            c.unknown_key(key, LANGS, "fonts.yaml")
            continue
        faces: list[FaceName] = []
        langs[key.value] = _lang(c, key, value, faces)
        if faces:
            private[key.value] = tuple(faces)
    if not langs and not c.findings:
        c.error(root, msg("fonts.yaml defines no language"), msg("add zh-Hant: and zh-Hans:"))
    if c.findings:
        raise InputError(c.findings)
    return FontConfig(langs, SourceRef(file), private)


def load_font_config(path: Path, display: str | None = None) -> FontConfig:
    """Read and parse a fonts.yaml file; `display` is the name errors use (default: path)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError([Finding("missing-file", "error",
                                  msg("cannot read fonts config: {reason}", reason=os_reason(exc)),
                                  where=SourceRef(name))]) from None
    return parse_font_config(text, name)
