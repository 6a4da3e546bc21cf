"""Han–Latin spacing (clreq §3.2.2 "Mixed Text Composition in Horizontal Writing Mode").

A Han character next to a Latin letter or a digit gets ¼ em between them; during
justification it may shrink to ⅛ em (clreq §5.2.3 f) or stretch to ⅓ em (clreq
§5.2.4 b, the common practical limit). No gap at a line's start or end, and none
where the source already has a space (the two are then not adjacent).
"""

from __future__ import annotations

from xhprint.text.segment import DIGIT, HAN, LATIN

GAP = 0.25
GAP_MIN = 0.125
GAP_MAX = 1.0 / 3.0

_WESTERN = (LATIN, DIGIT)


def han_latin_gap(prev_class: int, next_class: int) -> float:
    """The nominal gap (em) between two adjacent items of these classes."""
    if (prev_class == HAN and next_class in _WESTERN) or (
        prev_class in _WESTERN and next_class == HAN
    ):
        return GAP
    return 0.0
