"""Reading a generated website back: links, hot zones and article text, from the HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"img", "meta", "link", "br", "hr", "input", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, pred) -> list[Node]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    out.append(c)
                out += c.find_all(pred)
        return out

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        raise AssertionError(f"</{tag}> closes nothing open")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    tree = _Tree()
    tree.feed(path.read_text("utf-8"))
    tree.close()
    assert len(tree.stack) == 1, f"{path}: unclosed <{tree.stack[-1].tag}>"
    return tree.root


def by_class(root: Node, cls: str) -> list[Node]:
    return root.find_all(lambda n: cls in n.classes())


def refs(root: Node) -> list[str]:
    """Every href and src of the page (links, images, stylesheets)."""
    out = []
    for n in root.find_all(lambda n: "href" in n.attrs or "src" in n.attrs):
        out += [n.attrs[k] for k in ("href", "src") if k in n.attrs]
    return out


def resolve(page: Path, ref: str) -> Path | None:
    """The file a relative reference points at; None for an in-page #fragment."""
    parts = urlsplit(ref)
    assert not parts.scheme and not parts.netloc, f"{page}: {ref!r} leaves the site"
    if not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def check_links(site: Path, start: str = "index.html") -> tuple[set[Path], list[str]]:
    """Walk every page from `start`; (files reached, broken references)."""
    reached: set[Path] = set()
    broken: list[str] = []
    todo = [(site / start).resolve()]
    while todo:
        page = todo.pop()
        if page in reached:
            continue
        reached.add(page)
        if page.suffix != ".html":
            continue
        root = parse(page)
        for ref in refs(root):
            frag = urlsplit(ref).fragment
            target = resolve(page, ref)
            if target is None:
                ids = {n.attrs.get("id") for n in root.find_all(lambda n: "id" in n.attrs)}
                if frag not in ids:
                    broken.append(f"{page.relative_to(site)}: #{frag} is not on the page")
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif site.resolve() not in target.parents and target != site.resolve():
                broken.append(f"{page.relative_to(site)}: {ref} is outside the site")
            else:
                todo.append(target)
    return reached, broken


@dataclass(frozen=True)
class ZoneBox:
    href: str
    left: float
    top: float
    width: float
    height: float


_PCT = re.compile(r"(left|top|width|height):([0-9.]+)%")


def zones(root: Node) -> list[ZoneBox]:
    out = []
    for n in by_class(root, "zone"):
        v = dict((k, float(x)) for k, x in _PCT.findall(n.attrs["style"]))
        out.append(ZoneBox(n.attrs["href"], v["left"], v["top"], v["width"], v["height"]))
    return out


def article_body(root: Node) -> list[tuple[str, str]]:
    """(kind, text) of each paragraph and in-body subhead of an article page."""
    (body,) = by_class(root, "body")
    return [("subhead" if n.tag == "h2" else "p", n.text())
            for n in body.children if isinstance(n, Node)]


def source_paragraphs(md: Path) -> list[tuple[str, str]]:
    """A story file's body read independently of xhprint: blank lines separate paragraphs,
    `## ` starts a subhead, paired `**` mark bold."""
    text = md.read_text("utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        line = "".join(s.strip() for s in block.splitlines())
        kind = "subhead" if line.startswith("## ") else "p"
        line = line[3:].strip() if kind == "subhead" else line
        if line.count("**") % 2 == 0:
            line = line.replace("**", "")
        out.append((kind, line))
    return out
