"""Paths written in an issue folder's files: relative, inside the folder, existing.

manifest.md §1: every path in a manifest or story is relative to the issue folder
and must stay inside it; `../`, absolute paths and symlinks that resolve outside
are `missing-file` errors (preflight.md), as are files that do not exist.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

_NAME_MAX = 255  # bytes in one path component (Linux NAME_MAX, most file systems)
_SUGGEST_FILES = 5000  # files looked at for "did you mean" (an issue folder has dozens)


def display_path(folder: Path, rel: str) -> str:
    """A file inside `folder` as the user would name it (folder as given, plus rel)."""
    return os.path.join(str(folder), rel) if str(folder) not in ("", ".") else rel


def is_file(path: Path) -> bool:
    """Path.is_file that says False instead of raising for names the OS cannot take.

    A NUL byte (ValueError) or a name over NAME_MAX/PATH_MAX (ENAMETOOLONG) is a
    typo in a manifest, not an internal error.
    """
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def inside_problem(folder: Path, rel: str) -> str | None:
    """Why `rel` may not be used inside `folder`, or None when it is a file inside it."""
    if not rel:
        return "the path is empty"
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in rel):
        return f"{rel!r} contains a control character; a file name cannot"
    if any(len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX for part in rel.split("/")):
        return f"{rel!r} has a name longer than {_NAME_MAX} bytes, which no file can have"
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive or rel.startswith("\\"):
        return f"{rel!r} is an absolute path; paths in an issue folder are relative to it"
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        return f"{rel!r} leaves the issue folder (..)"
    try:
        root = folder.resolve()
        target = (folder / rel).resolve()
    except (OSError, RuntimeError) as err:  # a symlink loop, a path too long
        return f"{rel!r} cannot be resolved ({err.strerror if isinstance(err, OSError) else err})"
    if not target.is_relative_to(root):
        return f"{rel!r} resolves outside the issue folder (symlink to {target})"
    if not is_file(target):
        try:
            exists = target.exists()
        except OSError:
            exists = False
        return f"{rel!r} is not a file" if exists else f"{rel!r} does not exist"
    return None


def closest_file(folder: Path, rel: str) -> str | None:
    """The existing file in `folder` whose relative path is most like `rel` (a typo's
    likely target: photos/runers.jpg → photos/runners.jpg), or None."""
    candidates: list[str] = []
    try:
        for path in folder.rglob("*"):
            if len(candidates) >= _SUGGEST_FILES:
                break
            parts = path.relative_to(folder).parts
            if any(p.startswith(".") for p in parts) or not path.is_file():
                continue
            candidates.append("/".join(parts))
    except OSError:
        return None
    close = difflib.get_close_matches(rel.replace("\\", "/"), candidates, n=1, cutoff=0.6)
    if not close:  # a wrong folder with the right name (pics/a.jpg for photos/a.jpg)
        name = PurePosixPath(rel).name
        same = [c for c in candidates if PurePosixPath(c).name == name]
        close = same[:1]
    return close[0] if close else None


def missing_hint(folder: Path, rel: str, otherwise: str) -> str:
    """"did you mean …?" naming the closest existing file, else `otherwise`."""
    near = closest_file(folder, rel)
    return f"did you mean {near}?" if near and near != rel else otherwise
