"""Line-start / line-end prohibition tables (clreq §3.1.7, "行首行尾禁则").

Takes a character (or the first/last character of an unbreakable unit) and a level,
returns whether it may start or end a line. The four levels are clreq's:

- ``none``   ignore all prohibitions (some Taiwan/Hong Kong newspapers);
- ``basic``  pause/stop marks, closing quotes/brackets, connector marks and interpuncts
  never start a line; opening quotes/brackets never end one (clreq's recommended level);
- ``gb``     basic + a solidus never ends a line;
- ``strict`` gb + two-em dashes and ellipses never start a line.
"""

from __future__ import annotations

LEVELS = ("none", "basic", "gb", "strict")

# clreq §3.1.7 "basic": pause/stop punctuation (、，。．：；！？), closing quotes and
# brackets, connector marks and interpuncts; typography.md adds ％‰℃ (a number's unit
# sign never begins a line). U+30FB and U+301C are the interpunct / wave-dash forms
# that Traditional Chinese sources use for · and ～.
BASIC_NO_START = frozenset(
    "、，。．：；！？"
    "”’）〕］｝〉》」』】〗〙"
    "·‧–～\u30fb\u301c"
    "％‰℃"
)

# clreq §3.1.7 "basic": opening quotes and brackets never end a line.
BASIC_NO_END = frozenset("“‘（〔［｛〈《「『【〖〘")

# clreq §3.1.7 "GB-style": a solidus (分隔号) never ends a line.
GB_NO_END = frozenset("/／")

# clreq §3.1.7 "strict": two-em dashes and ellipses never start a line.
STRICT_NO_START = frozenset("—…⋯⸺")


def check_level(level: str) -> str:
    """Return `level` if it is one of LEVELS; raise ValueError otherwise."""
    if level not in LEVELS:
        raise ValueError(f"kinsoku level must be one of {LEVELS}, not {level!r}")
    return level


def no_start_set(level: str) -> frozenset[str]:
    """Characters that may not begin a line at `level`."""
    check_level(level)
    if level == "none":
        return frozenset()
    if level == "strict":
        return BASIC_NO_START | STRICT_NO_START
    return BASIC_NO_START


def no_end_set(level: str) -> frozenset[str]:
    """Characters that may not end a line at `level`."""
    check_level(level)
    if level == "none":
        return frozenset()
    if level in ("gb", "strict"):
        return BASIC_NO_END | GB_NO_END
    return BASIC_NO_END
