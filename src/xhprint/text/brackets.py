"""Brackets and quotes as pairs: where a phrase in （…） or 「…」 is still open.

A headline that breaks inside (擴大) or 「模速空間」 splits what readers take as one
phrase; balancing and the headline shrink rule ask these questions (clreq §3.1.7 spirit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

OPENING = frozenset("([{（〔［｛〈《「『【〖〘“‘")
CLOSING = frozenset(")]}）〕］｝〉》」』】〗〙”’")


def depth_before(chars: Sequence[str], end: int) -> int:
    """How many brackets or quotes are open before index `end`."""
    depth = 0
    for ch in chars[:end]:
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING and depth:
            depth -= 1
    return depth


def breaks_inside(text: str, breaks: Iterable[int]) -> bool:
    """Whether any of the break offsets falls inside an open bracket or quote."""
    return any(depth_before(text, b) for b in breaks)
