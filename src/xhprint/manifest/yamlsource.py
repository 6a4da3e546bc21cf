"""YAML text → PyYAML node tree that still knows where every value was written.

We compose nodes instead of constructing Python data so that every value keeps
its start mark; the mark's `name` is the file as the user named it, so a node
merged from another file (issue `layout_overrides:` into a template) still points
at the right file (architecture.md practice 3, after fontTools feaLib's
`FeatureLibLocation`). Problems come back as findings, never as exceptions.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import yaml

from xhprint.i18n import msg
from xhprint.i18n.system import os_reason
from xhprint.manifest.yamlerrors import yaml_error_message
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef
from xhprint.store import Store

Node = yaml.Node


def ref(node: Node, story: str | None = None) -> SourceRef:
    """Where a node was written: file (mark name), 1-based line and column."""
    mark = node.start_mark
    return SourceRef(mark.name, mark.line + 1, mark.column + 1, story=story)


def _syntax_finding(err: yaml.YAMLError, display: str, text: str) -> Finding:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = SourceRef(display, mark.line + 1, mark.column + 1) if mark else SourceRef(display)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    message = yaml_error_message(problem, context)
    hint = msg("check indentation, colons and quotes around this position")
    if mark is not None and "mapping values are not allowed" in problem:
        quoted = _quoted_suggestion(text.splitlines()[mark.line] if mark.line < len(
            text.splitlines()) else "")
        if quoted:
            hint = msg("a value with “: ” in it must be in quotes: {quoted}", quoted=quoted)
    return Finding("manifest", "error", message, where=where, hint=hint)


def _quoted_suggestion(line: str) -> str | None:
    """`headline: 上海: 新聞` → `headline: "上海: 新聞"`: the usual cause of "mapping
    values are not allowed here" in a headline or byline is an unquoted colon."""
    key, sep, value = line.partition(": ")
    value = value.strip()
    if not sep or not value or value[0] in "\"'[{|>":
        return None
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key.strip()}: "{escaped}"'



def _reader_finding(err: yaml.reader.ReaderError, text: str, display: str) -> Finding:
    before = text[: err.position]
    line = before.count("\n") + 1
    col = err.position - (before.rfind("\n") + 1) + 1
    return Finding(
        "manifest", "error",
        msg("control character U+{code:04X} is not allowed in a YAML file",
            code=err.character),
        where=SourceRef(display, line, col),
        hint=msg("delete it (it is invisible in most editors; search for it by its code)"),
    )


NODES_VERSION = 1


class KeptNodes:
    """Composed node trees kept in the store's `nodes` space, by the text, the name it is
    shown under, its line offset and PyYAML's version: PyYAML composes in pure Python
    (~1.5 ms per story front matter), a kept tree comes back in a tenth of that. Only a
    document that composed cleanly is kept; its findings (duplicate keys) are made again."""

    def __init__(self, store: Store):
        self._space = store.space("nodes", NODES_VERSION)

    def parse(self, text: str, display: str, line_offset: int) -> tuple[Node | None,
                                                                       list[Finding]]:
        key = self._space.key(yaml.__version__, display, line_offset, text)
        data = self._space.get(key)
        if data is not None:
            try:
                node = _node_from(marshal.loads(data), display)
            except (ValueError, EOFError, TypeError, IndexError, KeyError):
                node = None  # an entry of another shape: compose again
            if node is not None:
                return node, duplicate_keys(node)
        node, findings = _compose(text, display, line_offset)
        if node is not None and not findings and _is_tree(node):
            self._space.put(key, marshal.dumps(_node_data(node)))
        return node, findings


