"""One-way imports between stages (architecture.md practice 1), checked on the source.

manifest → model → layout → render; text and fonts beside them. Only manifest/ reads
YAML; layout/ and text/ never touch ReportLab; model/ depends on nothing of ours but
itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "xhprint"


def imports_of(package: str) -> dict[str, set[str]]:
    """Module path → every module it imports (top-level and inside functions)."""
    out: dict[str, set[str]] = {}
    for path in sorted((SRC / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        out[str(path.relative_to(SRC))] = names
    return out


def offenders(package: str, banned: tuple[str, ...]) -> list[str]:
    return [f"{mod} imports {name}" for mod, names in imports_of(package).items()
            for name in sorted(names) if name.startswith(banned)]


@pytest.mark.parametrize("package", ["layout", "text", "model", "fonts", "images", "render",
                                     "preflight"])
def test_only_manifest_reads_yaml(package) -> None:
    assert offenders(package, ("yaml",)) == []


@pytest.mark.parametrize("package", ["layout", "text", "model", "manifest"])
def test_layout_and_text_never_draw(package) -> None:
    assert offenders(package, ("reportlab",)) == []


def test_model_depends_on_nothing_of_ours() -> None:
    """…but the message type (xhprint.i18n: a finding's text is a translatable Message)."""
    bad = [f"{mod} imports {name}" for mod, names in imports_of("model").items()
           for name in names if name.startswith("xhprint.")
           and not name.startswith(("xhprint.model", "xhprint.i18n"))]
    assert bad == []


def test_i18n_is_a_leaf() -> None:
    """Every stage makes messages, so i18n may import nothing of ours but the store (and
    its atomic writer)."""
    bad = [f"{mod} imports {name}" for mod, names in imports_of("i18n").items()
           for name in names if name.startswith("xhprint.")
           and name not in ("xhprint.atomicfile", "xhprint.i18n", "xhprint.store")]
    assert bad == []


def test_render_makes_no_layout_decisions() -> None:
    assert offenders("render", ("xhprint.layout", "xhprint.text.compose", "xhprint.manifest")) == []


def test_layout_does_not_reach_into_render_or_preflight() -> None:
    assert offenders("layout", ("xhprint.render", "xhprint.preflight", "xhprint.manifest")) == []


def test_the_website_works_from_the_model_and_laid_out_pages() -> None:
    """site/ reads no YAML or source files itself and never lays anything out."""
    assert offenders("site", ("yaml", "xhprint.manifest", "xhprint.layout.issue",
                              "xhprint.layout.story", "xhprint.text")) == []


def test_store_is_a_leaf() -> None:
    """Every cache is a space of the store: it imports nothing of ours but the atomic writer."""
    import ast

    src = (Path(__file__).resolve().parents[1] / "src" / "xhprint" / "store.py").read_text()
    names = {n.module for n in ast.walk(ast.parse(src)) if isinstance(n, ast.ImportFrom)}
    assert {n for n in names if n and n.startswith("xhprint")} == {"xhprint.atomicfile"}
