"""The TSV corpus of permitted break points (▁) against the segmenter (clreq §3.1.7, §3.2)."""

from pathlib import Path

from xhprint.text.segment import break_opportunities

CORPUS = Path(__file__).parent.parent / "data" / "linebreak_zh.tsv"
TOKENS = {"<ZWSP>": "\u200b", "<NBSP>": "\u00a0", "<IDSP>": "\u3000"}
MARK = "▁"


def _rows() -> list[tuple[int, str, str, str]]:
    rows = []
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, level, marked = line.split("\t")
        for tok, ch in TOKENS.items():
            marked = marked.replace(tok, ch)
        rows.append((n, lang, level, marked))
    return rows


def _parse(marked: str) -> tuple[str, set[int]]:
    text, breaks = [], set()
    for c in marked:
        if c == MARK:
            breaks.add(len(text))
        else:
            text.append(c)
    return "".join(text), breaks


def _show(text: str, breaks: set[int]) -> str:
    return "".join((MARK if i in breaks else "") + c for i, c in enumerate(text))


def test_corpus_is_large_and_covers_every_level():
    rows = _rows()
    assert len(rows) >= 60
    assert {r[2] for r in rows} == {"none", "basic", "gb", "strict"}
    assert {r[1] for r in rows} == {"zh-Hans", "zh-Hant"}


def test_every_break_matches_the_corpus():
    mismatches = []
    for n, lang, level, marked in _rows():
        text, want = _parse(marked)
        got = set(break_opportunities(text, level))
        if got != want:
            mismatches.append(
                f"line {n} [{lang} {level}]\n  want {_show(text, want)}\n  got  {_show(text, got)}"
            )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)