def _is_tree(root: Node) -> bool:
    """No node reached twice: a document with aliases (shared or recursive nodes,
    `a: &x [*x]`) is composed each time rather than kept unrolled."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
    return True


def _node_data(node: Node) -> tuple[Any, ...]:
    """A node tree as marshal-able tuples (kind, tag, value, style, marks)."""
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column,
             node.end_mark.index, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("q", node.tag, tuple(_node_data(n) for n in node.value), node.flow_style, marks)
    assert isinstance(node, yaml.MappingNode)
    return ("m", node.tag, tuple((_node_data(k), _node_data(v)) for k, v in node.value),
            node.flow_style, marks)


def _node_from(data: tuple[Any, ...], name: str) -> Node:
    kind, tag, value, style, (i0, l0, c0, i1, l1, c1) = data
    start = yaml.Mark(name, i0, l0, c0, None, 0)
    end = yaml.Mark(name, i1, l1, c1, None, 0)
    if kind == "s":
        return yaml.ScalarNode(tag, value, start, end, style=style)
    if kind == "q":
        return yaml.SequenceNode(tag, [_node_from(n, name) for n in value], start, end,
                                 flow_style=style)
    return yaml.MappingNode(tag, [(_node_from(k, name), _node_from(v, name)) for k, v in value],
                       start, end, flow_style=style)


def parse_yaml(text: str, display: str, line_offset: int = 0,
               kept: KeptNodes | None = None) -> tuple[Node | None, list[Finding]]:
    """Compose one YAML document; `line_offset` lines precede `text` in its file.

    With `kept`, a document composed before comes back from the store."""
    if kept is not None:
        return kept.parse(text, display, line_offset)
    return _compose(text, display, line_offset)


def _compose(text: str, display: str, line_offset: int) -> tuple[Node | None, list[Finding]]:
    # Padding with newlines keeps marks true to the whole file (YAML front matter).
    padded = "\n" * line_offset + text
    try:
        loader = yaml.SafeLoader(padded)
    except yaml.reader.ReaderError as err:  # a control character: the reader refuses it up front
        return None, [_reader_finding(err, padded, display)]
    loader.name = display  # every mark made from here on carries the user's file name
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        return None, [_syntax_finding(err, display, padded)]
    except RecursionError:  # PyYAML composes recursively: [[[[… thousands deep
        mark = loader.get_mark()
        return None, [Finding(
            "manifest", "error", msg("YAML nesting is too deep to read"),
            where=SourceRef(display, mark.line + 1, mark.column + 1),
            hint=msg("a manifest nests a few levels at most; look for runaway [ or {{"),
        )]
    finally:
        loader.dispose()
    findings = duplicate_keys(node) if node is not None else []
    return node, findings


def read_text(path: Path, display: str) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 file (a BOM is allowed); undecodable bytes are a finding with a position."""
    try:
        data = path.read_bytes()
    except OSError as err:  # unreadable (permissions, a folder, an I/O error): say so, here
        return None, [Finding(
            "missing-file", "error", msg("cannot read the file: {reason}",
                                         reason=os_reason(err)),
            where=SourceRef(display), hint=msg("check that it is a readable file"),
        )]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1:]
        col = len(line_start.decode("utf-8", errors="replace")) + 1  # characters, not bytes
        return None, [Finding(
            "manifest", "error", msg("file is not UTF-8 (byte 0x{byte:02x})",
                                     byte=data[err.start]),
            where=SourceRef(display, line, col), hint=msg("save the file as UTF-8"),
        )]


def load_yaml(path: Path, display: str,
              kept: KeptNodes | None = None) -> tuple[Node | None, list[Finding]]:
    """Read and compose a YAML file."""
    text, findings = read_text(path, display)
    if text is None:
        return None, findings
    return parse_yaml(text, display, kept=kept)


def duplicate_keys(root: Node) -> list[Finding]:
    """Every mapping key written twice, anywhere in the tree (YAML would keep the last silently)."""
    out: list[Finding] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases can share nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[object, Node] = {}
            for key, value in node.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else id(key)
                if k in first:
                    out.append(Finding(
                        "manifest", "error", msg("duplicate key {key!r}", key=k),
                        where=ref(key),
                        hint=msg("it is already set at line {line}; keep one",
                                 line=first[k].start_mark.line + 1),
                    ))
                else:
                    first[k] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return out


def merge(base: Node, over: Node) -> Node:
    """`layout_overrides:` semantics: mappings merge key by key; lists and values replace."""
    if not (isinstance(base, yaml.MappingNode) and isinstance(over, yaml.MappingNode)):
        return over
    pairs = list(base.value)
    index = {k.value: i for i, (k, _) in enumerate(pairs) if isinstance(k, yaml.ScalarNode)}
    for key, value in over.value:
        i = index.get(key.value) if isinstance(key, yaml.ScalarNode) else None
        if i is None:
            pairs.append((key, value))
        else:
            pairs[i] = (key, merge(pairs[i][1], value))
    return yaml.MappingNode(base.tag, pairs, base.start_mark, base.end_mark, base.flow_style)
