"""Issue 16's limits on the code, kept: no function rated E or F by radon's cyclomatic
complexity, and at most 20 rated C or worse in all of src/."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

SRC = Path(__file__).resolve().parents[1] / "src" / "xhprint"
MAX_C_OR_WORSE = 20


def ranked() -> list[tuple[str, str, int]]:
    """(where, rank, complexity) of every function and method in src/."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        for block in cc_visit(path.read_text("utf-8")):
            blocks = [block, *getattr(block, "methods", ())]
            for b in blocks:
                if b.__class__.__name__ == "Class":
                    continue
                out.append((f"{path.relative_to(SRC)}:{b.lineno} {b.name}", cc_rank(b.complexity),
                            b.complexity))
    return out


def test_the_functions_are_read() -> None:
    assert len(ranked()) > 500


def test_no_function_rated_e_or_f() -> None:
    worst = [r for r in ranked() if r[1] in "EF"]
    assert worst == []


def test_at_most_twenty_rated_c_or_worse() -> None:
    complex_ = [r for r in ranked() if r[1] in "CDEF"]
    assert len(complex_) <= MAX_C_OR_WORSE, "\n".join(f"{w} {r} ({c})" for w, r, c in complex_)
