"""Small fixture issues, built end to end with the box test font (tests/data/fonts-box.yaml).

Each test writes an issue folder (issue.yaml, stories, photos, adverts) and runs the real
pipeline (`xhprint.build.build_issue`) on it; only the fonts differ from a user's build.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image

from xhprint.build import BuildResult, build_issue
from xhprint.model import Finding, InputError
from xhprint.session import BuildSettings

DATA = Path(__file__).resolve().parents[1] / "data"
HAN = "徐匯報第四十期上海植物園北區改建重大工程歷時三年對外試開放吸引了不少市民前來先睹為快"


def box_settings(cache: Path) -> BuildSettings:
    """The project's templates with every font role set to the box font."""
    return BuildSettings(cache_dir=cache, fonts_config=DATA / "fonts-box.yaml", fonts_dir=DATA)


def han(n: int, start: int = 0) -> str:
    """n Han characters (each one em in the box font), no punctuation, so lines are exact."""
    return "".join(HAN[(start + i) % len(HAN)] for i in range(n))


def story(headline: str = "標題", body: str | None = None, front: str = "") -> str:
    """A story file: front matter (headline + extra YAML lines) and a body."""
    text = body if body is not None else han(30) + "。"
    extra = textwrap.dedent(front).strip()
    return f"---\nheadline: {headline}\n" + (extra + "\n" if extra else "") + f"---\n{text}\n"


def page(number: int, items: str, section: str = "要聞") -> str:
    """One `pages:` entry; `items` is YAML for the item list (indented by the caller's dedent)."""
    body = textwrap.indent(textwrap.dedent(items).strip(), "      ")
    return f"  - number: {number}\n    section: {section}\n    items:\n{body}\n"


def issue_yaml(*pages: str, lang: str = "zh-Hant") -> str:
    return ("layout: broadsheet\n"
            f"lang: {lang}\n"
            "issue: {number: 40, total: 1746, date: 2023-10-02}\n"
            "pages:\n" + "".join(pages))


def png(width: int, height: int, colour: tuple[int, int, int] = (90, 140, 60)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "PNG")
    return buf.getvalue()


def write_issue(folder: Path, yaml_text: str, files: dict[str, str | bytes]) -> Path:
    """Write issue.yaml and every file (relative path → text or bytes) under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yaml").write_text(yaml_text, encoding="utf-8")
    for rel, content in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return folder


def build(folder: Path, settings: BuildSettings) -> BuildResult:
    return build_issue(folder, settings)


def loading_errors(folder: Path, settings: BuildSettings) -> tuple[Finding, ...]:
    """The findings that stop layout (exit 2); fails the test when the issue builds."""
    try:
        build_issue(folder, settings)
    except InputError as e:
        return e.findings
    raise AssertionError("the issue was laid out; expected a loading error")


def of(result: BuildResult | tuple[Finding, ...], check: str,
       severity: str | None = None) -> list[Finding]:
    findings = result if isinstance(result, tuple) else result.report.findings
    return [f for f in findings if f.check == check and severity in (None, f.severity)]
