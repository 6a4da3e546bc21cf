"""script-mix: simplified-only characters in zh-Hant text, traditional-only in zh-Hans.

Takes the texts set on a page (with where they came from) and the issue's
language; returns one warning per offending occurrence. The character tables
are OpenCC's (STCharacters.txt, TSCharacters.txt, shipped by
opencc-python-reimplemented). A character is simplified-only when the S→T table
maps it only to other characters (讲 → 講); 准, 杰, 干, 台, 里 also map to
themselves (准 → 準 准), so they are valid traditional text and not flagged.
Traditional-only is the same with the T→S table.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from xhprint.i18n import msg
from xhprint.model.findings import Finding
from xhprint.model.source import SourceRef

_HANT = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
_HANS = ("zh-hans", "zh-cn", "zh-sg", "zh-my")


@dataclass(frozen=True)
class ScriptTables:
    """Characters that exist in only one script, each with its counterparts."""

    simplified_only: Mapping[str, tuple[str, ...]]
    traditional_only: Mapping[str, tuple[str, ...]]


def _read_table(name: str) -> dict[str, tuple[str, ...]]:
    path = resources.files("opencc").joinpath("dictionary", name)
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values:
            table[key] = tuple(values.split())
    return table


def _only_others(table: dict[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: v for k, v in table.items() if k not in v})


@functools.lru_cache(maxsize=1)
def _variant_forms(*names: str) -> frozenset[str]:
    """Characters that OpenCC's regional tables give as the standard form in Taiwan or
    Hong Kong (羣→群, 祕→秘): traditional text written there uses them, so they are
    never "simplified-only" in a zh-Hant issue."""
    forms: set[str] = set()
    for name in names:
        for targets in _read_table(name).values():
            forms.update(targets)
    return frozenset(forms)


def load_script_tables() -> ScriptTables:
    """Read OpenCC's character tables (pure: same files, same result; cached)."""
    regional = _variant_forms("TWVariants.txt", "HKVariants.txt")
    simplified = _only_others(_read_table("STCharacters.txt"))
    return ScriptTables(
        simplified_only=MappingProxyType(
            {k: v for k, v in simplified.items() if k not in regional}),
        traditional_only=_only_others(_read_table("TSCharacters.txt")),
    )


def script_of(lang: str) -> str | None:
    """'Hant', 'Hans' or None (not a Chinese language tag we can judge)."""
    tag = lang.strip().lower().replace("_", "-")
    if tag.startswith(_HANT):
        return "Hant"
    if tag.startswith(_HANS):
        return "Hans"
    return None


def _locate(where: SourceRef | None, text: str, index: int) -> SourceRef | None:
    """file:line:col of text[index], given where the text starts (col 0 = unknown)."""
    if where is None:
        return None
    before = text[:index]
    nl = before.count("\n")
    if nl:
        line = where.line + nl if where.line else 0
        return SourceRef(where.file, line, index - before.rfind("\n"), where.story)
    col = where.col + index if where.col else 0
    return SourceRef(where.file, where.line, col, where.story)


def script_mix(
    texts: Iterable[tuple[str, SourceRef | None, int | None, str | None]],
    lang: str,
    tables: ScriptTables | None = None,
) -> list[Finding]:
    """One `script-mix` warning per character of the wrong script; texts are (text, where, page, item)."""
    script = script_of(lang)
    if script is None:
        return []
    tables = tables or load_script_tables()
    wrong = tables.simplified_only if script == "Hant" else tables.traditional_only

    found: list[Finding] = []
    for text, where, page, item in texts:
        for i, ch in enumerate(text):
            counterparts = wrong.get(ch)
            if counterparts is None:
                continue
            alt = "/".join(counterparts)
            found.append(
                Finding(
                    "script-mix",
                    "warning",
                    msg("simplified-only character {char} (U+{code:04X}) in {lang} text; "
                        "traditional: {alt}", char=ch, code=ord(ch), lang=lang,
                        alt=alt) if script == "Hant" else
                    msg("traditional-only character {char} (U+{code:04X}) in {lang} text; "
                        "simplified: {alt}", char=ch, code=ord(ch), lang=lang,
                        alt=alt),
                    where=_locate(where, text, i),
                    page=page,
                    item=item,
                    hint=msg("replace {char} with {other}", char=ch, other=counterparts[0]),
                )
            )
    return found
