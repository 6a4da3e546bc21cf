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

from xhprint.i18n import Message, msg
from xhprint.i18n.system import os_reason

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


def inside_problem(folder: Path, rel: str) -> Message | None:
    """Why `rel` may not be used inside `folder`, or None when it is a file inside it."""
    if not rel:
        return msg("the path is empty")
    return _written_problem(rel) or _disk_problem(folder, rel)


def _written_problem(rel: str) -> Message | None:
    """What is wrong with the path as written, before the disk is asked."""
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in rel):
        return msg("{path!r} contains a control character; a file name cannot", path=rel)
    if any(len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX for part in rel.split("/")):
        return msg("{path!r} has a name longer than {max} bytes, which no file can have",
                   path=rel, max=_NAME_MAX)
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive or rel.startswith("\\"):
        return msg("{path!r} is an absolute path; paths in an issue folder are relative to it",
                   path=rel)
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        return msg("{path!r} leaves the issue folder (..)", path=rel)
    return None


def _disk_problem(folder: Path, rel: str) -> Message | None:
    """Where `rel` leads on the disk: outside the folder (a symlink), or to no file."""
    try:
        root = folder.resolve()
        target = (folder / rel).resolve()
    except (OSError, RuntimeError) as err:  # a symlink loop, a path too long
        reason = os_reason(err) if isinstance(err, OSError) else msg(
            "too many symbolic links (a link loop)")
        return msg("{path!r} cannot be resolved ({reason})", path=rel, reason=reason)
    if not target.is_relative_to(root):
        return msg("{path!r} resolves outside the issue folder (symlink to {target})", path=rel,
                   target=str(target))
    if is_file(target):
        return None
    return (msg("{path!r} is not a file", path=rel) if _exists(target)
            else msg("{path!r} does not exist", path=rel))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def closest_file(folder: Path, rel: str) -> str | None:
    """The existing file in `folder` whose relative path is most like `rel` (a typo's
    likely target: photos/runers.jpg → photos/runners.jpg), or None."""
    candidates = _files_in(folder)
    if candidates is None:
        return None
    close = difflib.get_close_matches(rel.replace("\\", "/"), candidates, n=1, cutoff=0.6)
    if not close:  # a wrong folder with the right name (pics/a.jpg for photos/a.jpg)
        name = PurePosixPath(rel).name
        close = [c for c in candidates if PurePosixPath(c).name == name][:1]
    return close[0] if close else None


def _files_in(folder: Path) -> list[str] | None:
    """Up to _SUGGEST_FILES files under `folder` (hidden ones left out), as relative paths;
    None if the folder cannot be listed."""
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
    return candidates


def missing_hint(folder: Path, rel: str, otherwise: Message) -> Message:
    """"did you mean …?" naming the closest existing file, else `otherwise`."""
    near = closest_file(folder, rel)
    return msg("did you mean {path}?", path=near) if near and near != rel else otherwise
