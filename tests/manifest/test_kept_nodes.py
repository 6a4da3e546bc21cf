"""YAML node trees kept in the store come back as PyYAML composed them."""

from __future__ import annotations

from pathlib import Path

import yaml

from xhprint.manifest.issue import read_issue
from xhprint.manifest.yamlsource import KeptNodes, parse_yaml
from xhprint.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _shape(node: yaml.Node) -> object:
    marks = (node.start_mark.name, node.start_mark.line, node.start_mark.column,
             node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("q", node.tag, [_shape(n) for n in node.value], node.flow_style, marks)
    assert isinstance(node, yaml.MappingNode)
    return ("m", node.tag, [(_shape(k), _shape(v)) for k, v in node.value], node.flow_style,
            marks)


def test_a_kept_tree_equals_the_composed_one(tmp_path: Path) -> None:
    text = (ROOT / "issues/2023-40/issue.yaml").read_text("utf-8")
    cold, problems = parse_yaml(text, "issue.yaml", 3)
    assert cold is not None and problems == []
    KeptNodes(Store(tmp_path)).parse(text, "issue.yaml", 3)
    warm, again = KeptNodes(Store(tmp_path)).parse(text, "issue.yaml", 3)  # a new process
    assert warm is not None and again == []
    assert _shape(warm) == _shape(cold)


def test_the_sample_issue_reads_the_same_from_kept_trees(tmp_path: Path) -> None:
    cold, cold_findings = read_issue(ROOT / "issues/2023-40", ROOT)
    read_issue(ROOT / "issues/2023-40", ROOT, KeptNodes(Store(tmp_path)))
    space = Store(tmp_path).space("nodes", 1)
    assert space.folder is not None and any(space.folder.rglob("*"))
    warm, warm_findings = read_issue(ROOT / "issues/2023-40", ROOT, KeptNodes(Store(tmp_path)))
    assert warm == cold and warm_findings == cold_findings


def test_a_document_with_findings_is_composed_each_time(tmp_path: Path) -> None:
    text = "a: 1\na: 2\n"
    first = KeptNodes(Store(tmp_path)).parse(text, "x.yaml", 0)[1]
    second = KeptNodes(Store(tmp_path)).parse(text, "x.yaml", 0)[1]
    assert [f.check for f in first] == [f.check for f in second] and first


def test_a_damaged_entry_is_composed_again(tmp_path: Path) -> None:
    text = "a: [1, 2]\nb: {c: d}\n"
    KeptNodes(Store(tmp_path)).parse(text, "x.yaml", 0)
    for entry in (tmp_path / "nodes").rglob("*"):
        if entry.is_file():
            raw = entry.read_bytes()
            entry.write_bytes(raw[:70] + b"\x00" + raw[71:])
    node, problems = KeptNodes(Store(tmp_path)).parse(text, "x.yaml", 0)
    assert node is not None and problems == []
    assert _shape(node) == _shape(parse_yaml(text, "x.yaml")[0])  # type: ignore[arg-type]


def test_a_document_with_aliases_is_not_kept(tmp_path: Path) -> None:
    for text in ("a: &x [*x]\n", "a: &x [1]\nb: *x\n"):
        node, _ = KeptNodes(Store(tmp_path)).parse(text, "x.yaml", 0)
        assert node is not None
    assert not any(p.is_file() for p in (tmp_path / "nodes").rglob("*")) \
        if (tmp_path / "nodes").exists() else True
